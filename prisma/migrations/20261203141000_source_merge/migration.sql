-- A source merged into another keeps its row (old links and the audit trail still resolve it).
ALTER TABLE "Source" ADD COLUMN "mergedIntoId" INTEGER;
CREATE INDEX "Source_mergedIntoId_idx" ON "Source"("mergedIntoId");
