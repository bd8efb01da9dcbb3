/**
 * The ingest and review pages: paste a report, recognise a re-ingest, review the suggestions
 * beside the highlighted text, and accept them into claims and attributions in one step.
 */
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocument, buildSource, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";
import { counts, fixtureText, formValues, SEED_001, seedSources } from "./support.ts";

let ctx: TestContext;
let session: Awaited<ReturnType<typeof signedInAgent>>;
let sources: Awaited<ReturnType<typeof seedSources>>;
beforeAll(async () => {
  ctx = await setupTestApp();
  session = await signedInAgent(ctx, "analyst");
  sources = await seedSources(ctx.db);
});
afterAll(() => ctx.close());

/** A fresh copy of seed 001 (a trailing marker keeps each copy a distinct report). */
let copy = 0;
async function ingestSeed(): Promise<number> {
  copy += 1;
  const res = await session.agent
    .post("/ingest")
    .type("form")
    .send({
      _csrf: await session.csrf("/ingest"),
      text: `${fixtureText(SEED_001)}\n#${copy}`,
      publisherId: String(sources.outlet.id),
      publishedAt: "2019-03-28",
    });
  expect(res.status).toBe(303);
  const m = /^\/documents\/(\d+)\/suggestions$/.exec(res.headers.location);
  expect(m, res.headers.location).not.toBeNull();
  return Number(m![1]);
}

async function reviewForm(id: number) {
  const page = await session.agent.get(`/documents/${id}/suggestions`);
  expect(page.status).toBe(200);
  return { page, values: formValues(page.text, `/documents/${id}/suggestions`) };
}

/** Every suggestion rejected except the decisions given. */
function decide(values: Record<string, string>, decisions: Record<number, Record<string, string>>): Record<string, string> {
  const out = { ...values };
  for (const k of Object.keys(out)) if (/^i\d+_decision$/.test(k)) out[k] = "reject";
  for (const [n, fields] of Object.entries(decisions)) for (const [f, v] of Object.entries(fields)) out[`i${n}_${f}`] = v;
  return out;
}

describe("ingest page", () => {
  it("when an analyst opens /ingest, then the paste and upload forms are there and the nav links to it", async () => {
    const res = await session.agent.get("/ingest");
    expect(res.status).toBe(200);
    expect(res.text).toContain('<a href="/ingest">Ingest</a>');
    expect(res.text).toContain('name="text"');
    expect(res.text).toContain('enctype="multipart/form-data"');
    expect(res.text).toContain('type="file"');
  });

  it("when a report is pasted, then it becomes a document and the review opens; pasting it again leads to the existing document with 'already ingested'", async () => {
    const text = "قال المتحدث باسم الجيش العراقي إن القوات لم تدخل الأراضي السورية.";
    const csrf = await session.csrf("/ingest");
    const first = await session.agent.post("/ingest").type("form").send({ _csrf: csrf, text, format: "text" });
    expect(first.status).toBe(303);
    const id = Number(/\/documents\/(\d+)\/suggestions/.exec(first.headers.location)![1]);
    const doc = await ctx.db.document.findUniqueOrThrow({ where: { id } });
    expect(doc).toMatchObject({ text, language: "ar", sourceFormat: "text", title: text });

    const before = await counts(ctx.db);
    const again = await session.agent
      .post("/ingest")
      .type("form")
      .send({ _csrf: await session.csrf("/ingest"), text, title: "other" });
    expect(again.status).toBe(303);
    expect(again.headers.location).toBe(`/documents/${id}`);
    expect(await counts(ctx.db)).toEqual(before);
    const shown = await session.agent.get(again.headers.location);
    expect(shown.text).toContain(`Already ingested: this report is document #${id}.`);
    expect(shown.text).toContain(`href="/documents/${id}/suggestions"`);
  });

  it("when the paste is empty or holds a NUL byte, then the form comes back with 422 and the message by the field", async () => {
    const before = await counts(ctx.db);
    for (const text of ["", "نص\u0000"]) {
      const res = await session.agent
        .post("/ingest")
        .type("form")
        .send({ _csrf: await session.csrf("/ingest"), text, title: "محفوظ" });
      expect(res.status).toBe(422);
      expect(res.text).toContain('id="text-error"');
      expect(res.text).toContain("محفوظ");
    }
    expect(await counts(ctx.db)).toEqual(before);
  });
});

