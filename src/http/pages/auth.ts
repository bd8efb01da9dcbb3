import { Router } from "express";
import { ipKeyGenerator, rateLimit } from "express-rate-limit";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { authenticate } from "../../domain/users/authenticate.ts";
import { AppError, UnauthorizedError } from "../../errors.ts";
import { generateToken } from "../csrf.ts";
import { loginSchema } from "../schemas.ts";
import { render } from "../views.ts";
import { t } from "../../i18n/index.ts";

function safeNext(next: unknown): string {
  return typeof next === "string" && /^\/(?!\/)[^\s\\]*$/.test(next) ? next : "/";
}

export function authRoutes(db: Db, config: Config): Router {
  const router = Router();
  const windowMs = 15 * 60_000;
  const username = (req: { body?: { username?: unknown } }) => {
    const u = req.body?.username ?? "";
    return (typeof u === "string" ? u : JSON.stringify(u)).slice(0, 64).toLowerCase();
  };
  const tooMany = (key: string) => (_req: unknown, _res: unknown, next: (e: unknown) => void) => next(new AppError(t(key), 429, "rate_limited"));
  // Per account and address: ASVS 6.3.1 (5 failures / 15 min). Successful logins don't count.
  const perAccountAndIp = rateLimit({
    windowMs,
    limit: config.LOGIN_MAX_ATTEMPTS,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => `${username(req)}|${ipKeyGenerator(req.ip ?? "")}`,
    handler: tooMany("login.tooMany"),
    standardHeaders: "draft-7",
    legacyHeaders: false,
  });
  // Per account across all addresses: caps distributed guessing at 100 an hour.
  const perAccount = rateLimit({
    windowMs: 3600_000,
    limit: 100,
    skipSuccessfulRequests: true,
    keyGenerator: (req) => username(req),
    handler: tooMany("login.tooManyAccount"),
    standardHeaders: "draft-7",
    legacyHeaders: false,
  });

  router.get("/login", (req, res) => {
    if (res.locals.user) return res.redirect(303, "/");
    res.send(render("login", { ...res.locals, title: t("login.title"), next: safeNext(req.query.next), bare: true }));
  });

  router.post("/login", perAccountAndIp, perAccount, async (req, res, next) => {
    const body = (req.body ?? {}) as { username?: unknown; password?: unknown; next?: unknown };
    const parsed = loginSchema.safeParse({ username: body.username, password: body.password });
    const back = safeNext(body.next);
    try {
      if (!parsed.success) throw new UnauthorizedError(t("login.missing"));
      const user = await authenticate(db, { requestId: res.locals.requestId as string, ip: req.ip }, parsed.data.username, parsed.data.password);
      // A fresh session id at login: a session id planted before login is useless (fixation).
      req.session.regenerate((err) => {
        if (err) return next(err);
        req.session.userId = user.id;
        req.session.createdAt = Date.now();
        req.session.save((err2) => (err2 ? next(err2) : res.redirect(303, back)));
      });
    } catch (e) {
      if (!(e instanceof UnauthorizedError)) return next(e);
      res.status(401).send(
        render("login", {
          ...res.locals,
          title: t("login.title"),
          bare: true,
          error: e.message,
          username: parsed.success ? parsed.data.username : "",
          next: back,
          csrfToken: generateToken(req),
        }),
      );
    }
  });

  router.post("/logout", async (req, res, next) => {
    req.session.destroy((err) => {
      if (err) return next(err);
      res.clearCookie(config.SECURE_COOKIES === "true" ? "__Host-crosscheck" : "crosscheck.sid", { path: "/" });
      res.redirect(303, "/login");
    });
  });
  return router;
}
