/**
 * createApp() builds the Express app; src/server.ts only listens. Tests drive createApp()
 * directly with supertest against a real SQLite file.
 */
import { refuseInvalidUtf8 } from "./http/body.ts";
import { randomBytes } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import express from "express";
import session from "express-session";
import helmet from "helmet";
import type { Config } from "./config.ts";
import type { Db } from "./db/client.ts";
import { apiRouter } from "./http/api/index.ts";
import { loadUser, requestId, requireUser } from "./http/auth.ts";
import { csrfProtection, originCheck } from "./http/csrf.ts";
import { errorHandler, sendError } from "./http/error-handler.ts";
import { pageRoutes } from "./http/pages/index.ts";
import { ingestUpload } from "./http/pages/ingest.ts";
import { PrismaSessionStore } from "./http/session-store.ts";
import { shedLoad } from "./http/shed.ts";
import { localeMiddleware } from "./http/locale.ts";
import { AppError } from "./errors.ts";
import { t } from "./i18n/index.ts";
import { BODY_MAX_BYTES, INGEST_BODY_MAX_BYTES } from "./limits.ts";

export const BODY_LIMIT = BODY_MAX_BYTES;
const publicDir = join(dirname(fileURLToPath(import.meta.url)), "../public");

export interface AppDeps {
  db: Db;
  config: Config;
}

export function createApp({ db, config }: AppDeps) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", config.TRUST_PROXY === "true" ? 1 : false);
  app.set("query parser", "simple");
  app.locals.db = db;

  app.use(requestId());
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          "default-src": ["'self'"],
          "script-src": ["'self'"],
          "style-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "object-src": ["'none'"],
          "base-uri": ["'none'"],
          "frame-ancestors": ["'none'"],
          "form-action": ["'self'"],
          "upgrade-insecure-requests": config.SECURE_COOKIES === "true" ? [] : null,
        },
      },
      strictTransportSecurity: { maxAge: 31536000, includeSubDomains: true },
      crossOriginOpenerPolicy: { policy: "same-origin" },
      // same-origin, not no-referrer: under no-referrer Chromium sends `Origin: null` on form
      // posts, which the origin check below would have to refuse (found by the browser test).
      referrerPolicy: { policy: "same-origin" },
    }),
  );

  app.get("/health", async (_req, res) => {
    try {
      await db.$queryRawUnsafe("SELECT 1");
      res.json({ status: "ok" });
    } catch {
      res.status(503).set("Retry-After", "2").json({ status: "unavailable" });
    }
  });
  // Browsers ask for /favicon.ico on their own (feed readers, bookmarks); pages link the SVG.
  app.get("/favicon.ico", (_req, res) => res.redirect(301, "/assets/favicon.svg"));
  app.use("/assets", express.static(publicDir, { fallthrough: false, maxAge: "1h" }));
  app.use(shedLoad(config.MAX_IN_FLIGHT, config.MAX_QUEUE_MS || Number.POSITIVE_INFINITY));

  const bodyOptions = { limit: BODY_LIMIT, parameterLimit: 1000 };
  const absoluteMs = config.SESSION_MAX_HOURS * 3600_000;
  // The JSON API authenticates with bearer tokens only: no cookies, so no CSRF exposure.
  // Bodies are parsed only after the token is checked.
  const secure = config.SECURE_COOKIES === "true";
  app.use(
    "/api/v1",
    loadUser(db, absoluteMs, { bearer: true }),
    localeMiddleware(db, { persist: false, secure, fallback: config.CROSSCHECK_LANG }),
    (req, res, next) => {
      if (!(res.locals as { viaToken?: boolean }).viaToken) return next(new AppError(t("errors.apiToken"), 401, "unauthorized"));
      res.set("Cache-Control", "no-store");
      next();
    },
    express.json({ limit: BODY_LIMIT, strict: true, verify: refuseInvalidUtf8 }),
    apiRouter(db),
  );

  // The ingest paste form may carry a whole report (limits.ts); every other form stays at 1 MB.
  app.use("/ingest", express.urlencoded({ extended: false, ...bodyOptions, limit: INGEST_BODY_MAX_BYTES, verify: refuseInvalidUtf8 }));
  app.use(express.urlencoded({ extended: false, ...bodyOptions, verify: refuseInvalidUtf8 }));
  app.use("/api", (req, res) => sendError(req, res, new AppError(t("errors.noApiRoute"), 404, "not_found")));

  const idleMs = config.SESSION_IDLE_MINUTES * 60_000;
  app.use(
    session({
      name: secure ? "__Host-crosscheck" : "crosscheck.sid",
      secret: config.SESSION_SECRET ?? randomBytes(32).toString("hex"),
      store: new PrismaSessionStore(db, idleMs),
      resave: false,
      saveUninitialized: false,
      rolling: true,
      cookie: { httpOnly: true, sameSite: "lax", secure, path: "/", maxAge: idleMs },
    }),
  );
  app.use(loadUser(db, absoluteMs));
  app.use(localeMiddleware(db, { persist: true, secure, fallback: config.CROSSCHECK_LANG }));
  app.use((req, res, next) => {
    res.locals.currentUser = res.locals.user as unknown;
    res.set("Cache-Control", "no-store");
    next();
  });
  app.use(originCheck());
  // A multipart upload must be parsed before the CSRF check can read its _csrf field; only
  // for a signed-in user, in memory, within the upload limits.
  app.post("/ingest", ingestUpload);
  app.use(csrfProtection);
  app.use(pageRoutes(db, config, requireUser));

  app.use((req, res) => sendError(req, res, new AppError(t("errors.noPage"), 404, "not_found")));
  app.use(errorHandler);
  return app;
}
