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
import { STRINGS } from "./strings.ts";

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

function fmtDate(d: unknown, withTime?: unknown): string {
  if (!d) return "";
  const date = d instanceof Date ? d : typeof d === "string" || typeof d === "number" ? new Date(d) : new Date(NaN);
  if (Number.isNaN(date.getTime())) return "";
  const iso = date.toISOString();
  return withTime === true ? `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC` : iso.slice(0, 10);
}

hbs.registerHelper({
  eq: (a: unknown, b: unknown) => a === b,
  ne: (a: unknown, b: unknown) => a !== b,
  or: (...args: unknown[]) => args.slice(0, -1).some(Boolean),
  and: (...args: unknown[]) => args.slice(0, -1).every(Boolean),
  not: (a: unknown) => !a,
  gt: (a: number, b: number) => a > b,
  date: (d: unknown) => fmtDate(d),
  datetime: (d: unknown) => fmtDate(d, true),
  /** Value for <input type="date">. */
  dateInput: (d: unknown) => fmtDate(d),
  /** lang attribute for a piece of user text. */
  lang: (s: unknown) => (typeof s === "string" && hasArabic(s) ? "ar" : "en"),
  t: (key: string) => STRINGS[key] ?? key,
  includes: (list: unknown, v: unknown) => Array.isArray(list) && list.includes(v),
  /** Query string for pagination links, keeping the current filters. */
  pageLink: (query: Record<string, unknown>, pageNo: number) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined && v !== "" && k !== "page") p.set(k, Array.isArray(v) ? v.join(",") : typeof v === "string" ? v : JSON.stringify(v));
    p.set("page", String(pageNo));
    return `?${p.toString()}`;
  },
  add: (a: number, b: number) => a + b,
  concat: (...args: unknown[]) => args.slice(0, -1).join(""),
  json: (v: unknown) => JSON.stringify(v, null, 2),
});

export function render(page: string, data: Record<string, unknown>): string {
  loadPartials();
  const body = template(`pages/${page}`)(data);
  return template("layouts/main")({ ...data, body });
}

/** Last-resort page when the error template itself fails. */
export function plainErrorPage(status: number, message: string): string {
  const esc = hbs.Utils.escapeExpression(message);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Error ${status}</title></head><body><h1>Error ${status}</h1><p>${esc}</p></body></html>`;
}
