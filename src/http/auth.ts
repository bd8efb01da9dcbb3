/**
 * Who is asking: a session user (pages) or a bearer token (API). Builds the domain Actor
 * and guards routes by role. A disabled user or a changed role takes effect on the very next
 * request, because the user row is read on every request.
 */
import { t } from "../i18n/index.ts";
import { randomUUID } from "node:crypto";
import type { NextFunction, Request, RequestHandler, Response } from "express";
import type { Db } from "../db/client.ts";
import { hasRole, type Actor, type CurrentUser, type Role } from "../shared/actor.ts";
import { resolveToken } from "../domain/tokens/tokens.ts";
import { ForbiddenError, UnauthorizedError } from "../errors.ts";

export type { CurrentUser };

declare module "express-session" {
  interface SessionData {
    userId?: number;
    createdAt?: number;
    /** Message keys (pages/forms.ts FlashPart); a plain string in sessions from older versions. */
    flash?: string | ({ key: string; values?: Record<string, unknown> } | { text: string })[];
  }
}

export function requestId(): RequestHandler {
  return (req, res, next) => {
    res.locals.requestId = randomUUID();
    next();
  };
}

/**
 * `bearer: true` for the API (tokens only); pages use sessions only, so a token can never
 * open a page (and a page session can never call the API).
 */
export function loadUser(db: Db, absoluteMs: number, opts: { bearer: boolean } = { bearer: false }): RequestHandler {
  return async (req, res, next) => {
    try {
      if (opts.bearer) {
        const header = req.get("authorization");
        if (!header?.startsWith("Bearer ")) return next();
        const user = await resolveToken(db, header.slice(7).trim());
        if (!user) throw new UnauthorizedError(t("errors.badToken"));
        res.locals.user = toCurrent(user);
        res.locals.viaToken = true;
        return next();
      }
      const sess = req.session;
      if (sess?.userId) {
        if (sess.createdAt && Date.now() - sess.createdAt > absoluteMs) {
          await new Promise<void>((r) => sess.destroy(() => r()));
        } else {
          const user = await db.user.findUnique({ where: { id: sess.userId } });
          if (user && !user.disabled) res.locals.user = toCurrent(user);
        }
      }
      next();
    } catch (e) {
      next(e);
    }
  };
}

function toCurrent(u: { id: number; username: string; displayName: string; role: string; locale?: string | null }): CurrentUser {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role as Role, locale: u.locale ?? null };
}

export function actorOf(req: Request, res: Response): Actor {
  const u = res.locals.user as CurrentUser | undefined;
  if (!u) throw new UnauthorizedError();
  return { userId: u.id, username: u.username, role: u.role, requestId: res.locals.requestId as string, ip: req.ip };
}

/** Pages redirect to the login form; the API answers 401. */
export function requireUser(req: Request, res: Response, next: NextFunction) {
  if (res.locals.user) return next();
  if (req.originalUrl.startsWith("/api/")) return next(new UnauthorizedError());
  const back = req.method === "GET" ? `?next=${encodeURIComponent(req.originalUrl)}` : "";
  res.redirect(303, `/login${back}`);
}

export function requireRole(role: Role): RequestHandler {
  return (req, res, next) => {
    const u = res.locals.user as CurrentUser | undefined;
    if (!u) return next(new UnauthorizedError());
    if (!hasRole(u, role)) return next(new ForbiddenError(t("errors.needsRole", { role: t(`role.${role}`) })));
    next();
  };
}
