/**
 * Handlebars rendering: one layout, partials and pages under views/. Templates are compiled
 * once and cached (re-read on every render in development so edits show without restart).
 * Handlebars escapes {{ }} for HTML body and quoted attributes; templates never use {{{ }}}
 * on user data, and every user value sits in a <bdi> or dir="auto" element so Arabic and
 * English mix without reordering the surrounding interface.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Handlebars from "handlebars";
import { nodeEnvAsSet } from "../config.ts";
import { hasArabic } from "../engine/normalize.ts";
import { DEFAULT_LOCALE, dirOf, formatDate, formatDateTime, formatNumber, isLocale, tFor, type Locale } from "../i18n/index.ts";
import { visibleControls } from "../presenters/view.ts";

export const viewsDir = join(dirname(fileURLToPath(import.meta.url)), "../../views");

const hbs = Handlebars.create();
const cache = new Map<string, Handlebars.TemplateDelegate>();
let partialsLoaded = false;
const dev = nodeEnvAsSet() === "development";

function loadPartials() {
  if (partialsLoaded && !dev) return;
  const dir = join(viewsDir, "partials");
  for (const f of readdirSync(dir)) {
    if (f.endsWith(".hbs")) hbs.registerPartial(f.slice(0, -4), readFileSync(join(dir, f), "utf8"));
  }
  partialsLoaded = true;
}

function template(name: string): Handlebars.TemplateDelegate {
  const hit = cache.get(name);
  if (hit && !dev) return hit;
  const t = hbs.compile(readFileSync(join(viewsDir, `${name}.hbs`), "utf8"), { strict: false });
  cache.set(name, t);
  return t;
}

/** Value for <input type="date"> and <time datetime>: ISO, whatever the language. */
function isoDate(d: unknown): string {
  if (!d) return "";
  const date = d instanceof Date ? d : typeof d === "string" || typeof d === "number" ? new Date(d) : new Date(NaN);
  return Number.isNaN(date.getTime()) ? "" : date.toISOString().slice(0, 10);
}

type HelperOptions = { hash?: Record<string, unknown>; data?: { locale?: Locale } };
/** The language a template is being rendered in (passed as @locale by render()). */
function localeOf(options: unknown): Locale {
  const l = (options as HelperOptions | undefined)?.data?.locale;
  return isLocale(l) ? l : DEFAULT_LOCALE;
}

/**
 * The language of a piece of user text by its first strong letter — the rule dir="auto" uses —
 * so an English translation that quotes an Arabic word («قسد») stays English (and keeps the
 * English font size) instead of being styled as Arabic because it contains an Arabic letter.
 */
export function textLang(s: unknown): "ar" | "en" {
  if (typeof s !== "string") return "en";
  const m = /[\p{Script=Arabic}\p{Script=Latin}]/u.exec(s);
  return m && hasArabic(m[0]) ? "ar" : "en";
}

hbs.registerHelper({
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  not: (a: unknown) => !a,
  gt: (a: number, b: number) => a > b,
  /** A date as a reader of the interface language writes it ("28 March 2024" / "28 آذار 2024"). */
  date: (d: unknown, options: unknown) => formatDate(d, localeOf(options)),
  datetime: (d: unknown, options: unknown) => formatDateTime(d, localeOf(options)),
  number: (n: unknown, options: unknown) => formatNumber(n, localeOf(options)),
  /** Value for <input type="date"> and <time datetime>. */
  dateInput: (d: unknown) => isoDate(d),
  /** lang attribute for a piece of user text. */
  lang: (s: unknown) => textLang(s),
  /**
   * `{{t "claims.count" count=n name=x}}`: the interface string in the page's language, with
   * i18next's plural forms (Arabic's six: zero, one, two, few, many, other) and interpolation.
   * Handlebars escapes the result.
   */
  t: (key: unknown, options: unknown) => {
    const hash = (options as HelperOptions | undefined)?.hash ?? {};
    const opts = typeof hash.count === "number" ? { ...hash, count: hash.count } : hash;
    return tFor(localeOf(options))(String(key), opts);
  },
  /** `{{tOr key text}}`: the catalogue's string for `key` when there is a key, else `text` as it is (an audit field the catalogue does not name). */
  tOr: (key: unknown, text: unknown, options: unknown) => (typeof key === "string" && key ? tFor(localeOf(options))(key) : text),
  includes: (list: unknown, v: unknown) => Array.isArray(list) && list.includes(v),
  /** Query string for pagination links, keeping the current filters. */
  pageLink: (query: Record<string, unknown>, pageNo: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {}))
      if (v !== undefined && v !== "" && k !== "page") p.set(k, Array.isArray(v) ? v.join(",") : typeof v === "string" ? v : JSON.stringify(v));
    p.set("page", String(pageNo));
    return `?${p.toString()}`;
  },
  add: (a: number, b: number) => a + b,
  /** User text inside SVG <text> (no <bdi> possible there): Unicode isolates, its own controls shown. */
  isolate: (s: unknown) => `\u2068${visibleControls(typeof s === "string" ? s : s === null || s === undefined ? "" : JSON.stringify(s))}\u2069`,
  concat: (...args: unknown[]) => args.slice(0, -1).join(""),
  json: (v: unknown) => JSON.stringify(v, null, 2),
  /**
   * One of a page's many small inline forms (a pending verdict's confirm box, a suggested link's
   * decision box): what was posted to it and its messages when `inline.key` names it, else empty.
   */
  inlineBox: (inline: unknown, key: unknown) => {
    const box = inline as { key?: string; values?: unknown; errors?: unknown; message?: unknown } | undefined;
    return box && box.key === key ? { values: box.values ?? {}, errors: box.errors ?? {}, message: box.message } : { values: {}, errors: {} };
  },
});

export function render(page: string, data: Record<string, unknown>): string {
  loadPartials();
  const locale: Locale = isLocale(data.locale) ? data.locale : DEFAULT_LOCALE;
  const runtime = { data: { locale } };
  const body = template(`pages/${page}`)(data, runtime);
  return template("layouts/main")({ ...data, locale, dir: dirOf(locale), body }, runtime);
}

/** Last-resort page when the error template itself fails. */
export function plainErrorPage(status: number, message: string, locale: Locale = DEFAULT_LOCALE): string {
  const esc = hbs.Utils.escapeExpression(message);
  const title = hbs.Utils.escapeExpression(tFor(locale)("error.title", { status }));
  return `<!doctype html><html lang="${locale}" dir="${dirOf(locale)}"><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${esc}</p></body></html>`;
}
