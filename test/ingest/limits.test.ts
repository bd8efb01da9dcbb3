/**
 * One set of limits (src/limits.ts), stated on the form and kept by the server: a 200,000-letter
 * Arabic paste is accepted (it used to be a bare 413: 1.2 MB once percent-encoded), a longer one
 * comes back with a per-field message and the text kept, and a paste too large to read is a
 * readable 413 that says what the limit is.
 */
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { INGEST_BODY_MAX_BYTES, REPORT_MAX_CHARS, UPLOAD_MAX_BYTES } from "../../src/limits.ts";
import { setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
let session: Awaited<ReturnType<typeof signedInAgent>>;
beforeAll(async () => {
  ctx = await setupTestApp({ SENTENCE_ENCODER: "off" });
  session = await signedInAgent(ctx, "analyst");
});
afterAll(() => ctx.close());

const arabic = (n: number) => {
  const line = "أعلن المركز الإعلامي لقوات سوريا الديمقراطية تشكيل مركز مشترك مع الجيش العراقي.\n";
  return line.repeat(Math.ceil(n / line.length)).slice(0, n);
};

describe("ingest limits", () => {
  it("when the ingest form is shown, then it states the limits the server applies and carries them for the inline check", async () => {
    const page = load((await session.agent.get("/ingest")).text);
    expect(page('label[for="text"]').text()).toContain("at most 200,000 characters");
    expect(page('label[for="file"]').text()).toContain("at most 20 MB");
    expect(page("#text").attr("data-max-chars")).toBe(String(REPORT_MAX_CHARS));
    expect(page("#file").attr("data-max-bytes")).toBe(String(UPLOAD_MAX_BYTES));
    expect(page('script[src="/assets/limits.js"]').length).toBe(1);
    expect((await session.agent.get("/assets/limits.js")).status).toBe(200);
  });

  it("when 200,000 Arabic characters are pasted (the stated limit), then the report is ingested", async () => {
    const text = arabic(REPORT_MAX_CHARS - 10) + " مختلف";
    const res = await session.agent
      .post("/ingest")
      .type("form")
      .send({ _csrf: await session.csrf("/ingest"), text, format: "text" });
    expect(res.status, res.text.slice(0, 300)).toBe(303);
  }, 120_000);

  it("when a longer paste is sent, then the form comes back with a message by the field and the text kept", async () => {
    const text = arabic(REPORT_MAX_CHARS + 5_000);
    const before = await ctx.db.document.count();
    const res = await session.agent
      .post("/ingest")
      .type("form")
      .send({ _csrf: await session.csrf("/ingest"), text, format: "text" });
    expect(res.status).toBe(422);
    const $ = load(res.text);
    expect($("#text-error").text()).toMatch(/205,000 characters; the limit is 200,000/);
    expect($("#text").text()).toBe(text);
    expect(await ctx.db.document.count()).toBe(before);
  });

  it("when a paste is too large to read at all, then 413 with a readable page that states the limits", async () => {
    const res = await session.agent
      .post("/ingest")
      .type("form")
      .send({ _csrf: await session.csrf("/ingest"), text: "x".repeat(INGEST_BODY_MAX_BYTES + 10), format: "text" });
    expect(res.status).toBe(413);
    expect(res.text).toMatch(/200,000 characters at most/);
    expect(res.text).toMatch(/<html/);
    const api = await session.agent
      .post("/ingest")
      .set("Accept", "application/json")
      .type("form")
      .send({ text: "x".repeat(INGEST_BODY_MAX_BYTES + 10) });
    expect(api.status).toBe(413);
    expect(api.body.error.message).toMatch(/200,000 characters at most/);
  });
});
