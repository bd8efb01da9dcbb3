/**
 * CSRF defence for the cookie-authenticated pages: a synchronizer token (csrf-sync) in a
 * hidden `_csrf` field on every state-changing form, plus a Fetch-Metadata/Origin check as a
 * second layer (a cross-site POST is refused even before the token is read).
 */
import { t } from "../i18n/index.ts";
import { csrfSync } from "csrf-sync";
import type { Request, RequestHandler } from "express";
import { AppError } from "../errors.ts";

const { csrfSynchronisedProtection, generateToken } = csrfSync({
  getTokenFromRequest: (req: Request) => (req.body as { _csrf?: unknown } | undefined)?._csrf as string | undefined,
});

const SAFE = new Set(["GET", "HEAD", "OPTIONS"]);

export const csrfProtection: RequestHandler = (req, res, next) => {
  csrfSynchronisedProtection(req, res, (err?: unknown) => {
    if (err) return next(new AppError(t("errors.csrf"), 403, "csrf_failed"));
    if (req.session) res.locals.csrfToken = generateToken(req);
    next();
  });
};

export { generateToken };

export function originCheck(): RequestHandler {
  return (req, _res, next) => {
    if (SAFE.has(req.method)) return next();
    const site = req.get("sec-fetch-site");
    if (site && site !== "same-origin" && site !== "none") {
      return next(new AppError(t("errors.crossSite"), 403, "csrf_failed"));
    }
    const origin = req.get("origin");
    if (origin && origin !== "null") {
      const host = req.get("host");
      let originHost = "";
      try {
        originHost = new URL(origin).host;
      } catch {
        /* malformed origin: refused below */
      }
      if (originHost !== host) return next(new AppError(t("errors.crossSite"), 403, "csrf_failed"));
    } else if (origin === "null" && site !== "same-origin") {
      // An opaque origin is only trusted when Fetch Metadata says the request is same-origin.
      return next(new AppError(t("errors.crossSite"), 403, "csrf_failed"));
    }
    next();
  };
}
