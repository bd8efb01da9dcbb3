-- Full-text indexes over the normalised search keys (Claim.searchKey, Document.searchKey), so
-- list searches walk an index instead of scanning every row with LIKE. External-content FTS5
-- tables: the text lives once, in the base table; the triggers below keep the index in step
-- with every write, whichever code path makes it (use cases, bundle import, merges, raw SQL).
-- The keys are already normalised by src/engine/normalize.ts, so the tokenizer only splits.
--
-- NOTE for future migrations: a Prisma "redefine table" step (CREATE new_X / DROP X / RENAME)
-- drops these triggers. Any migration that redefines Claim or Document must re-create them and
-- end with the matching 'rebuild'. test/domain/search-fts.test.ts fails if they are missing.
CREATE VIRTUAL TABLE "ClaimSearch" USING fts5("searchKey", content='Claim', content_rowid='id', tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER "Claim_search_ai" AFTER INSERT ON "Claim" BEGIN
  INSERT INTO "ClaimSearch"(rowid, "searchKey") VALUES (new."id", new."searchKey");
END;
CREATE TRIGGER "Claim_search_ad" AFTER DELETE ON "Claim" BEGIN
  INSERT INTO "ClaimSearch"("ClaimSearch", rowid, "searchKey") VALUES ('delete', old."id", old."searchKey");
END;
CREATE TRIGGER "Claim_search_au" AFTER UPDATE OF "searchKey" ON "Claim" BEGIN
  INSERT INTO "ClaimSearch"("ClaimSearch", rowid, "searchKey") VALUES ('delete', old."id", old."searchKey");
  INSERT INTO "ClaimSearch"(rowid, "searchKey") VALUES (new."id", new."searchKey");
END;
INSERT INTO "ClaimSearch"("ClaimSearch") VALUES ('rebuild');

CREATE VIRTUAL TABLE "DocumentSearch" USING fts5("searchKey", content='Document', content_rowid='id', tokenize='unicode61 remove_diacritics 0');
CREATE TRIGGER "Document_search_ai" AFTER INSERT ON "Document" BEGIN
  INSERT INTO "DocumentSearch"(rowid, "searchKey") VALUES (new."id", new."searchKey");
END;
CREATE TRIGGER "Document_search_ad" AFTER DELETE ON "Document" BEGIN
  INSERT INTO "DocumentSearch"("DocumentSearch", rowid, "searchKey") VALUES ('delete', old."id", old."searchKey");
END;
CREATE TRIGGER "Document_search_au" AFTER UPDATE OF "searchKey" ON "Document" BEGIN
  INSERT INTO "DocumentSearch"("DocumentSearch", rowid, "searchKey") VALUES ('delete', old."id", old."searchKey");
  INSERT INTO "DocumentSearch"(rowid, "searchKey") VALUES (new."id", new."searchKey");
END;
INSERT INTO "DocumentSearch"("DocumentSearch") VALUES ('rebuild');
