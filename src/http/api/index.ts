import { Router } from "express";
import type { Db } from "../../db/client.ts";
import { presentMe } from "../../presenters/api.ts";
import type { CurrentUser } from "../auth.ts";
import { attributionRoutes } from "./attributions.ts";
import { auditRoutes } from "./audit.ts";
import { claimRoutes } from "./claims.ts";
import { conflictRoutes } from "./conflicts.ts";
import { documentRoutes } from "./documents.ts";
import { ingestRoutes } from "./ingest.ts";
import { sourceRoutes } from "./sources.ts";
import { jsonBodiesOnly } from "./support.ts";

/**
 * The JSON API under /api/v1 (bearer-token authenticated: src/app.ts checks the token, sets
 * `res.locals.user` and `Cache-Control: no-store` before this router runs). Every resource
 * router is mounted without a path prefix so `req.baseUrl` is the API root for Location headers.
 *
 * Roles: every signed-in user reads; analysts (and up) record and edit, and set conflict
 * status; reviewers (and admins) also review claims. Unknown routes fall through to the
 * app's JSON 404.
 */
export function apiRouter(db: Db): Router {
  const router = Router();
  router.use(ingestRoutes(db)); // before the JSON-only guard: POST /ingest also takes NDJSON
  router.use(jsonBodiesOnly);
  router.get("/me", (_req, res) => {
    res.json(presentMe(res.locals.user as CurrentUser));
  });
  router.use(sourceRoutes(db));
  router.use(documentRoutes(db));
  router.use(claimRoutes(db));
  router.use(attributionRoutes(db));
  router.use(conflictRoutes(db));
  router.use(auditRoutes(db));
  return router;
}
