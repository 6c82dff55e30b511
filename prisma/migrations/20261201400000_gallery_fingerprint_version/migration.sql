-- The fingerprint recipe a gallery picture's stored hashes were made by: pictures made by an
-- older recipe are fingerprinted again from their bytes when a worker builds the gallery index.
ALTER TABLE "gallery_images" ADD COLUMN "fingerprint_version" INTEGER NOT NULL DEFAULT 1;
