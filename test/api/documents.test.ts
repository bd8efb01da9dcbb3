import { createHash } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDocument, buildSource } from "../helpers.ts";
import { badBodies, expectApiError, expectRefused, lastAudit, setupApi, type ApiContext } from "./support.ts";

let ctx: ApiContext;
let publisherId: number;
beforeAll(async () => {
  ctx = await setupApi();
  publisherId = (await buildSource(ctx.db, { name: "Al-Khabar TV", kind: "outlet" })).id;
});
afterAll(() => ctx.close());

// Evidence text with Arabic, a bidi mark, CRLF and trailing spaces: stored and returned byte-exact.
const TEXT = "  أعلن المركز الإعلامي لقوات سوريا الديمقراطية\r\nعن تشكيل مركز مشترك \u200F مع الجيش العراقي.  \n";
const sha = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
const valid = () => ({
  title: "SDF and Iraqi army joint centre",
  url: "https://example.org/report/1",
  publisherId,
  publishedAt: "2019-03-28T10:00:00Z",
  retrievedAt: null,
  language: "ar",
  text: TEXT,
});
const meta = () => {
  const { text: _text, ...rest } = valid();
  return rest;
};

describe("POST /api/v1/documents", () => {
  it("when an analyst records a report, then 201 + Location, the text is stored byte-exact with its SHA-256, and document.create is audited", async () => {
    const res = await ctx.as.analyst.post("/documents", valid());
    expect(res.status, res.text).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/documents/${res.body.id}`);
    expect(res.body).toMatchObject({
      title: valid().title,
      url: valid().url,
      publisherId,
      language: "ar",
      sha256: sha(TEXT),
      publishedAt: "2019-03-28T10:00:00.000Z",
    });
    expect(res.body).not.toHaveProperty("text");
    expect(res.body.retrievedAt).toMatch(/Z$/);

    const row = await ctx.db.document.findUnique({ where: { id: res.body.id } });
    expect(row?.text).toBe(TEXT);
    expect(row?.sha256).toBe(sha(TEXT));

    const audit = await lastAudit(ctx.db, "document.create");
    expect(audit).toMatchObject({ entityType: "document", entityId: String(res.body.id), actorName: "analyst-1", before: null });
    expect(audit.after).toMatchObject({ title: valid().title, sha256: sha(TEXT) });
  });

  for (const url of [
    "javascript:alert(1)",
    "JavaScript:alert(document.cookie)",
    "data:text/html,<script>alert(1)</script>",
    "//evil.example/x",
    "not a url",
    "ftp://example.org/x",
  ]) {
    it(`when the url is ${url}, then 422 names url and nothing is written`, async () => {
      const res = await expectRefused(ctx, { name: url, body: { ...valid(), url }, status: 422 }, () => ctx.as.analyst.post("/documents"));
      expect(res.body.error.fields).toHaveProperty("url");
    });
  }

  it("when the publisher does not exist, then 422 names publisherId and nothing is written", async () => {
    const res = await expectRefused(ctx, { name: "no publisher", body: { ...valid(), publisherId: 999999 }, status: 422 }, () =>
      ctx.as.analyst.post("/documents"),
    );
    expect(res.body.error.fields).toHaveProperty("publisherId");
  });

  it("when the date is not a date, then 422 and nothing is written", async () => {
    const res = await expectRefused(ctx, { name: "bad date", body: { ...valid(), publishedAt: "yesterday" }, status: 422 }, () =>
      ctx.as.analyst.post("/documents"),
    );
    expect(res.body.error.fields).toHaveProperty("publishedAt");
  });

  for (const c of badBodies(valid(), "title", 500)) {
    it(`when the body has ${c.name}, then ${c.status} and nothing is written`, async () => {
      await expectRefused(ctx, c, () => ctx.as.analyst.post("/documents"));
    });
  }

  it("when the text has a NUL byte, then 422 and nothing is written", async () => {
    await expectRefused(ctx, { name: "nul text", body: { ...valid(), text: "a\u0000b" }, status: 422 }, () => ctx.as.analyst.post("/documents"));
  });
});

describe("GET /api/v1/documents", () => {
  it("when documents exist, then the list has summaries with publisher and sha256 but no text", async () => {
    await buildDocument(ctx.db, { title: "Political Keys report", language: "en", text: "private sources said", publisherId });
    const res = await ctx.as.analyst.get("/documents?language=en");
    expect(res.status).toBe(200);
    expect(res.body.items.length).toBeGreaterThan(0);
    for (const d of res.body.items) {
      expect(d.language).toBe("en");
      expect(d).not.toHaveProperty("text");
      expect(d.sha256).toMatch(/^[0-9a-f]{64}$/);
    }
    expect(res.body.items[0]).toMatchObject({ publisher: { id: publisherId, name: "Al-Khabar TV" }, attributionCount: 0 });
    expect(res.body).toMatchObject({ page: 1, pageSize: 25, total: expect.any(Number), pages: expect.any(Number) });
  });
});

describe("GET /api/v1/documents/:id", () => {
  it("when the document exists, then it comes with its full text, exactly as recorded", async () => {
    const doc = await buildDocument(ctx.db, { text: TEXT, publisherId });
    const res = await ctx.as.reviewer.get(`/documents/${doc.id}`);
    expect(res.status).toBe(200);
    expect(res.body.text).toBe(TEXT);
    expect(sha(res.body.text)).toBe(res.body.sha256);
    expect(res.body).toMatchObject({ publisher: { id: publisherId, name: "Al-Khabar TV" }, attributions: [] });
  });

  it("when the id is unknown or not a positive integer, then 404", async () => {
    for (const bad of ["999999", "0", "x", "-5"]) expectApiError(await ctx.as.analyst.get(`/documents/${bad}`), 404, "not_found");
  });
});

describe("PATCH /api/v1/documents/:id", () => {
  it("when the metadata is replaced, then 200, the row changes, the text and SHA-256 do not, and document.update is audited", async () => {
    const doc = await buildDocument(ctx.db, { text: TEXT });
    const res = await ctx.as.analyst.patch(`/documents/${doc.id}`, { ...meta(), title: "Corrected title", url: null });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: doc.id, title: "Corrected title", url: null, sha256: sha(TEXT) });
    const row = await ctx.db.document.findUnique({ where: { id: doc.id } });
    expect(row).toMatchObject({ title: "Corrected title", url: null, text: TEXT, sha256: sha(TEXT) });
    const audit = await lastAudit(ctx.db, "document.update");
    expect(audit).toMatchObject({ entityType: "document", entityId: String(doc.id) });
    expect(audit.before).toMatchObject({ title: doc.title });
    expect(audit.after).toMatchObject({ title: "Corrected title", sha256: sha(TEXT) });
  });

  it("when the text is sent, then 422 (evidence is immutable) and nothing is written", async () => {
    const doc = await buildDocument(ctx.db, { text: TEXT });
    const res = await expectRefused(ctx, { name: "text", body: { ...meta(), text: "rewritten" }, status: 422 }, () =>
      ctx.as.analyst.patch(`/documents/${doc.id}`),
    );
    expect(res.body.error.message).toMatch(/text/);
    expect((await ctx.db.document.findUnique({ where: { id: doc.id } }))?.text).toBe(TEXT);
  });

  it("when only the title is sent, then url, publisher and dates keep their values", async () => {
    const doc = await buildDocument(ctx.db, { url: "https://example.org/keep", publisherId, publishedAt: new Date("2019-03-28T10:00:00Z") });
    const res = await ctx.as.analyst.patch(`/documents/${doc.id}`, { title: "Only the title" });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ title: "Only the title", url: "https://example.org/keep", publisherId, publishedAt: "2019-03-28T10:00:00.000Z" });
    expect(await ctx.db.document.findUnique({ where: { id: doc.id } })).toMatchObject({
      title: "Only the title",
      url: "https://example.org/keep",
      publisherId,
    });
  });

  it("when the url becomes javascript:, then 422 and nothing is written", async () => {
    const doc = await buildDocument(ctx.db);
    await expectRefused(ctx, { name: "js", body: { ...meta(), url: "javascript:alert(1)" }, status: 422 }, () => ctx.as.analyst.patch(`/documents/${doc.id}`));
  });

  it("when the document does not exist, then 404 and nothing is written", async () => {
    await expectRefused(ctx, { name: "unknown", body: meta(), status: 404 }, () => ctx.as.analyst.patch("/documents/999999"));
  });

  for (const c of badBodies(meta(), "title", 500)) {
    it(`when the PATCH body has ${c.name}, then ${c.status} and nothing is written`, async () => {
      const doc = await buildDocument(ctx.db);
      await expectRefused(ctx, c, () => ctx.as.analyst.patch(`/documents/${doc.id}`));
    });
  }
});
