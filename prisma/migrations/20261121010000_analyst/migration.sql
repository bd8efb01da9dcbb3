-- AlterTable
ALTER TABLE "Claim" ADD COLUMN "eventDate" DATETIME;
ALTER TABLE "Claim" ADD COLUMN "mergedIntoId" INTEGER;

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "AuditCheckpoint" (
    "size" INTEGER NOT NULL PRIMARY KEY,
    "rootHash" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "keyId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Attribution" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "claimId" INTEGER NOT NULL,
    "sourceId" INTEGER NOT NULL,
    "outletId" INTEGER,
    "viaId" INTEGER,
    "documentId" INTEGER,
    "stance" TEXT NOT NULL,
    "quote" TEXT NOT NULL DEFAULT '',
    "statedAt" DATETIME,
    "credibility" INTEGER,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Attribution_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attribution_sourceId_fkey" FOREIGN KEY ("sourceId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attribution_outletId_fkey" FOREIGN KEY ("outletId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attribution_viaId_fkey" FOREIGN KEY ("viaId") REFERENCES "Source" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Attribution_documentId_fkey" FOREIGN KEY ("documentId") REFERENCES "Document" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Attribution" ("claimId", "createdAt", "createdById", "credibility", "documentId", "id", "outletId", "quote", "sourceId", "stance", "statedAt", "updatedAt") SELECT "claimId", "createdAt", "createdById", "credibility", "documentId", "id", "outletId", "quote", "sourceId", "stance", "statedAt", "updatedAt" FROM "Attribution";
DROP TABLE "Attribution";
ALTER TABLE "new_Attribution" RENAME TO "Attribution";
CREATE INDEX "Attribution_claimId_idx" ON "Attribution"("claimId");
CREATE INDEX "Attribution_sourceId_idx" ON "Attribution"("sourceId");
CREATE INDEX "Attribution_documentId_idx" ON "Attribution"("documentId");
CREATE TABLE "new_Review" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "claimId" INTEGER NOT NULL,
    "reviewerId" INTEGER NOT NULL,
    "previousStatus" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "rationale" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'final',
    "confirmedById" INTEGER,
    "confirmedAt" DATETIME,
    "confirmNote" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Review_claimId_fkey" FOREIGN KEY ("claimId") REFERENCES "Claim" ("id") ON DELETE RESTRICT ON UPDATE CASCADE,
    CONSTRAINT "Review_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_Review" ("claimId", "createdAt", "id", "previousStatus", "rationale", "reviewerId", "status") SELECT "claimId", "createdAt", "id", "previousStatus", "rationale", "reviewerId", "status" FROM "Review";
DROP TABLE "Review";
ALTER TABLE "new_Review" RENAME TO "Review";
CREATE INDEX "Review_claimId_idx" ON "Review"("claimId");
CREATE INDEX "Review_state_idx" ON "Review"("state");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

