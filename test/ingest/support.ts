/** Shared by the ingest tests: fixtures, table counts for "writes nothing" checks, the seed's sources. */
import { readFileSync } from "node:fs";
import * as cheerio from "cheerio";
import type { Db } from "../../src/db/client.ts";
import { buildSource } from "../helpers.ts";

/** Report fixtures are shared with the extraction tests (the seed reports and an article page). */
export const fixturePath = (name: string) => new URL(`../fixtures/extract/${name}`, import.meta.url).pathname;
export const fixtureBytes = (name: string) => readFileSync(fixturePath(name));
export const fixtureText = (name: string) => readFileSync(fixturePath(name), "utf8");
export const SEED_001 = "001_cad93aab64d4a56d.txt";

export async function counts(db: Db) {
  return {
    sources: await db.source.count(),
    documents: await db.document.count(),
    claims: await db.claim.count(),
    attributions: await db.attribution.count(),
    links: await db.claimLink.count(),
    conflicts: await db.conflict.count(),
    audit: await db.auditEvent.count(),
  };
}

/** The outlet of seed 001 and the two bodies an analyst would already have on file. */
export async function seedSources(db: Db) {
  const outlet = await buildSource(db, { name: "تلفزيون الخبر", aliases: ["Al-Khabar TV"], kind: "outlet" });
  const mediaCentre = await buildSource(db, {
    name: "المركز الإعلامي لقوات سوريا الديمقراطية",
    aliases: ["SDF media centre", "المركز الإعلامي لقسد"],
    kind: "official_body",
  });
  const army = await buildSource(db, { name: "الجيش العراقي", aliases: ["Iraqi army"], kind: "official_body" });
  return { outlet, mediaCentre, army };
}

/**
 * The values a browser would submit from the form at `action` as rendered: inputs, textareas,
 * selected options and checked radios (`_csrf` included).
 */
export function formValues(html: string, action: string): Record<string, string> {
  const $ = cheerio.load(html);
  const form = $(`form[action="${action}"]`).first();
  if (!form.length) throw new Error(`no form posting to ${action}`);
  const out: Record<string, string> = {};
  form.find("input[name]").each((_, el) => {
    const e = $(el);
    const type = (e.attr("type") ?? "text").toLowerCase();
    if ((type === "radio" || type === "checkbox") && e.attr("checked") === undefined) return;
    if (type === "file" || type === "submit") return;
    out[e.attr("name")!] = e.attr("value") ?? "";
  });
  form.find("textarea[name]").each((_, el) => {
    out[$(el).attr("name")!] = $(el).text();
  });
  form.find("select[name]").each((_, el) => {
    const sel = $(el).find("option[selected]").first();
    out[$(el).attr("name")!] = (sel.length ? sel : $(el).find("option").first()).attr("value") ?? "";
  });
  return out;
}
