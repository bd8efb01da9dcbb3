/** Attributions: recorded under their claim, then edited and removed by their own id. */
import { Router } from "express";
import { inTransaction, type Db } from "../../db/client.ts";
import { recordAttribution } from "../../domain/attributions/record-attribution.ts";
import { deleteAttribution, updateAttribution } from "../../domain/attributions/update-attribution.ts";
import { presentAttribution } from "../../presenters/api-claims.ts";
import { actorOf, requireRole } from "../auth.ts";
import { attributionSchema } from "../schemas.ts";
import { parse } from "../validate.ts";
import { currentInput, merge, parsePatch } from "./patch.ts";
import { getAttribution } from "../../domain/attributions/queries.ts";
import { created, pathId } from "./support.ts";

export function attributionRoutes(db: Db): Router {
  const router = Router();

  router.post("/claims/:id/attributions", requireRole("analyst"), async (req, res) => {
    const claimId = pathId(req, "The claim");
    const input = parse(attributionSchema, req.body);
    const attribution = await inTransaction(db, (tx) => recordAttribution(tx, actorOf(req, res), { claimId, ...input }));
    created(res, `${req.baseUrl}/attributions/${attribution.id}`, presentAttribution(attribution));
  });

  // A merge over the current attribution (see ./patch.ts); the claim it belongs to cannot
  // change. Conflicts are re-analysed by the use case.
  router.patch("/attributions/:id", requireRole("analyst"), async (req, res) => {
    const id = pathId(req, "The attribution");
    const patch = parsePatch(attributionSchema, req.body);
    const attribution = await inTransaction(db, async (tx) => {
      // the why of a grade belongs to one decision, not to the record: it is never carried over
      const current = currentInput(attributionSchema, await getAttribution(tx, id), { credibilityNote: () => "" });
      return updateAttribution(tx, actorOf(req, res), id, merge(current, patch));
    });
    res.json(presentAttribution(attribution));
  });

  router.delete("/attributions/:id", requireRole("analyst"), async (req, res) => {
    const id = pathId(req, "The attribution");
    await inTransaction(db, (tx) => deleteAttribution(tx, actorOf(req, res), id));
    res.status(204).end();
  });

  return router;
}
