-- An authenticity check answers a waiting submitter also when the seller's window opens
-- (awaiting_seller_response): the buyer can be told then, and the window may last days. The
-- statuses are the check's declared answered statuses (core/authenticityCheck.ts).
DROP TRIGGER authenticity_checks_answered ON authenticity_checks;
CREATE TRIGGER authenticity_checks_answered AFTER UPDATE OF status ON authenticity_checks FOR EACH ROW
  WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status::text IN ('awaiting_seller_response', 'awaiting_review', 'completed', 'failed'))
  EXECUTE FUNCTION notify_subject_answered();
