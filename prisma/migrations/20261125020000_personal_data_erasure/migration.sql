-- AlterTable
ALTER TABLE "sellers" ADD COLUMN     "erased_at" TIMESTAMP(3);

