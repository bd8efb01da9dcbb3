-- A claim page at 100,000 claims: its links seen from the "to" side, the conflicts where it is
-- the other claim, and the conflict items of an attribution were full-table scans.
-- CreateIndex
CREATE INDEX "ClaimLink_toId_idx" ON "ClaimLink"("toId");

-- CreateIndex
CREATE INDEX "Conflict_otherClaimId_idx" ON "Conflict"("otherClaimId");

-- CreateIndex
CREATE INDEX "ConflictItem_attributionId_idx" ON "ConflictItem"("attributionId");
