-- A vetting that could not finish records why, and a ban records who, why and when.
-- AlterTable
ALTER TABLE "seller_vettings" ADD COLUMN     "failed_at" TIMESTAMP(3),
ADD COLUMN     "failure_detail" TEXT,
ADD COLUMN     "failure_reason" TEXT;

-- AlterTable
ALTER TABLE "sellers" ADD COLUMN     "ban_lifted_at" TIMESTAMP(3),
ADD COLUMN     "ban_lifted_by" UUID,
ADD COLUMN     "ban_lifted_reason" TEXT,
ADD COLUMN     "banned_by" UUID,
ADD COLUMN     "banned_reason" TEXT;
