/**
 * The engine's reasons in the interface's language (src/presenters/reason-text.ts): the founding
 * scenario goes in raw, and every reason an analyst reads on the review, claim and conflict
 * pages in Arabic is Arabic around the evidence it quotes; every reason the engine, the
 * extractor and the proposal step wrote along the way has a translated shape.
 */
import { readFileSync } from "node:fs";
import * as cheerio from "cheerio";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, buildUser, signedInAgent, setupTestApp, type TestContext } from "../helpers.ts";
import { loadCatalogue, tFor } from "../../src/i18n/index.ts";
import { generatedNoteText, reasonKeys, reasonKnown, reasonText } from "../../src/presenters/reason-text.ts";

const seed = (name: string) => readFileSync(new URL(`../fixtures/extract/${name}`, import.meta.url), "utf8");
const ar = tFor("ar");
const en = tFor("en");

/** English words of the reason templates; evidence («…», "…") is taken out first. */
const ENGLISH =
  /\b(?:the|of|and|shares?|words?|claims?|stance|speaker|asserted|denied|unverified|reject|attach|suggestion|report|source|names?|same|differ|vs)\b/i;
const withoutEvidence = (s: string) =>
  s
    .replace(/«[^«»]*»/g, "")
    .replace(/"[^"]*"/g, "")
    .replace(/[\u2066-\u2069]/g, "");

function get(obj: unknown, path: string[]): unknown {
  return path.reduce<unknown>((o, k) => (o && typeof o === "object" ? (o as Record<string, unknown>)[k] : undefined), obj);
}

describe("reason shapes", () => {
  it("when a rule names a catalogue key, then both languages have it", () => {
    const cats = { en: loadCatalogue("en"), ar: loadCatalogue("ar") };
    const missing = reasonKeys().flatMap((k) =>
      (["en", "ar"] as const)
        .filter((l) => typeof get(cats[l], k.split(".")) !== "string" && typeof get(cats[l], `${k}_other`.split(".")) !== "string")
        .map((l) => `${l}:${k}`),
    );
    expect(missing).toEqual([]);
  });

  it("when a reason has a known shape, then Arabic keeps its evidence exactly and English reads plainly", () => {
    const r = "Opposite stances on the same claim: المركز الإعلامي لقوات سوريا الديمقراطية asserted it; الجيش العراقي denied it.";
    expect(reasonText(r, ar)).toBe("موقفان متعارضان من الادعاء نفسه: أكّده المركز الإعلامي لقوات سوريا الديمقراطية، ونفاه الجيش العراقي.");
    expect(reasonText(r, en)).toBe(r);
    const nested = "Attach to claim #4: it states the same proposition (same actors: الجيش العراقي; 3 content word(s) in common (60% of the shorter)).";
    expect(reasonText(nested, ar)).toBe(
      "إرفاق بالادعاء رقم 4: يقول المضمون نفسه (يذكران الجهات أو الأماكن نفسها: الجيش العراقي؛ 3 كلمات أساسية مشتركة (60% من الأقصر)).",
    );
    expect(reasonText(`cue "نفى" (verb) suggests denied`, ar)).toBe("العبارة «نفى» (فعل) تدل على «نفى»");
    expect(reasonText("overlap with the claim: 0.83 of its words in the text, best sentence 0.50", ar)).toBe("في النص 83% من كلمات الادعاء (50% في أقرب جملة)");
  });

  it("when a reason has no known shape, then it is shown as the engine wrote it and counts as unknown", () => {
    expect(reasonText("a reason nobody has seen", ar)).toBe("a reason nobody has seen");
    expect(reasonKnown("a reason nobody has seen")).toBe(false);
    expect(reasonKnown("The two claims contradict each other: a reason nobody has seen.")).toBe(false);
  });
});

