/** /api/v1/sources: list, read, create, replace. */
import { Router } from "express";
import { inTransaction, type Db } from "../../db/client.ts";
import { createSource } from "../../domain/sources/create-source.ts";
import { getSource, listSources } from "../../domain/sources/queries.ts";
import { updateSource } from "../../domain/sources/update-source.ts";
import { aliasList, presentPage, presentSource, presentSourceDetail } from "../../presenters/api.ts";
import { actorOf, requireRole } from "../auth.ts";
import { sourceListQuery, sourceMergeSchema, sourceSchema } from "../schemas.ts";
import { mergeSources } from "../../domain/sources/merge-sources.ts";
import { parse } from "../validate.ts";
import { currentInput, merge, parsePatch } from "./patch.ts";
import { created, pathId } from "./support.ts";

export function sourceRoutes(db: Db): Router {
  const router = Router();

  router.get("/sources", async (req, res) => {
    const query = parse(sourceListQuery, req.query);
    res.json(presentPage(await listSources(db, query), presentSource));
  });

  router.post("/sources", requireRole("analyst"), async (req, res) => {
    const input = parse(sourceSchema, req.body);
    const source = await inTransaction(db, (tx) => createSource(tx, actorOf(req, res), input));
    created(res, `${req.baseUrl}/sources/${source.id}`, presentSource(source));
  });

  router.get("/sources/:id", async (req, res) => {
    res.json(presentSourceDetail(await getSource(db, pathId(req, "The source"))));
  });

  // A merge over the current source (see ./patch.ts); `aliases`, when sent, replaces the list.
  router.patch("/sources/:id", requireRole("analyst"), async (req, res) => {
    const id = pathId(req, "The source");
    const patch = parsePatch(sourceSchema, req.body);
    const source = await inTransaction(db, async (tx) => {
      const current = currentInput(sourceSchema, await getSource(tx, id), { aliases: aliasList });
      return updateSource(tx, actorOf(req, res), id, merge(current, patch));
    });
    res.json(presentSource(source));
  });

  // Merge this source into `into`; answers with the source that now holds everything.
  router.post("/sources/:id/merge", requireRole("analyst"), async (req, res) => {
    const id = pathId(req, "The source");
    const input = parse(sourceMergeSchema, req.body);
    const result = await inTransaction(db, (tx) => mergeSources(tx, actorOf(req, res), { fromId: id, intoId: input.into, note: input.note }));
    res.json({
      source: presentSource(result.source),
      merged: presentSource(result.merged),
      aliasesAdded: result.aliasesAdded,
      moved: result.moved,
      claimsReanalysed: result.claims,
    });
  });

  return router;
}
