import { Router } from "express";
import { t } from "../../i18n/index.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/client.ts";
import { getConflict, listConflicts } from "../../domain/conflicts/queries.ts";
import { setConflictStatus } from "../../domain/conflicts/set-conflict-status.ts";
import { presentConflict } from "../../presenters/view.ts";
import { CONFLICT_STATUSES } from "../../validation/fields.ts";
import { actorOf } from "../auth.ts";
import { conflictListQuery, conflictStatusSchema } from "../schemas.ts";
import { idParam } from "../validate.ts";
import { handleForm, renderForm } from "./forms.ts";

export function conflictRoutes(db: Db): Router {
  const router = Router();

  router.get("/conflicts", async (req, res) => {
    const query = conflictListQuery.parse(req.query);
    const result = await listConflicts(db, query);
    await renderForm(res, "conflicts", t("title.conflicts"), {
      query,
      result: { ...result, items: result.items.map(presentConflict) },
      statuses: CONFLICT_STATUSES,
      kinds: ["stance", "reversal", "contradiction", "detail"],
    });
  });

  const page = async (id: number) => ({ conflict: presentConflict(await getConflict(db, id)), statuses: CONFLICT_STATUSES });

  router.get("/conflicts/:id", async (req, res) => {
    const data = await page(idParam(req.params.id));
    await renderForm(res, "conflict", t("title.conflict", { id: data.conflict.id }), { ...data, values: { status: data.conflict.status }, errors: {} });
  });

  router.post("/conflicts/:id/status", async (req, res) => {
    const id = idParam(req.params.id);
    await handleForm(req, res, {
      schema: conflictStatusSchema,
      view: "conflict",
      title: t("title.conflict", { id }),
      viewData: () => page(id),
      action: async (input) => {
        await inTransaction(db, (tx) => setConflictStatus(tx, actorOf(req, res), { ...input, conflictId: id }));
        return `/conflicts/${id}`;
      },
    });
  });
  return router;
}
