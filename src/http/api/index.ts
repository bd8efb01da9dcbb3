import { Router } from "express";
import type { Db } from "../../db/client.ts";

/** The JSON API under /api/v1 (bearer-token authenticated). */
export function apiRouter(_db: Db): Router {
  const router = Router();
  return router;
}
