/** /api/v1/documents: list, read (with the full text), create, replace metadata. The text is immutable. */
import { Router } from "express";
import { inTransaction, type Db } from "../../db/client.ts";
import { createDocument } from "../../domain/documents/create-document.ts";
import { getDocument, listDocuments } from "../../domain/documents/queries.ts";
import { updateDocument } from "../../domain/documents/update-document.ts";
import { presentDocument, presentDocumentDetail, presentDocumentSummary, presentPage } from "../../presenters/api.ts";
import { actorOf, requireRole } from "../auth.ts";
import { documentListQuery, documentSchema, documentUpdateSchema } from "../schemas.ts";
import { parse } from "../validate.ts";
import { currentInput, merge, parsePatch } from "./patch.ts";
import { created, pathId } from "./support.ts";

export function documentRoutes(db: Db): Router {
  const router = Router();

  router.get("/documents", async (req, res) => {
    const query = parse(documentListQuery, req.query);
    res.json(presentPage(await listDocuments(db, query), presentDocumentSummary));
  });

  router.post("/documents", requireRole("analyst"), async (req, res) => {
    const input = parse(documentSchema, req.body);
    const doc = await inTransaction(db, (tx) => createDocument(tx, actorOf(req, res), input));
    created(res, `${req.baseUrl}/documents/${doc.id}`, presentDocument(doc));
  });

  router.get("/documents/:id", async (req, res) => {
    res.json(presentDocumentDetail(await getDocument(db, pathId(req, "The document"))));
  });

  // A merge over the current metadata (see ./patch.ts); `text` is not in documentUpdateSchema,
  // so sending it is a 422: a corrected report is a new document.
  router.patch("/documents/:id", requireRole("analyst"), async (req, res) => {
    const id = pathId(req, "The document");
    const patch = parsePatch(documentUpdateSchema, req.body);
    const doc = await inTransaction(db, async (tx) => {
      const current = currentInput(documentUpdateSchema, await getDocument(tx, id));
      return updateDocument(tx, actorOf(req, res), id, merge(current, patch));
    });
    res.json(presentDocument(doc));
  });

  return router;
}
