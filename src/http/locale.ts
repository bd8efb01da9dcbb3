/**
 * Which language a request is answered in, in this order:
 *   1. `?lang=ar` / `?lang=en` on any URL: switches, and is remembered (a cookie for everyone,
 *      and the signed-in user's saved language);
 *   2. the signed-in user's saved language;
 *   3. the language cookie (a visitor who chose before signing in);
 *   4. the browser's Accept-Language;
 *   5. CROSSCHECK_LANG, else English.
 * The choice is kept in a plain cookie rather than the session so that choosing a language on
 * the sign-in page does not create a server-side session for an anonymous visitor.
 */
import type { Request, RequestHandler, Response } from "express";
import type { Db } from "../db/client.ts";
import { setUserLocale } from "../domain/users/set-user-locale.ts";
import { DEFAULT_LOCALE, dirOf, isLocale, LOCALES, tFor, withLocale, type Locale } from "../i18n/index.ts";
import type { CurrentUser } from "./auth.ts";

export const LANG_COOKIE = "crosscheck.lang";

function cookieLocale(req: Request): Locale | undefined {
  const m = /(?:^|;\s*)crosscheck\.lang=([a-z]{2})(?:;|$)/.exec(req.headers.cookie ?? "");
  return m && isLocale(m[1]) ? m[1] : undefined;
}

export function negotiateLocale(req: Request, user?: { locale?: string | null }, fallback: Locale = DEFAULT_LOCALE): Locale {
  if (user?.locale && isLocale(user.locale)) return user.locale;
  const fromCookie = cookieLocale(req);
  if (fromCookie) return fromCookie;
  const accepted = req.acceptsLanguages([...LOCALES]);
  return isLocale(accepted) ? accepted : fallback;
}

/** The URL of this page in the other language (the switcher's link), other parameters kept. */
export function switchHref(req: Request, locale: Locale): string {
  const url = new URL(req.originalUrl, "http://x");
  url.searchParams.set("lang", locale);
  return `${url.pathname}?${url.searchParams.toString()}`;
}

function expose(req: Request, res: Response, locale: Locale) {
  res.locals.locale = locale;
  res.locals.dir = dirOf(locale);
  res.locals.t = tFor(locale);
  if (req.method === "GET") {
    res.locals.languages = LOCALES.map((l) => ({ code: l, current: l === locale, href: switchHref(req, l) }));
  }
}

/**
 * Sets res.locals.locale / dir / t and runs the rest of the request in that language.
 * `persist` is off for the JSON API (a token client's Accept-Language is not a preference).
 */
export function localeMiddleware(db: Db, opts: { persist: boolean; secure: boolean; fallback?: Locale }): RequestHandler {
  return async (req, res, next) => {
    try {
      const user = res.locals.user as (CurrentUser & { locale?: string | null }) | undefined;
      const asked = typeof req.query?.lang === "string" ? req.query.lang : undefined;
      let locale: Locale;
      if (opts.persist && isLocale(asked)) {
        locale = asked;
        res.cookie(LANG_COOKIE, asked, { httpOnly: true, sameSite: "lax", secure: opts.secure, path: "/", maxAge: 365 * 24 * 3600_000 });
        if (user && user.locale !== asked) {
          await setUserLocale(db, { userId: user.id, username: user.username, role: user.role, requestId: res.locals.requestId as string, ip: req.ip }, asked);
          user.locale = asked;
        }
      } else {
        locale = negotiateLocale(req, user, opts.fallback);
      }
      expose(req, res, locale);
      res.vary("Accept-Language");
      withLocale(locale, () => next());
    } catch (e) {
      next(e);
    }
  };
}
