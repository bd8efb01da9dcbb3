import { Router, type RequestHandler } from "express";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { auditRoutes } from "./audit.ts";
import { authRoutes } from "./auth.ts";
import { claimRoutes } from "./claims.ts";
import { conflictRoutes } from "./conflicts.ts";
import { dashboardRoutes } from "./dashboard.ts";
import { documentRoutes } from "./documents.ts";
import { flashText, takeFlashParts, type FlashPart } from "./forms.ts";
import { sourceRoutes } from "./sources.ts";
import { userRoutes } from "./users.ts";
import { reportRoutes } from "./reports.ts";
import { settingsRoutes } from "./settings.ts";
import { ingestRoutes } from "./ingest.ts";

/** All server-rendered pages. Everything but /login needs a signed-in user. */
export function pageRoutes(db: Db, config: Config, requireUser: RequestHandler): Router {
  const router = Router();
  router.use(authRoutes(db, config));
  router.use(requireUser);
  router.use((req, res, next) => {
    if (req.method === "GET") {
      res.locals.flashParts = takeFlashParts(req);
      res.locals.flash = flashText(res.locals.flashParts as FlashPart[] | undefined);
    }
    next();
  });
  router.use(dashboardRoutes(db));
  router.use(claimRoutes(db));
  router.use(sourceRoutes(db));
  router.use(documentRoutes(db));
  router.use(conflictRoutes(db));
  router.use(auditRoutes(db, config.AUDIT_KEY_FILE));
  router.use(userRoutes(db));
  router.use(reportRoutes(db, config));
  router.use(settingsRoutes(db));
  router.use(ingestRoutes(db, config));
  return router;
}
