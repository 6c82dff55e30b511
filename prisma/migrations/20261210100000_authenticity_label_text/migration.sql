-- the words OCR read on a label or packaging photo (empty when it read none), null until read
ALTER TABLE "authenticity_check_photos" ADD COLUMN "ocr_text" TEXT;
