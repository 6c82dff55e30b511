-- A subject's row announces its answer: when its status becomes awaiting_review, completed or
-- failed, NOTIFY subject_answered with the row's id (delivered at commit). The API's `?wait`
-- handlers listen instead of reading their rows over and over (api/answerNotifications.ts).
-- A capability's table joins with one CREATE TRIGGER line.
-- (The migration runner splits a script at every semicolon, quoted or not, so the body spells
-- its semicolons as the escape \073.)
CREATE FUNCTION notify_subject_answered() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN PERFORM pg_notify(''subject_answered'', NEW.id::text)\073 RETURN NULL\073 END';

CREATE TRIGGER seller_vettings_answered AFTER UPDATE OF status ON seller_vettings FOR EACH ROW
  WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status::text IN ('awaiting_review', 'completed', 'failed'))
  EXECUTE FUNCTION notify_subject_answered();
CREATE TRIGGER listing_screenings_answered AFTER UPDATE OF status ON listing_screenings FOR EACH ROW
  WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status::text IN ('awaiting_review', 'completed', 'failed'))
  EXECUTE FUNCTION notify_subject_answered();
CREATE TRIGGER content_screenings_answered AFTER UPDATE OF status ON content_screenings FOR EACH ROW
  WHEN (NEW.status IS DISTINCT FROM OLD.status AND NEW.status::text IN ('awaiting_review', 'completed', 'failed'))
  EXECUTE FUNCTION notify_subject_answered();
