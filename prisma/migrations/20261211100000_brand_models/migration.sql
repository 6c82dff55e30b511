-- A brand's models: [{ "name": text, "gtins": [14-digit GTIN, ...] }], the names a label or a listing may give and the GTINs each is sold under
ALTER TABLE "brands" ADD COLUMN "models" JSONB NOT NULL DEFAULT '[]';
