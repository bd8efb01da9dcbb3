import { Router } from "express";
import { t } from "../../i18n/index.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/client.ts";
import { createDocument } from "../../domain/documents/create-document.ts";
import { getDocument, listDocuments } from "../../domain/documents/queries.ts";
import { updateDocument } from "../../domain/documents/update-document.ts";
import { sourceOptions } from "../../domain/sources/queries.ts";
import { presentSourceRef } from "../../presenters/view.ts";
import { actorOf } from "../auth.ts";
import { documentListQuery, documentSchema, documentUpdateSchema } from "../schemas.ts";
import { idParam } from "../validate.ts";
import { handleForm, renderForm } from "./forms.ts";

function day(d: Date | null) {
  return d ? d.toISOString().slice(0, 10) : "";
}

export function documentRoutes(db: Db): Router {
  const router = Router();
  const pickers = async () => ({ publishers: await sourceOptions(db) });

  router.get("/documents", async (req, res) => {
    const query = documentListQuery.parse(req.query);
    const result = await listDocuments(db, query);
    const items = result.items.map((d) => ({ ...d, publisher: d.publisher, attributions: d._count.attributions, sha: d.sha256.slice(0, 12) }));
    await renderForm(res, "documents", t("title.documents"), { query, result: { ...result, items }, ...(await pickers()) });
  });

  router.get("/documents/new", async (_req, res) => {
    await renderForm(res, "document-form", t("title.newDocument"), { ...(await pickers()), values: { language: "ar" }, errors: {}, action: "/documents" });
  });

  router.post("/documents", async (req, res) => {
    await handleForm(req, res, {
      schema: documentSchema,
      view: "document-form",
      title: t("title.newDocument"),
      viewData: async () => ({ ...(await pickers()), action: "/documents" }),
      action: async (input) => {
        const d = await inTransaction(db, (tx) => createDocument(tx, actorOf(req, res), input));
        return `/documents/${d.id}`;
      },
    });
  });

  router.get("/documents/:id", async (req, res) => {
    const d = await getDocument(db, idParam(req.params.id));
    await renderForm(res, "document", d.title, {
      doc: {
        id: d.id,
        key: d.key,
        title: d.title,
        url: d.url,
        language: d.language,
        publishedAt: d.publishedAt,
        retrievedAt: d.retrievedAt,
        text: d.text,
        sha256: d.sha256,
        publisher: presentSourceRef(d.publisher),
      },
      attributions: d.attributions.map((a) => ({
        id: a.id,
        stance: a.stance,
        quote: a.quote,
        source: presentSourceRef(a.source),
        claim: { id: a.claim.id, text: a.claim.text },
      })),
    });
  });

  router.get("/documents/:id/edit", async (req, res) => {
    const d = await getDocument(db, idParam(req.params.id));
    await renderForm(res, "document-form", t("title.editDocument"), {
      ...(await pickers()),
      values: {
        title: d.title,
        url: d.url ?? "",
        publisherId: d.publisherId,
        publishedAt: day(d.publishedAt),
        retrievedAt: day(d.retrievedAt),
        language: d.language,
      },
      errors: {},
      action: `/documents/${d.id}`,
      editing: true,
    });
  });

  router.post("/documents/:id", async (req, res) => {
    const id = idParam(req.params.id);
    await handleForm(req, res, {
      schema: documentUpdateSchema,
      view: "document-form",
      title: t("title.editDocument"),
      viewData: async () => ({ ...(await pickers()), action: `/documents/${id}`, editing: true }),
      action: async (input) => {
        await inTransaction(db, (tx) => updateDocument(tx, actorOf(req, res), id, input));
        return `/documents/${id}`;
      },
    });
  });
  return router;
}
