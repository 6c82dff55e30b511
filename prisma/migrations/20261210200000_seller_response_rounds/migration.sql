-- A reopened check that leans counterfeit again gives the seller a window of its own: one answer per round
ALTER TABLE "authenticity_seller_responses" ADD COLUMN "round" INTEGER NOT NULL DEFAULT 0;
DROP INDEX "authenticity_seller_responses_check_id_key";
CREATE UNIQUE INDEX "authenticity_seller_responses_check_id_round_key" ON "authenticity_seller_responses"("check_id", "round");
-- the seller's window of a round that was reopened, kept with the round
ALTER TABLE "authenticity_check_rounds" ADD COLUMN "seller_window_closes_at" TIMESTAMP(3);
