/**
 * The interface language. One i18next instance, created once at start from the catalogues in
 * locales/*.json (read from disk, no backend, nothing fetched), with a fixed `t` per language
 * resolved up front, so rendering a page never creates an instance or reloads a catalogue.
 *
 * The current language travels with the work being done (an HTTP request, a CLI run) in an
 * AsyncLocalStorage, so messages made deep down (a zod field message, a domain error) come out
 * in the language of whoever asked, without the domain knowing about HTTP.
 *
 * Evidence (claim text, quotes, names, document text) never goes through here: it is shown as
 * recorded, whatever the interface language.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import i18next, { type TFunction } from "i18next";
import { localeVariables } from "../config.ts";

export const LOCALES = ["en", "ar"] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = "en";

export const localesDir = join(dirname(fileURLToPath(import.meta.url)), "../../locales");

export type Catalogue = Record<string, unknown>;

export function loadCatalogue(locale: Locale): Catalogue {
  return JSON.parse(readFileSync(join(localesDir, `${locale}.json`), "utf8")) as Catalogue;
}

const instance = i18next.createInstance();
void instance.init({
  initAsync: false,
  lng: DEFAULT_LOCALE,
  fallbackLng: DEFAULT_LOCALE,
  supportedLngs: [...LOCALES],
  resources: Object.fromEntries(LOCALES.map((l) => [l, { translation: loadCatalogue(l) }])),
  // Handlebars escapes the whole result; escaping here too would double-escape.
  interpolation: { escapeValue: false },
  returnNull: false,
});

/** A translation function of one language: i18next's, with its answers memoised. */
export type Translate = (key: string, options?: Record<string, unknown>) => string;

/**
 * i18next's t() resolves, pluralises and interpolates on every call (tens of µs each here);
 * a page makes a few hundred calls, which measured +4–7 ms CPU per page. The same key with the
 * same values always gives the same string, so each answer is kept (bounded: cleared past
 * 20,000 entries, which the interface's strings times its counts never approach in practice).
 */
function memoised(raw: TFunction): Translate {
  const cache = new Map<string, string>();
  return (key, options) => {
    const k = options && Object.keys(options).length ? `${key}\u0000${JSON.stringify(options)}` : key;
    let v = cache.get(k);
    if (v === undefined) {
      const out: unknown = raw(key, options as never);
      v = String(out);
      if (cache.size >= 20_000) cache.clear();
      cache.set(k, v);
    }
    return v;
  };
}

const fixed: Record<Locale, Translate> = Object.fromEntries(LOCALES.map((l) => [l, memoised(instance.getFixedT(l))])) as Record<Locale, Translate>;

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** Direction of the interface for a language. */
export function dirOf(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

/** The translation function of one language (resolved once at start). */
export function tFor(locale: Locale): Translate {
  return fixed[locale] ?? fixed[DEFAULT_LOCALE];
}

const store = new AsyncLocalStorage<Locale>();
let processLocale: Locale = DEFAULT_LOCALE;

/** Run `fn` (and everything it awaits) in `locale`. */
export function withLocale<T>(locale: Locale, fn: () => T): T {
  return store.run(locale, fn);
}

/** The language of the work in progress: the request's, else the process's (CLI), else English. */
export function currentLocale(): Locale {
  return store.getStore() ?? processLocale;
}

/** The CLI sets its language once, from CROSSCHECK_LANG or LANG. */
export function setProcessLocale(locale: Locale) {
  processLocale = locale;
}

/** Language from an environment such as LANG=ar_SY.UTF-8 or CROSSCHECK_LANG=ar. */
export function localeFromEnv(env: Partial<Record<string, string | undefined>> = localeVariables()): Locale {
  for (const v of [env.CROSSCHECK_LANG, env.LC_ALL, env.LC_MESSAGES, env.LANG]) {
    const code = v?.toLowerCase().slice(0, 2);
    if (isLocale(code)) return code;
  }
  return DEFAULT_LOCALE;
}

/** Whether the catalogue has `key` (in English, which has every key). */
export function hasKey(key: string): boolean {
  return instance.exists(key, { lng: DEFAULT_LOCALE });
}

/** Translate in the current language. */
export function t(key: string, options?: Record<string, unknown>): string {
  return tFor(currentLocale())(key, options);
}

// Dates and numbers. Arabic uses Latin digits (ar-u-nu-latn): analysts copy dates, grades and
// counts into reports and spreadsheets and search them, and the evidence they read mixes both
// digit forms anyway; month names are the Levantine ones Syrian and Iraqi readers use
// (كانون الثاني، آذار …). Dates are written with the month in words, never 03/04/2024, so
// neither reader can take day for month. Times are UTC and say so.
const INTL_TAG: Record<Locale, string> = { en: "en-GB", ar: "ar-SY-u-nu-latn" };
const dateFmt = Object.fromEntries(
  LOCALES.map((l) => [l, new Intl.DateTimeFormat(INTL_TAG[l], { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" })]),
) as Record<Locale, Intl.DateTimeFormat>;
const timeFmt = Object.fromEntries(
  LOCALES.map((l) => [l, new Intl.DateTimeFormat(INTL_TAG[l], { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone: "UTC" })]),
) as Record<Locale, Intl.DateTimeFormat>;
const numberFmt = Object.fromEntries(LOCALES.map((l) => [l, new Intl.NumberFormat(INTL_TAG[l])])) as Record<Locale, Intl.NumberFormat>;

function toDate(d: unknown): Date | null {
  if (!d) return null;
  const date = d instanceof Date ? d : typeof d === "string" || typeof d === "number" ? new Date(d) : new Date(NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}

// Intl formatting costs microseconds a call and a page shows the same few days many times:
// each day's text is kept per language (bounded like the strings).
const dayCache = Object.fromEntries(LOCALES.map((l) => [l, new Map<string, string>()])) as Record<Locale, Map<string, string>>;
function dayText(date: Date, locale: Locale): string {
  const day = date.toISOString().slice(0, 10);
  const cache = dayCache[locale];
  let v = cache.get(day);
  if (v === undefined) {
    v = dateFmt[locale].format(date);
    if (cache.size >= 20_000) cache.clear();
    cache.set(day, v);
  }
  return v;
}

/** "28 March 2024" / "28 آذار 2024". */
export function formatDate(d: unknown, locale: Locale = currentLocale()): string {
  const date = toDate(d);
  return date ? dayText(date, locale) : "";
}

/**
 * "28 March 2024, 14:00 UTC" / "28 آذار 2024، 14:00 UTC". The time is the ISO hh:mm, which is
 * what both languages' 24-hour, Latin-digit formats give (test/i18n/locale.test.ts checks it).
 */
export function formatDateTime(d: unknown, locale: Locale = currentLocale()): string {
  const date = toDate(d);
  if (!date) return "";
  return `${dayText(date, locale)}${locale === "ar" ? "،" : ","} ${date.toISOString().slice(11, 16)} UTC`;
}

/** The same time through Intl, for the test that the shortcut above agrees with it. */
export function intlTime(d: Date, locale: Locale): string {
  return timeFmt[locale].format(d);
}

export function formatNumber(n: unknown, locale: Locale = currentLocale()): string {
  if (typeof n === "number" && Number.isFinite(n)) return numberFmt[locale].format(n);
  const shown: unknown = n ?? "";
  return String(shown);
}
