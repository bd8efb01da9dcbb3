import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClaim, buildDocument, buildSource, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
let session: Awaited<ReturnType<typeof signedInAgent>>;
beforeAll(async () => {
  ctx = await setupTestApp();
  session = await signedInAgent(ctx);
  await buildClaim(ctx.db, { text: "أعلنت قوّاتُ سوريا الديمقراطيّة تشكيل مركز مشترك مع الجيش العراقي", language: "ar", tags: ["border"] });
  await buildClaim(ctx.db, { text: "التحالف الدولي يدرب قوة جديدة في الشدادي", language: "ar", tags: ["coalition"] });
  await buildClaim(ctx.db, { text: "Talks in Baghdad ended without agreement", language: "en" });
  for (let i = 0; i < 30; i++) await buildClaim(ctx.db, { text: `Filler claim number ${i}`, language: "en", tags: ["filler"] });
});
afterAll(() => ctx.close());

describe("search and lists", () => {
  it.each([
    ["without diacritics", "قوات"],
    ["with the article and a different alef/ya form", "الديمقراطيه"],
    ["a word carrying the article in the text, searched bare", "جيش"],
    ["with a conjunction clitic", "وبالجيش"],
    ["with hamza-less alef", "اعلنت"],
    ["with tatweel and tashkeel", "مـركـزٌ"],
  ])("when searching Arabic %s, then the claim is found", async (_label, q) => {
    const res = await session.agent.get(`/claims?q=${encodeURIComponent(q)}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain("تشكيل مركز مشترك");
    expect(res.text).not.toContain("الشدادي");
  });

  it("when searching English case-insensitively, then it matches", async () => {
    const res = await session.agent.get("/claims?q=BAGHDAD");
    expect(res.text).toContain("Talks in Baghdad");
  });

  it("when filtering by tag and paging, then the pages hold the right items", async () => {
    const p1 = await session.agent.get("/claims?tag=filler&pageSize=25");
    expect(p1.text).toContain("Page 1 of 2 (30 in all)");
    expect(p1.text).not.toContain("تشكيل مركز");
    const p2 = await session.agent.get("/claims?tag=filler&page=2&pageSize=25");
    expect((p2.text.match(/Filler claim number/g) ?? []).length).toBe(5);
  });

  it("when a garbage filter is given, then the list still answers 200 (filters are ignored, not fatal)", async () => {
    const res = await session.agent.get("/claims?page=-4&status=bogus&pageSize=99999");
    expect(res.status).toBe(200);
  });

  it("when sources are searched by an alias in another script, then the source is found", async () => {
    await buildSource(ctx.db, { name: "قوات سوريا الديمقراطية", aliases: ["قسد", "SDF", "Syrian Democratic Forces"], kind: "armed_group" });
    for (const q of ["sdf", "قسد", "syrian democratic"]) {
      const res = await session.agent.get(`/sources?q=${encodeURIComponent(q)}`);
      expect(res.text, q).toContain("قوات سوريا الديمقراطية");
    }
  });
});

describe("documents are evidence", () => {
  it("when a document is stored, then its text round-trips byte-exact with its SHA-256 and renders right-to-left", async () => {
    const text = "بسم\u200F الله — «مصادر خاصة» قالت: ٢٨ آذار\r\n\u202Bنص مضمن\u202C ﻻ ZWJ:\u200D end  ";
    const res = await session.agent
      .post("/documents")
      .type("form")
      .send({ _csrf: await session.csrf("/documents/new"), title: "تقرير", language: "ar", text });
    expect(res.status).toBe(303);
    const id = Number(/\/(\d+)$/.exec(res.headers.location)![1]);
    const row = await ctx.db.document.findUniqueOrThrow({ where: { id } });
    expect(row.text).toBe(text);
    expect(row.sha256).toBe(createHash("sha256").update(text, "utf8").digest("hex"));
    const page = await session.agent.get(`/documents/${id}`);
    expect(page.text).toContain('class="document-text" dir="auto" lang="ar"');
    expect(page.text).toContain(row.sha256);
  });

  it("when a document's details are edited, then the text cannot be changed", async () => {
    const doc = await buildDocument(ctx.db, { text: "الأصل" });
    const res = await session.agent
      .post(`/documents/${doc.id}`)
      .type("form")
      .send({ _csrf: await session.csrf(`/documents/${doc.id}/edit`), title: "new title", language: "ar", text: "مزور" });
    expect(res.status).toBe(422);
    expect((await ctx.db.document.findUniqueOrThrow({ where: { id: doc.id } })).text).toBe("الأصل");
  });
});

describe("audit page", () => {
  it("when the audit trail is listed with filters, then matching events show with bidi controls made visible", async () => {
    await buildSource(ctx.db, { name: "evil\u202Egnp.exe", kind: "other" });
    const res = await session.agent.get("/audit?entityType=source&action=source.create");
    expect(res.status).toBe(200);
    expect(res.text).toContain("⟨U+202E⟩");
    expect(res.text).not.toContain("\u202E");
  });

  it("when the trail is read in Arabic, then field names and the interface's own words (a claim's status) are in Arabic, and recorded text is shown as stored", async () => {
    const claim = await buildClaim(ctx.db, { text: "Talks in Geneva were postponed", language: "en" });
    const ar = await session.agent.get(`/audit?entityType=claim&entityId=${claim.id}&lang=ar`);
    expect(ar.status).toBe(200);
    const changes = [...ar.text.matchAll(/<ul class="changes">([\s\S]*?)<\/ul>/g)].map((m) => m[1]).join("\n");
    expect(changes).toContain('<span class="field">الحالة</span>');
    expect(changes).toContain("لم يُراجَع");
    expect(changes).not.toMatch(/"unreviewed"|>status</);
    expect(changes).toContain("Talks in Geneva were postponed"); // evidence as recorded
    const en = await session.agent.get(`/audit?entityType=claim&entityId=${claim.id}&lang=en`);
    expect(en.text).toContain('<span class="field">status</span>');
    // a yes/no field reads as words: a user's "disabled: false" is "معطّل: لا"
    const users = await session.agent.get("/audit?entityType=user&lang=ar");
    expect(users.text).toMatch(/<span class="field">معطّل<\/span>: <ins dir="auto">لا<\/ins>/);
  });
});
