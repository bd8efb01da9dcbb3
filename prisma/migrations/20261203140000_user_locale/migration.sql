-- The interface language a user chose (en | ar); NULL until they choose, when the browser's
-- Accept-Language decides.
ALTER TABLE "User" ADD COLUMN "locale" TEXT;