describe("notes the product writes", () => {
  it("when a source was created from a suggestion, then its note reads in the interface's language; once an analyst edits it, it is shown as they wrote it", () => {
    expect(generatedNoteText("Created from a suggestion in document #12.", ar)).toBe("أُنشئ من اقتراح في الوثيقة رقم 12.");
    expect(generatedNoteText("Created from a suggestion in document #3, as the body a new source is part of.", ar)).toBe(
      "أُنشئ من اقتراح في الوثيقة رقم 3، بوصفه الجهة التي يتبعها مصدر جديد.",
    );
    expect(generatedNoteText("Created from a suggestion in document #12.", en)).toBe("Created from a suggestion in document #12.");
    expect(generatedNoteText("Created from a suggestion in document #12. Checked by phone.", ar)).toBe(
      "Created from a suggestion in document #12. Checked by phone.",
    );
  });
});

describe("the founding scenario read in Arabic", () => {
  let ctx: TestContext;
  let auth: { Authorization: string };
  const reviews: Array<{ id: number; body: Record<string, unknown> }> = [];

  beforeAll(async () => {
    ctx = await setupTestApp();
    const user = await buildUser(ctx.db, { role: "analyst" });
    auth = { Authorization: `Bearer ${await apiToken(ctx.db, user.username)}` };
    for (const name of ["001_cad93aab64d4a56d.txt", "000_c05d65dbb0b1fda2.txt"]) {
      const created = await request(ctx.app)
        .post("/api/v1/ingest")
        .set(auth)
        .send({ text: seed(name) });
      expect(created.status).toBe(201);
      const id = created.body.document.id as number;
      const review = await request(ctx.app).get(`/api/v1/documents/${id}/suggestions`).set(auth);
      expect(review.status).toBe(200);
      reviews.push({ id, body: review.body });
      const items = review.body.suggestions.map((s: { proposal: unknown }) => s.proposal);
      const accepted = await request(ctx.app).post(`/api/v1/documents/${id}/suggestions`).set(auth).send({ items });
      expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
    }
  }, 180_000);
  afterAll(() => ctx?.close());

  it("when the extractor, the proposals, the links and the conflicts give their reasons, then every one has a translated shape", async () => {
    type S = { reasons: string[]; proposalWhy: string[]; details?: unknown };
    const said: string[] = [];
    for (const r of reviews) for (const s of r.body.suggestions as S[]) said.push(...s.reasons, ...s.proposalWhy);
    for (const l of await ctx.db.claimLink.findMany()) {
      const stored = JSON.parse(l.reasons) as { reasons?: string[]; details?: Array<{ reason: string }>; retrieval?: { reasons?: string[] } };
      said.push(...(stored.reasons ?? []), ...(stored.retrieval?.reasons ?? []));
      for (const d of stored.details ?? []) said.push(d.reason);
    }
    for (const c of await ctx.db.conflict.findMany()) said.push(c.explanation);
    expect(said.length).toBeGreaterThan(10);
    expect([...new Set(said.filter((r) => !reasonKnown(r)))]).toEqual([]);
  });

  it("when an analyst reads the review, the claim and the conflict pages in Arabic, then the reasons are Arabic around the evidence", async () => {
    const { agent } = await signedInAgent(ctx);
    const conflict = await ctx.db.conflict.findFirstOrThrow({ where: { kind: "stance" } });
    const claimIds = (await ctx.db.claim.findMany({ select: { id: true } })).map((c) => c.id);
    const pages = [...reviews.map((r) => `/documents/${r.id}/suggestions`), `/conflicts/${conflict.id}`, ...claimIds.map((id) => `/claims/${id}`)];
    const english: string[] = [];
    let read = 0;
    for (const path of pages) {
      const res = await agent.get(`${path}?lang=ar`);
      expect(res.status, path).toBe(200);
      const $ = cheerio.load(res.text);
      expect($("html").attr("lang")).toBe("ar");
      $("details.technical").remove();
      $("ul.reasons li, p.why bdi, table.details td:last-child, p.proposal bdi").each((_i, el) => {
        const text = $(el).text().trim();
        read += 1;
        if (ENGLISH.test(withoutEvidence(text))) english.push(`${path}: ${text}`);
      });
    }
    expect(read).toBeGreaterThan(10);
    expect(english).toEqual([]);
  });
});
