/**
 * Analysts read the engine's reasons in plain words: no BM25 scores, no stems, no "spelling
 * similarity" in the visible text (the technical detail sits behind a <details> disclosure);
 * dates in words; validation messages that name the field as the form does, not its key.
 */
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { plainReasons } from "../../src/presenters/reasons.ts";
import { buildClaim, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
let session: Awaited<ReturnType<typeof signedInAgent>>;
beforeAll(async () => {
  ctx = await setupTestApp();
  session = await signedInAgent(ctx, "admin");
});
afterAll(() => ctx.close());

/** The page's text outside <details> disclosures and form controls. */
function visibleText(html: string, selector: string): string {
  const $ = load(html);
  $("details, select, script, style").remove();
  return $(selector).text().replace(/\s+/g, " ");
}

describe("engine reasons", () => {
  it("when the engine's reasons hold stems and scores, then the plain sentences use whole words from the claims and the scores stay technical", () => {
    const r = plainReasons(
      [
        "shared entities: SDF, Iraqi army",
        "shared words: حما, حدود, مركز",
        "covers 62% of the stored claim's key words (BM25 5.21)",
        "spelling similarity 71%",
      ],
      ["قسد والجيش العراقي شكلا مركزا لتنسيق حماية الحدود", "قوات سوريا الديمقراطية تعلن مركزاً لحماية الحدود"],
    );
    const text = r.plain.join(" | ");
    expect(text).toContain("حماية");
    expect(text).toContain("الحدود");
    expect(text).toMatch(/shares the words/);
    expect(text).toMatch(/similar spelling of a name/);
    expect(text).not.toMatch(/BM25|5\.21|\bحما\b|spelling similarity/);
    expect(r.technical.join(" ")).toMatch(/BM25 5\.21/);
  });

  it("when a claim page shows a related claim the engine found, then its card reads without BM25, stems or scores, and the detail is behind a disclosure", async () => {
    await buildClaim(ctx.db, { text: "قوات سوريا الديمقراطية والجيش العراقي شكلا مركزا مشتركا لتنسيق حماية الحدود", language: "ar" });
    const b = await buildClaim(ctx.db, { text: "قسد والجيش العراقي يشكلان مركزا مشتركا لحماية الحدود في دير الزور", language: "ar" });
    const links = await ctx.db.claimLink.count({ where: { OR: [{ fromId: b.id }, { toId: b.id }] } });
    expect(links).toBeGreaterThan(0);
    const page = await session.agent.get(`/claims/${b.id}`);
    expect(page.status).toBe(200);
    const card = visibleText(page.text, "#related");
    expect(card).not.toMatch(/BM25|spelling similarity|score \d|sentence meaning similarity/);
    expect(card).toMatch(/shares the words|names the same actors/);
    expect(card).not.toMatch(/\bحما\b/);
    const $ = load(page.text);
    expect($("#related details.technical").text()).toMatch(/BM25|score/);
  });
});

describe("dates and messages", () => {
  it("when a claim page is shown, then dates are written in words, not ISO", async () => {
    const c = await buildClaim(ctx.db);
    const page = await session.agent.get(`/claims/${c.id}`);
    const meta = visibleText(page.text, ".meta");
    expect(meta).toMatch(/recorded \d{1,2} [A-Z][a-z]+ \d{4}/);
    expect(meta).not.toMatch(/\d{4}-\d{2}-\d{2}/);
  });

  it("when a stance is posted without a source, then the message names the field in words and never its key", async () => {
    const c = await buildClaim(ctx.db);
    const path = `/claims/${c.id}`;
    const res = await session.agent
      .post(`${path}/attributions`)
      .type("form")
      .send({ _csrf: await session.csrf(path), sourceId: "", stance: "asserted" });
    expect(res.status).toBe(422);
    const $ = load(res.text);
    expect($("#sourceId-error").text()).toBe("Choose the source who said it.");
    expect($(".form-error").text()).not.toMatch(/sourceId|Must be a number/);
    expect($(".form-error").text()).toMatch(/Choose the source who said it/);
  });

  it("when the API refuses a field, then its message names the field as the form does", async () => {
    const res = await session.agent
      .post("/documents")
      .type("form")
      .send({ _csrf: await session.csrf("/documents/new"), title: "T", language: "ar", text: "نص", publishedAt: "2024-02-30x" });
    expect(res.status).toBe(422);
    expect(load(res.text)(".form-error").text()).not.toMatch(/publishedAt/);
  });
});
