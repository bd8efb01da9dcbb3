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

const fixed: Record<Locale, TFunction> = Object.fromEntries(LOCALES.map((l) => [l, instance.getFixedT(l)])) as Record<Locale, TFunction>;

export function isLocale(v: unknown): v is Locale {
  return typeof v === "string" && (LOCALES as readonly string[]).includes(v);
}

/** Direction of the interface for a language. */
export function dirOf(locale: Locale): "rtl" | "ltr" {
  return locale === "ar" ? "rtl" : "ltr";
}

/** The translation function of one language (resolved once at start). */
export function tFor(locale: Locale): TFunction {
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
export function localeFromEnv(env: NodeJS.ProcessEnv = process.env): Locale {
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
  return String(tFor(currentLocale())(key, options as never));
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
  const date = d instanceof Date ? d : new Date(String(d));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "28 March 2024" / "28 آذار 2024". */
export function formatDate(d: unknown, locale: Locale = currentLocale()): string {
  const date = toDate(d);
  return date ? dateFmt[locale].format(date) : "";
}

/** "28 March 2024, 14:00 UTC" / "28 آذار 2024، 14:00 UTC". */
export function formatDateTime(d: unknown, locale: Locale = currentLocale()): string {
  const date = toDate(d);
  if (!date) return "";
  return `${dateFmt[locale].format(date)}${locale === "ar" ? "،" : ","} ${timeFmt[locale].format(date)} UTC`;
}

export function formatNumber(n: unknown, locale: Locale = currentLocale()): string {
  return typeof n === "number" && Number.isFinite(n) ? numberFmt[locale].format(n) : String(n ?? "");
}
