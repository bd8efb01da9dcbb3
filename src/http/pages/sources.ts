import { Router, type Request, type Response } from "express";
import { t } from "../../i18n/index.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/client.ts";
import { createSource } from "../../domain/sources/create-source.ts";
import { getSource, listSources, sourceOptions } from "../../domain/sources/queries.ts";
import { updateSource } from "../../domain/sources/update-source.ts";
import { RELIABILITY_GRADES, SOURCE_KINDS } from "../../validation/fields.ts";
import { mergeSources } from "../../domain/sources/merge-sources.ts";
import { actorOf, requireRole } from "../auth.ts";
import { sourceListQuery, sourceMergeFormSchema, sourceSchema } from "../schemas.ts";
import { idParam } from "../validate.ts";
import { handleForm, renderForm, setFlash, type FormOptions } from "./forms.ts";
import { presentSourcePage, presentSourceRow, sourceFormValues } from "../../presenters/source.ts";

export function sourceRoutes(db: Db): Router {
  const router = Router();
  const pickers = async () => ({ kinds: SOURCE_KINDS, grades: RELIABILITY_GRADES, parents: await sourceOptions(db) });

  /** The new-source and edit-source form: on an error the same form again, with its pickers, posting to `formAction`. */
  const sourceForm = (req: Request, res: Response, title: string, formAction: string, editing: boolean, action: FormOptions<typeof sourceSchema>["action"]) =>
    handleForm(req, res, {
      schema: sourceSchema,
      view: "source-form",
      title,
      viewData: async () => ({ ...(await pickers()), action: formAction, ...(editing ? { editing } : {}) }),
      action,
    });

  router.get("/sources", async (req, res) => {
    const query = sourceListQuery.parse(req.query);
    const result = await listSources(db, query);
    const items = result.items.map(presentSourceRow);
    await renderForm(res, "sources", t("title.sources"), { query, result: { ...result, items }, kinds: SOURCE_KINDS, grades: RELIABILITY_GRADES });
  });

  router.get("/sources/new", async (_req, res) => {
    await renderForm(res, "source-form", t("title.newSource"), {
      ...(await pickers()),
      values: { kind: "outlet", reliability: "F" },
      errors: {},
      action: "/sources",
    });
  });

  router.post("/sources", async (req, res) => {
    await sourceForm(req, res, t("title.newSource"), "/sources", false, async (input) => {
      const s = await inTransaction(db, (tx) => createSource(tx, actorOf(req, res), input));
      return `/sources/${s.id}`;
    });
  });

  /** The source page's data: the source, and the sources it can be merged into. */
  async function sourcePage(id: number) {
    const s = await getSource(db, id);
    return { ...presentSourcePage(s), mergeTargets: (await sourceOptions(db)).filter((o) => o.id !== s.id) };
  }

  router.get("/sources/:id", async (req, res) => {
    const s = await getSource(db, idParam(req.params.id));
    // A merged source lives on in the one it was merged into: old links land there.
    if (s.mergedIntoId != null) {
      setFlash(req, { key: "flash.sourceMerged", values: { name: s.name } });
      res.redirect(303, `/sources/${s.mergedIntoId}`);
      return;
    }
    await renderForm(res, "source", s.name, { ...(await sourcePage(s.id)), mergeValues: {}, mergeErrors: {} });
  });

  router.post("/sources/:id/merge", requireRole("analyst"), async (req, res) => {
    const id = idParam(req.params.id);
    await handleForm(req, res, {
      schema: sourceMergeFormSchema,
      view: "source",
      title: "Source",
      valuesKey: "mergeValues",
      errorsKey: "mergeErrors",
      viewData: async () => sourcePage(id),
      action: async (input) => {
        const r = await inTransaction(db, (tx) => mergeSources(tx, actorOf(req, res), { fromId: id, intoId: input.into, note: input.note }));
        return `/sources/${r.source.id}`;
      },
    });
  });

  router.get("/sources/:id/edit", async (req, res) => {
    const s = await getSource(db, idParam(req.params.id));
    await renderForm(res, "source-form", t("title.editSource"), {
      ...(await pickers()),
      values: sourceFormValues(s),
      errors: {},
      action: `/sources/${s.id}`,
      editing: true,
    });
  });

  router.post("/sources/:id", async (req, res) => {
    const id = idParam(req.params.id);
    await sourceForm(req, res, t("title.editSource"), `/sources/${id}`, true, async (input) => {
      await inTransaction(db, (tx) => updateSource(tx, actorOf(req, res), id, input));
      return `/sources/${id}`;
    });
  });
  return router;
}
