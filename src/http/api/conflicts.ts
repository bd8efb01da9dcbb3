/** /api/v1/conflicts: what the engine found, and the analyst's decision on it. */
import { Router } from "express";
import { inTransaction, type Db } from "../../db/client.ts";
import { getConflict, listConflicts } from "../../domain/conflicts/queries.ts";
import { setConflictStatus } from "../../domain/conflicts/set-conflict-status.ts";
import { presentPage } from "../../presenters/api.ts";
import { presentConflict, presentConflictDetail } from "../../presenters/api-claims.ts";
import { actorOf, requireRole } from "../auth.ts";
import { conflictListQuery, conflictStatusSchema } from "../schemas.ts";
import { parse } from "../validate.ts";
import { pathId } from "./support.ts";

export function conflictRoutes(db: Db): Router {
  const router = Router();

  router.get("/conflicts", async (req, res) => {
    const query = parse(conflictListQuery, req.query);
    res.json(presentPage(await listConflicts(db, query), presentConflictDetail));
  });

  router.get("/conflicts/:id", async (req, res) => {
    res.json(presentConflictDetail(await getConflict(db, pathId(req, "The conflict"))));
  });

  router.patch("/conflicts/:id", requireRole("analyst"), async (req, res) => {
    const conflictId = pathId(req, "The conflict");
    const input = parse(conflictStatusSchema, req.body);
    const conflict = await inTransaction(db, (tx) => setConflictStatus(tx, actorOf(req, res), { conflictId, ...input }));
    res.json(presentConflict(conflict));
  });

  return router;
}
