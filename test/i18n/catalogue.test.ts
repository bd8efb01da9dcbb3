/**
 * The two catalogues stay in step: a string that exists in one language only, a plural that
 * lacks one of its language's forms, a placeholder that one translation drops, or a key that
 * a view or the code uses but no catalogue has — each fails here.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { LOCALES, loadCatalogue, type Locale } from "../../src/i18n/index.ts";

const PLURAL = /_(zero|one|two|few|many|other)$/;

function flatten(obj: Record<string, unknown>, prefix = ""): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object") Object.assign(out, flatten(v as Record<string, unknown>, key));
    else out[key] = String(v);
  }
  return out;
}

const flat = Object.fromEntries(LOCALES.map((l) => [l, flatten(loadCatalogue(l))])) as Record<Locale, Record<string, string>>;
const base = (k: string) => k.replace(PLURAL, "");
const bases = (l: Locale) => new Set(Object.keys(flat[l]).map(base));
const placeholders = (s: string) => [...s.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]).sort();

function files(dir: string, ext: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? files(p, ext) : p.endsWith(ext) ? [p] : [];
  });
}

/** Keys named literally in views ({{t "k"}}, (t "k")) and code (t("k"), t('k')). */
function usedKeys(): Map<string, string> {
  const used = new Map<string, string>();
  for (const f of files("views", ".hbs")) {
    for (const m of readFileSync(f, "utf8").matchAll(/[{(]\s*t\s+"([^"]+)"/g)) used.set(m[1], f);
  }
  for (const f of files("src", ".ts")) {
    for (const m of readFileSync(f, "utf8").matchAll(/\bt\(\s*"([a-zA-Z][\w]*(?:\.[\w]+)+)"/g)) used.set(m[1], f);
  }
  return used;
}

describe("the interface catalogues (locales/en.json, locales/ar.json)", () => {
  it("when a string exists in one language, then it exists in the other", () => {
    const en = bases("en");
    const ar = bases("ar");
    expect(
      [...en].filter((k) => !ar.has(k)),
      "in English only",
    ).toEqual([]);
    expect(
      [...ar].filter((k) => !en.has(k)),
      "in Arabic only",
    ).toEqual([]);
  });

  it("when a string has plural forms, then each language has every form its plural rules use", () => {
    for (const l of LOCALES) {
      const categories = new Intl.PluralRules(l).resolvedOptions().pluralCategories;
      const plural = new Set(
        Object.keys(flat[l])
          .filter((k) => PLURAL.test(k))
          .map(base),
      );
      for (const b of plural) {
        const missing = categories.filter((c) => !(`${b}_${c}` in flat[l]));
        expect(missing, `${l}: ${b}`).toEqual([]);
      }
      // A plural in one language must be a plural (not a plain string) in the other too.
      for (const b of plural) for (const other of LOCALES) expect(`${b}_other` in flat[other], `${other}: ${b}_other`).toBe(true);
    }
    expect(new Intl.PluralRules("ar").resolvedOptions().pluralCategories).toHaveLength(6);
  });

  it("when a translation is written, then it keeps every placeholder of the English string", () => {
    const problems: string[] = [];
    for (const [k, v] of Object.entries(flat.en)) {
      const want = placeholders(v).filter((p) => p !== "count");
      for (const l of LOCALES) {
        const candidates = Object.entries(flat[l]).filter(([k2]) => base(k2) === base(k));
        for (const [k2, v2] of candidates) {
          const got = placeholders(v2).filter((p) => p !== "count");
          for (const p of want) if (!got.includes(p)) problems.push(`${l}:${k2} lacks {{${p}}}`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("when a view or the code names a key, then both catalogues have it", () => {
    const missing: string[] = [];
    for (const [k, where] of usedKeys()) {
      for (const l of LOCALES) if (!bases(l).has(k)) missing.push(`${l}: ${k} (${where})`);
    }
    expect(missing).toEqual([]);
    expect(usedKeys().size).toBeGreaterThan(50);
  });

  it("when a key is made from a value (stance, status, kind …), then every value has its string", async () => {
    const f = await import("../../src/validation/fields.ts");
    const { ROLES } = await import("../../src/domain/actor.ts");
    const families: [string, readonly string[]][] = [
      ["stance", f.STANCES],
      ["status", f.CLAIM_STATUSES],
      ["conflict", f.CONFLICT_STATUSES],
      ["sourcekind", f.SOURCE_KINDS],
      ["reliability", f.RELIABILITY_GRADES],
      ["credibility", ["1", "2", "3", "4", "5", "6"]],
      ["role", ROLES],
      ["kind", ["stance", "reversal", "contradiction", "detail"]],
      ["lang", LOCALES],
    ];
    for (const [prefix, values] of families)
      for (const v of values) for (const l of LOCALES) expect(flat[l][`${prefix}.${v}`], `${l}: ${prefix}.${v}`).toBeTruthy();
  });
});

/** Words a view may show as they are in both languages: names, formats and codes. */
const UNTRANSLATED_OK = new Set(["Crosscheck", "CSV", "JSON", "JSON-LD", "ClaimReview", "STIX", "SHA-256", "UTC", "PDF", "HTML", "URL", "NDJSON", "A", "B"]);

describe("the views", () => {
  it("when a view shows interface text, then it comes from the catalogue (no English left in a template)", () => {
    const leftovers: string[] = [];
    for (const f of files("views", ".hbs")) {
      const text = readFileSync(f, "utf8")
        .replace(/\{\{!--[\s\S]*?--\}\}/g, "")
        .replace(/\{\{[\s\S]*?\}\}/g, " ")
        .replace(/<code[^>]*>[\s\S]*?<\/code>/g, " ")
        .replace(/<svg[\s\S]*?<\/svg>/g, (svg) => svg.replace(/<[^>]+>/g, " "))
        .replace(/<[^>]+>/g, " ");
      for (const word of text.match(/[A-Za-z][A-Za-z0-9-]+/g) ?? []) if (!UNTRANSLATED_OK.has(word)) leftovers.push(`${f}: ${word}`);
      // Attributes people read: placeholder, title, aria-label, alt.
      const noMustache = readFileSync(f, "utf8").replace(/\{\{[\s\S]*?\}\}/g, "");
      for (const m of noMustache.matchAll(/\b(placeholder|title|aria-label|alt)="([^"]*)"/g)) {
        if (/[A-Za-z]{2,}/.test(m[2])) leftovers.push(`${f}: ${m[1]}="${m[2]}"`);
      }
    }
    expect(leftovers).toEqual([]);
  });
});
