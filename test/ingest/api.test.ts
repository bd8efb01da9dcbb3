/** /api/v1/ingest (JSON and NDJSON with progress) and the suggestions API. */
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, buildSource, buildUser, setupTestApp, type TestContext } from "../helpers.ts";
import { counts, fixtureText, SEED_001, seedSources } from "./support.ts";

let ctx: TestContext;
let token: string;
let sources: Awaited<ReturnType<typeof seedSources>>;
beforeAll(async () => {
  ctx = await setupTestApp();
  const user = await buildUser(ctx.db, { role: "analyst" });
  token = await apiToken(ctx.db, user.username);
  sources = await seedSources(ctx.db);
});
afterAll(() => ctx.close());

const post = (path: string) => request(ctx.app).post(`/api/v1${path}`).set("Authorization", `Bearer ${token}`);
const get = (path: string) => request(ctx.app).get(`/api/v1${path}`).set("Authorization", `Bearer ${token}`);

const ndjson = (rows: unknown[]) => rows.map((r) => (typeof r === "string" ? r : JSON.stringify(r))).join("\n") + "\n";
const lines = (body: string) =>
  body
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe("POST /api/v1/ingest", () => {
  it("when one HTML report is sent as JSON, then 201 with the document; sent again, then 200 duplicate with the same id and nothing written", async () => {
    const html =
      "<html><head><title>t</title></head><body><nav>القائمة</nav><article><h1>نفي عراقي</h1><p>نفى الجيش العراقي تشكيل مركز مشترك مع قوات سوريا الديمقراطية على الحدود السورية العراقية.</p></article></body></html>";
    const res = await post("/ingest").send({ html, publisher: sources.outlet.id, publishedAt: "2019-03-28" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ duplicate: false, document: { title: "نفي عراقي", language: "ar", publisherId: sources.outlet.id } });
    expect(res.headers.location).toBe(`/api/v1/documents/${res.body.document.id}`);
    const stored = await ctx.db.document.findUniqueOrThrow({ where: { id: res.body.document.id } });
    expect(stored.text).not.toContain("القائمة");
    expect(Buffer.from(stored.rawBytes!).toString("utf8")).toBe(html);

    const before = await counts(ctx.db);
    const again = await post("/ingest").send({ html });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, document: { id: res.body.document.id } });
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when many reports are sent as NDJSON, then a progress line comes back per report (bad lines reported by number, the others ingested) and a summary", async () => {
    const before = await counts(ctx.db);
    const body = ndjson([
      { text: "قال المتحدث باسم الجيش العراقي إن القوات لم تعبر الحدود.", publisher: sources.outlet.id },
      { markdown: "# Denial\n\nThe Iraqi army **denied** forming a joint centre." },
      "{not json",
      { text: "قال المتحدث باسم الجيش العراقي إن القوات لم تعبر الحدود." },
      { text: "bad\u0000text" },
      { text: "English report: the coalition said convoys crossed al-Walid.", publisher: 999999 },
    ]);
    const res = await post("/ingest").set("Content-Type", "application/x-ndjson").send(body);
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/application\/x-ndjson/);
    const out = lines(res.text);
    expect(out).toHaveLength(7);
    expect(out.slice(0, 6).map((l) => [l.done, l.total, l.line])).toEqual([1, 2, 3, 4, 5, 6].map((n) => [n, 6, n]));
    expect(out[0]).toMatchObject({ duplicate: false, documentId: expect.any(Number) });
    expect(out[1]).toMatchObject({ duplicate: false, documentId: expect.any(Number) });
    expect(out[2]).toMatchObject({ error: { status: 400, message: "This line is not valid JSON." } });
    expect(out[3]).toMatchObject({ duplicate: true, documentId: out[0].documentId });
    expect(out[4]).toMatchObject({ error: { status: 422, fields: { text: expect.stringMatching(/control character/) } } });
    expect(out[5]).toMatchObject({ error: { status: 422, fields: { publisher: "This source does not exist." } } });
    expect(out[6]).toEqual({ done: 6, total: 6, summary: { ingested: 2, duplicates: 1, failed: 3 } });
    expect((await counts(ctx.db)).documents - before.documents).toBe(2);
  });

  it("when the body is neither JSON nor NDJSON, or has no token, then 415 / 401 and nothing is written", async () => {
    const before = await counts(ctx.db);
    expect((await post("/ingest").set("Content-Type", "text/plain").send("hello")).status).toBe(415);
    expect((await request(ctx.app).post("/api/v1/ingest").send({ text: "x" })).status).toBe(401);
    const both = await post("/ingest").send({ text: "a", html: "<p>b</p>" });
    expect(both.status).toBe(422);
    expect(both.body.error.fields.text).toMatch(/exactly one/);
    expect(await counts(ctx.db)).toEqual(before);
  });
});

