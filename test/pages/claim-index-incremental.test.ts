/**
 * When sources change, the claim index swaps in the new entity dictionary and re-analyses only
 * the claims that mention a changed name (src/domain/matching/claim-index.ts). After every kind
 * of source edit the incremental index must answer exactly as one rebuilt from scratch.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { claimIndex, fullClaimIndex } from "../../src/domain/matching/claim-index.ts";
import { createSource, type SourceInput } from "../../src/domain/sources/create-source.ts";
import { updateSource } from "../../src/domain/sources/update-source.ts";
import type { MatchResult } from "../../src/engine/match.ts";
import { EntityDictionary } from "../../src/engine/entities.ts";
import { buildClaim, setupTestApp, type TestContext } from "../helpers.ts";

const CLAIMS = [
  "أعلن المركز الإعلامي لقسد تشكيل مركز مشترك مع الجيش العراقي",
  "نفى الجيش العراقي تشكيل أي مركز مشترك مع قوات سوريا الديمقراطية",
  "قالت قناة الخبر إن اجتماعات عقدت في الحسكة",
  "Al-Khabar TV reported meetings in Hasakah between the SDF and the Iraqi army",
  "The Khabar channel said the joint centre was formed on Saturday",
  "مصادر خاصة لـ بوليتيكال كيز: تدريبات في الشدادي",
  "Political Keys sources say training began at al-Shaddadi",
  "The coalition escorted convoys from the al-Walid crossing",
  "Bali said the SDF and the Iraqi army agreed to exchange information",
  "مصطفى بالي: تبادل المعلومات مع الجيش العراقي",
  "Media center of the Syrian Democratic Forces announces a joint border centre",
  "The Ministry of Defence denied any joint centre with the SDF",
  "وزارة الدفاع العراقية تنفي تشكيل مركز مشترك",
  "Convoys crossed at Rabia, the Kurdish media outlet Rudaw said",
  "روداو: القوافل عبرت من ربيعة",
  "Talks in Baghdad ended without agreement",
];

let ctx: TestContext;
const actor = systemActor("test");
const src = (over: Partial<SourceInput>): SourceInput => ({ name: "x", kind: "outlet", reliability: "C", aliases: [], notes: "", ...over });

beforeAll(async () => {
  ctx = await setupTestApp();
  for (const text of CLAIMS) await buildClaim(ctx.db, { text, language: /[a-z]/i.test(text) ? "en" : "ar" });
});
afterAll(() => ctx.close());

/** Every stored claim's text as a query, results ordered by score then id (internal numbering breaks ties differently). */
async function answers(which: "incremental" | "full") {
  return inTransaction(ctx.db, async (tx) => {
    const { index } = which === "incremental" ? await claimIndex(tx) : await fullClaimIndex(tx);
    const out: Record<string, MatchResult[]> = {};
    for (const text of [...CLAIMS, "قناة الخبر", "Khabar", "روداو", "وزارة الدفاع", "بوليتيكال كيز"]) {
      out[text] = index.search(text, 100).sort((a, b) => b.score - a.score || Number(a.id) - Number(b.id));
    }
    return out;
  });
}

describe("the claim index after source edits", () => {
  it("when sources are added, given aliases, renamed, stripped of aliases and re-attached, then after each edit the incremental index answers exactly as a full rebuild", async () => {
    await answers("incremental"); // built once, before any source exists
    const steps: Array<[string, () => Promise<unknown>]> = [];
    let khabar = 0,
      pk = 0,
      mod = 0;
    steps.push([
      "a new outlet with Arabic and English names",
      async () => (khabar = (await inTransaction(ctx.db, (tx) => createSource(tx, actor, src({ name: "قناة الخبر", aliases: ["Al-Khabar TV"] })))).id),
    ]);
    steps.push([
      "an alias added",
      () => inTransaction(ctx.db, (tx) => updateSource(tx, actor, khabar, src({ name: "قناة الخبر", aliases: ["Al-Khabar TV", "Khabar channel", "Khabar"] }))),
    ]);
    steps.push([
      "a second source",
      async () => (pk = (await inTransaction(ctx.db, (tx) => createSource(tx, actor, src({ name: "Political Keys", aliases: ["بوليتيكال كيز"] })))).id),
    ]);
    steps.push([
      "an alias removed",
      () => inTransaction(ctx.db, (tx) => updateSource(tx, actor, khabar, src({ name: "قناة الخبر", aliases: ["Al-Khabar TV"] }))),
    ]);
    steps.push([
      "a source whose alias is a built-in entity's name (re-attaches to it)",
      async () =>
        (mod = (
          await inTransaction(ctx.db, (tx) => createSource(tx, actor, src({ name: "وزارة الدفاع", kind: "official_body", aliases: ["Ministry of Defence"] })))
        ).id),
    ]);
    steps.push([
      "renamed so it attaches to the SDF",
      () =>
        inTransaction(ctx.db, (tx) =>
          updateSource(
            tx,
            actor,
            mod,
            src({ name: "Media center of the Syrian Democratic Forces", kind: "official_body", aliases: ["المركز الإعلامي لقسد", "SDF"] }),
          ),
        ),
    ]);
    steps.push([
      "a source whose alias is another source's name",
      () => inTransaction(ctx.db, (tx) => createSource(tx, actor, src({ name: "Rudaw", aliases: ["روداو", "Political Keys"] }))),
    ]);
    steps.push(["the first source renamed away", () => inTransaction(ctx.db, (tx) => updateSource(tx, actor, pk, src({ name: "PK research", aliases: [] })))]);

    for (const [name, step] of steps) {
      await step();
      const incremental = await answers("incremental");
      const full = await answers("full");
      expect(incremental, name).toEqual(full);
    }
  });

  it("when a name is added as an alias, then only the claims that mention it are affected, and the two spellings now match as one entity", async () => {
    const { affected, results } = await inTransaction(ctx.db, async (tx) => {
      const { index } = await claimIndex(tx);
      return {
        affected: index.claimsMentioning([EntityDictionary.lookupKey("روداو")!, EntityDictionary.lookupKey("Rudaw")!]),
        results: index.search("روداو: القوافل عبرت من ربيعة", 5),
      };
    });
    expect(affected.length).toBe(2); // the Arabic and the English Rudaw claims, nothing else
    const english = await ctx.db.claim.findFirstOrThrow({ where: { text: { startsWith: "Convoys crossed at Rabia" } } });
    const hit = results.find((r) => r.id === String(english.id));
    expect(hit?.reasons.join(" ")).toContain("shared entities: Rudaw");
  });
});
