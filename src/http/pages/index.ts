import { Router, type RequestHandler } from "express";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { authRoutes } from "./auth.ts";

/** All server-rendered pages. Everything but /login needs a signed-in user. */
export function pageRoutes(db: Db, config: Config, requireUser: RequestHandler): Router {
  const router = Router();
  router.use(authRoutes(db, config));
  router.use(requireUser);
  return router;
}