describe("review page", () => {
  it("when the review opens, then the text is shown RTL with each quote highlighted, user text escaped, and each suggestion's fields, cue and matches", async () => {
    const text = 'وقال المتحدث باسم الجيش العراقي إن "<script>alert(1)</script> القوات لم تدخل الأراضي السورية".';
    const doc = await buildDocument(ctx.db, { title: "<b>عنوان</b>", text });
    const { page, values } = await reviewForm(doc.id);
    expect(page.text).toContain(`<div class="document-text" dir="auto" lang="ar">`);
    expect(page.text).toMatch(/<mark id="q-0" class="q-0" title="Suggestion 1">[^<]*&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    expect(page.text).not.toContain("<script>alert(1)</script>");
    expect(page.text).not.toContain("<b>عنوان</b>");
    // lang follows the first strong letter, as dir=auto does (here the b of the markup)
    expect(page.text).toContain('<bdi dir="auto" lang="en">&lt;b&gt;عنوان&lt;/b&gt;</bdi>');
    expect(values).toMatchObject({ i0_decision: "accept", i0_stance: "asserted", i0_quoteStart: expect.stringMatching(/^\d+$/) });
    expect(text.slice(Number(values.i0_quoteStart), Number(values.i0_quoteEnd))).toBe(values.i0_quote);
    expect(page.text).toContain('href="#q-0"');
  });

  it("when seed 001 is reviewed and the Iraqi army's denial is merged into the SDF media centre's announcement, then one claim holds both stances and a stance conflict opens — in one audited step", async () => {
    const id = await ingestSeed();
    const { page, values } = await reviewForm(id);
    expect(page.text).toContain('<mark id="q-1"');
    // Suggestion 2: the media centre announces the joint centre; suggestion 1: the army denies it.
    const announce = 2;
    const deny = 1;
    expect(values[`i${announce}_speakerId`]).toBe(String(sources.mediaCentre.id));
    expect(values[`i${announce}_stance`]).toBe("asserted");
    expect(values[`i${deny}_speakerId`]).toBe(String(sources.army.id));
    expect(values[`i${deny}_stance`]).toBe("denied");
    expect(page.text).toContain(`<option dir="auto" value="s${announce}"`);

    const before = await counts(ctx.db);
    const body = decide(values, {
      [announce]: { decision: "accept", translation: "The SDF and the Iraqi army formed a joint border-coordination centre." },
      [deny]: { decision: "merge", mergeInto: `s${announce}` },
    });
    const res = await session.agent.post(`/documents/${id}/suggestions`).type("form").send(body);
    expect(res.status, res.text.slice(0, 500)).toBe(303);
    expect(res.headers.location).toBe(`/documents/${id}`);

    const after = await counts(ctx.db);
    expect(after.claims - before.claims).toBe(1);
    expect(after.attributions - before.attributions).toBe(2);
    expect(after.sources).toBe(before.sources);

    const atts = await ctx.db.attribution.findMany({ where: { documentId: id }, orderBy: { id: "asc" }, include: { claim: true } });
    expect(atts).toHaveLength(2);
    const [assert, denial] = atts;
    expect(assert.claimId).toBe(denial.claimId);
    expect(assert).toMatchObject({ sourceId: sources.mediaCentre.id, stance: "asserted", outletId: sources.outlet.id });
    expect(denial).toMatchObject({ sourceId: sources.army.id, stance: "denied", outletId: sources.outlet.id });
    expect(assert.claim.translation).toBe("The SDF and the Iraqi army formed a joint border-coordination centre.");
    const doc = await ctx.db.document.findUniqueOrThrow({ where: { id } });
    for (const a of atts) expect(doc.text.slice(a.quoteStart!, a.quoteEnd!)).toBe(a.quote);
    expect(assert.statedAt?.toISOString().slice(0, 10)).toBe("2019-03-28");

    const conflict = await ctx.db.conflict.findFirstOrThrow({ where: { claimId: assert.claimId, kind: "stance" }, include: { items: true } });
    expect(conflict.status).toBe("open");
    expect(conflict.items.map((i) => i.attributionId).sort()).toEqual([assert.id, denial.id].sort());

    // One step: every event of the accept shares the request id.
    const events = await ctx.db.auditEvent.findMany({ where: { seq: { gt: before.audit } }, orderBy: { seq: "asc" } });
    expect(new Set(events.map((e) => e.requestId)).size).toBe(1);
    expect(events.map((e) => e.action)).toEqual(expect.arrayContaining(["claim.create", "attribution.create", "conflict.open"]));

    const shown = await session.agent.get(`/documents/${id}`);
    expect(shown.text).toMatch(/Recorded 2 attributions: 1 new claim/);

    // The review now shows both quotes as recorded, and the claim as a match for the denial.
    const { page: again, values: next } = await reviewForm(id);
    expect(next[`i${announce}_decision`]).toBe("reject");
    expect(again.text).toContain(`href="/claims/${assert.claimId}">claim #${assert.claimId}</a>`);
  });

  it("when the Political Keys report (no publisher set) is accepted as suggested, then its private sources become ONE anonymous source under the outlet the text names", async () => {
    const pk = await buildSource(ctx.db, { name: "Political Keys", aliases: ["بوليتيكال كيز"], kind: "outlet" });
    const res = await session.agent
      .post("/ingest")
      .type("form")
      .send({ _csrf: await session.csrf("/ingest"), text: fixtureText("000_c05d65dbb0b1fda2.txt") });
    const id = Number(/\/documents\/(\d+)\/suggestions/.exec(res.headers.location)![1]);
    const { page, values } = await reviewForm(id);
    const decisions = Object.keys(values).filter((k) => /^i\d+_decision$/.test(k));
    expect(decisions.length).toBe(7);
    // the outlet they are filed under is shown on each card, as a choice the analyst can change
    const $ = cheerio.load(page.text);
    const parentChoice = $('select[name="i0_speakerParentId"]');
    expect($(`label[for="i0_speakerParentId"]`).text()).toBe("Part of (a source on file)");
    expect(parentChoice.find("option[selected]").text()).toBe("Political Keys");
    for (const k of decisions) {
      const n = k.slice(1, -"_decision".length);
      expect(values[`i${n}_speakerId`]).toBe("");
      expect(values[`i${n}_speakerKind`]).toBe("anonymous");
      expect(values[`i${n}_stance`]).toBe("unverified");
      expect(values[`i${n}_speakerParentId`]).toBe(String(pk.id));
    }
    const before = await counts(ctx.db);
    const post = await session.agent.post(`/documents/${id}/suggestions`).type("form").send(values);
    expect(post.status, post.text.slice(0, 300)).toBe(303);
    const after = await counts(ctx.db);
    expect([after.sources - before.sources, after.claims - before.claims, after.attributions - before.attributions]).toEqual([1, 7, 7]);
    const anon = await ctx.db.source.findFirstOrThrow({ where: { kind: "anonymous", parentId: pk.id } });
    expect(anon.name).toContain("مصادر خاصة");
    const atts = await ctx.db.attribution.findMany({ where: { documentId: id } });
    expect(new Set(atts.map((a) => `${a.sourceId}/${a.stance}`))).toEqual(new Set([`${anon.id}/unverified`]));
  });

  it("when every suggestion is rejected, then nothing is written", async () => {
    const id = await ingestSeed();
    const { values } = await reviewForm(id);
    const before = await counts(ctx.db);
    const res = await session.agent.post(`/documents/${id}/suggestions`).type("form").send(decide(values, {}));
    expect(res.status).toBe(303);
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when one item is bad (NUL byte in the claim, unknown stance), then the page comes back with 422, the messages by those fields, and nothing at all is written", async () => {
    const id = await ingestSeed();
    const { values } = await reviewForm(id);
    const before = await counts(ctx.db);
    const body = decide(values, {
      2: { decision: "accept", claimText: "تشكيل مركز\u0000مشترك" },
      1: { decision: "accept", stance: "maybe" },
      4: { decision: "accept", translation: "kept as typed" },
    });
    const res = await session.agent.post(`/documents/${id}/suggestions`).type("form").send(body);
    expect(res.status).toBe(422);
    expect(res.text).toContain('id="i2_claimText-error"');
    expect(res.text).toMatch(/id="i2_claimText-error"[^>]*>Claim contains a control character/);
    expect(res.text).toMatch(/id="i1_stance-error"[^>]*>Stance must be asserted, denied or unverified/);
    expect(res.text).toContain('value="kept as typed"');
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when an edited quote is not in the document, then 422 by the quote field and nothing is written", async () => {
    const id = await ingestSeed();
    const { values } = await reviewForm(id);
    const before = await counts(ctx.db);
    const res = await session.agent
      .post(`/documents/${id}/suggestions`)
      .type("form")
      .send(decide(values, { 2: { decision: "accept" }, 3: { decision: "accept", quote: "a quote nobody wrote" } }));
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/id="i3_quote-error"[^>]*>The quote must be copied verbatim/);
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when the document does not exist, then 404", async () => {
    expect((await session.agent.get("/documents/999999/suggestions")).status).toBe(404);
    expect((await session.agent.get("/documents/abc/suggestions")).status).toBe(404);
  });
});
