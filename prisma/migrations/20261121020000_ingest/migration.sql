-- AlterTable
ALTER TABLE "Attribution" ADD COLUMN "quoteEnd" INTEGER;
ALTER TABLE "Attribution" ADD COLUMN "quoteStart" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Document" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "url" TEXT,
    "publisherId" INTEGER,
    "publishedAt" DATETIME,
    "retrievedAt" DATETIME,
    "language" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "sha256" TEXT NOT NULL,
    "sourceFormat" TEXT NOT NULL DEFAULT 'text',
    "fileName" TEXT,
    "rawBytes" BLOB,
    "rawSha256" TEXT,
    "searchKey" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Document_publisherId_fkey" FOREIGN KEY ("publisherId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Document" ("createdAt", "id", "key", "language", "publishedAt", "publisherId", "retrievedAt", "searchKey", "sha256", "text", "title", "updatedAt", "url") SELECT "createdAt", "id", "key", "language", "publishedAt", "publisherId", "retrievedAt", "searchKey", "sha256", "text", "title", "updatedAt", "url" FROM "Document";
DROP TABLE "Document";
ALTER TABLE "new_Document" RENAME TO "Document";
CREATE UNIQUE INDEX "Document_key_key" ON "Document"("key");
CREATE INDEX "Document_sha256_idx" ON "Document"("sha256");
CREATE INDEX "Document_rawSha256_idx" ON "Document"("rawSha256");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