describe("suggestions API", () => {
  it("when the suggestions of seed 001 are read, then each has the quote offsets, cue, speaker match and a list of matches", async () => {
    const { body: ing } = await post("/ingest").send({ text: fixtureText(SEED_001), publisher: sources.outlet.id });
    const res = await get(`/documents/${ing.document.id}/suggestions`);
    expect(res.status).toBe(200);
    expect(res.body.document).not.toHaveProperty("text");
    expect(res.body.outlet).toBe("تلفزيون الخبر");
    const denial = res.body.suggestions.find(
      (s: { headline?: boolean; speaker: { matchedSourceId?: number } }) => !s.headline && s.speaker.matchedSourceId === sources.army.id,
    );
    expect(denial).toMatchObject({ stance: "denied", cue: { text: "نفياً" }, matches: [], recorded: [] });
    expect(fixtureText(SEED_001).slice(denial.quote.start, denial.quote.end)).toBe(denial.quote.text);
  });

  it("when the assertion is accepted from one report and a later report's denial is merged into that claim by id, then the claim shows the stance conflict", async () => {
    const a = await post("/ingest").send({
      text: "أعلن المركز الإعلامي لقوات سوريا الديمقراطية عن تشكيل مركز مشترك مع الجيش العراقي لتنسيق حماية الحدود.",
      publisher: sources.outlet.id,
    });
    const sa = (await get(`/documents/${a.body.document.id}/suggestions`)).body.suggestions[0];
    expect(sa).toMatchObject({ stance: "asserted", speaker: { matchedSourceId: sources.mediaCentre.id } });
    const acc = await post(`/documents/${a.body.document.id}/suggestions`).send({
      items: [
        {
          index: 0,
          decision: "accept",
          claimText: sa.claimText,
          speakerId: sources.mediaCentre.id,
          stance: "asserted",
          quote: sa.quote.text,
          quoteStart: sa.quote.start,
          quoteEnd: sa.quote.end,
        },
      ],
    });
    expect(acc.status).toBe(201);
    const claimId = acc.body.claims[0];

    const b = await post("/ingest").send({
      text: "نفى الجيش العراقي تشكيل مركز مشترك مع قوات سوريا الديمقراطية لتنسيق حماية الحدود.",
      publisher: sources.outlet.id,
    });
    const sb = (await get(`/documents/${b.body.document.id}/suggestions`)).body.suggestions[0];
    expect(sb).toMatchObject({ stance: "denied", speaker: { matchedSourceId: sources.army.id } });
    // The review lists the earlier claim among the matches, with a score and reasons.
    expect(sb.matches).toContainEqual(expect.objectContaining({ claimId, score: expect.any(Number), reasons: expect.arrayContaining([expect.any(String)]) }));
    const before = await counts(ctx.db);
    const merged = await post(`/documents/${b.body.document.id}/suggestions`).send({
      items: [{ index: 0, decision: "merge", mergeInto: claimId, speakerId: sources.army.id, stance: "denied", quote: sb.quote.text }],
    });
    expect(merged.status).toBe(201);
    expect(merged.body).toMatchObject({ claims: [], items: [{ index: 0, decision: "merge", claimId, claimCreated: false }] });
    const after = await counts(ctx.db);
    expect(after.claims).toBe(before.claims);
    const att = await ctx.db.attribution.findUniqueOrThrow({ where: { id: merged.body.attributions[0] } });
    expect(att).toMatchObject({ quoteStart: sb.quote.start, quoteEnd: sb.quote.end, documentId: b.body.document.id });
    const conflict = await ctx.db.conflict.findFirst({ where: { claimId, kind: "stance", status: "open" } });
    expect(conflict).not.toBeNull();
  });

  it("when private sources speak to an outlet, then accepting creates one anonymous source under that outlet for all their statements", async () => {
    const pk = await buildSource(ctx.db, { name: "Political Keys", kind: "outlet" });
    const text =
      "أفادت مصادر خاصة لـ«Political Keys» أن قوات سوريا الديمقراطية عقدت اجتماعات مكثفة مع التحالف الدولي. وأضافت المصادر أن التدريب يجري في الشدادي.";
    const ing = await post("/ingest").send({ text, publisher: pk.id });
    const sug = (await get(`/documents/${ing.body.document.id}/suggestions`)).body.suggestions;
    expect(sug.length).toBe(2);
    for (const s of sug) expect(s).toMatchObject({ stance: "unverified", speaker: { kind: "anonymous", isNew: true } });
    const items = sug.map((s: { index: number; claimText: string; speaker: { name: string }; quote: { text: string; start: number; end: number } }) => ({
      index: s.index,
      decision: "accept",
      claimText: s.claimText,
      speakerName: s.speaker.name,
      speakerKind: "anonymous",
      stance: "unverified",
      quote: s.quote.text,
      quoteStart: s.quote.start,
      quoteEnd: s.quote.end,
    }));
    const res = await post(`/documents/${ing.body.document.id}/suggestions`).send({ items });
    expect(res.status).toBe(201);
    expect(res.body.sources).toHaveLength(1);
    const anon = await ctx.db.source.findUniqueOrThrow({ where: { id: res.body.sources[0] } });
    expect(anon).toMatchObject({ kind: "anonymous", parentId: pk.id });
    expect(anon.name).toContain("مصادر خاصة");
    expect(new Set(res.body.items.map((i: { sourceId: number }) => i.sourceId))).toEqual(new Set([anon.id]));
  });

  it("when an item is invalid (unknown stance) or merges into a missing claim, then 422 with the item's field and nothing is written", async () => {
    const doc = (await post("/ingest").send({ text: "قال الجيش العراقي إن الحدود آمنة." })).body.document;
    const before = await counts(ctx.db);
    const bad = await post(`/documents/${doc.id}/suggestions`).send({
      items: [{ index: 0, decision: "accept", claimText: "الحدود آمنة", speakerId: sources.army.id, stance: "maybe" }],
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.fields["items.0.stance"]).toMatch(/asserted, denied or unverified/);
    const missing = await post(`/documents/${doc.id}/suggestions`).send({
      items: [{ index: 0, decision: "merge", mergeInto: 999999, speakerId: sources.army.id, stance: "asserted" }],
    });
    expect(missing.status).toBe(422);
    expect(missing.body.error.fields["items.0.mergeInto"]).toBe("This claim does not exist.");
    expect(await counts(ctx.db)).toEqual(before);
  });
});

describe("a new source's parent body", () => {
  // its own store: the sources it adds would change what the other tests' reports are read as
  let own: TestContext;
  let ownToken: string;
  beforeAll(async () => {
    own = await setupTestApp();
    ownToken = await apiToken(own.db, (await buildUser(own.db, { role: "analyst" })).username);
  });
  afterAll(() => own.close());
  const ownPost = (path: string) => request(own.app).post(`/api/v1${path}`).set("Authorization", `Bearer ${ownToken}`);
  const ownGet = (path: string) => request(own.app).get(`/api/v1${path}`).set("Authorization", `Bearer ${ownToken}`);

  it("when a new body is part of one that was merged into another source, then accepting files it under the surviving source", async () => {
    const survivor = await buildSource(own.db, { name: "Syrian Democratic Forces", kind: "armed_group" });
    const merged = await buildSource(own.db, { name: "قوات سوريا الديمقراطية الموحدة", kind: "armed_group" });
    await own.db.source.update({ where: { id: merged.id }, data: { mergedIntoId: survivor.id } });
    const text = "قال المكتب الإعلامي إن الاجتماع عقد أمس في الحسكة.";
    const ing = await ownPost("/ingest").send({ text });
    const s = (await ownGet(`/documents/${ing.body.document.id}/suggestions`)).body.suggestions[0];
    const item = {
      index: s.index,
      decision: "accept",
      claimText: s.claimText,
      speakerName: "مكتب الإعلام الموحد",
      speakerKind: "official_body",
      speakerParentName: "قوات سوريا الديمقراطية الموحدة",
      stance: "asserted",
      quote: s.quote.text,
    };
    const res = await ownPost(`/documents/${ing.body.document.id}/suggestions`).send({ items: [item] });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const office = await own.db.source.findFirstOrThrow({ where: { name: "مكتب الإعلام الموحد" } });
    expect(office.parentId).toBe(survivor.id);
    expect(await own.db.source.count({ where: { name: "قوات سوريا الديمقراطية الموحدة" } })).toBe(1);
  });
});
