/**
 * The topic report and its neighbours: every statement on the timeline (the founding conflict's
 * two undated statements included), a Reports entry in the menu with an index page, an empty
 * ClaimReview export that says why, a bad ?asOf refused, future publication dates refused.
 */
import { load } from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBundle } from "../../src/domain/bundle/import-bundle.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { seedBundle } from "../bundle/support.ts";
import { buildClaim, buildSource, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
let session: Awaited<ReturnType<typeof signedInAgent>>;
beforeAll(async () => {
  ctx = await setupTestApp();
  await importBundle(ctx.db, systemActor("test"), seedBundle());
  session = await signedInAgent(ctx, "analyst");
});
afterAll(() => ctx.close());

describe("the topic report's timeline", () => {
  it("when the founding conflict's statements and their report carry no date, then both are still on the timeline, marked by the date their report was retrieved", async () => {
    const res = await session.agent.get("/reports/topics/sdf-iraq");
    expect(res.status).toBe(200);
    const $ = load(res.text);
    const marks = $(".timeline circle title")
      .map((_, el) =>
        $(el)
          .text()
          .replace(/[\u2068\u2069]/g, ""),
      )
      .get();
    expect(marks.some((m) => /SDF media centre asserted claim 1/.test(m))).toBe(true);
    expect(marks.some((m) => /Iraqi army denied claim 1/.test(m))).toBe(true);
    expect(marks.filter((m) => /claim 1/.test(m)).every((m) => /(retrieved|recorded) \(statement and report undated\)/.test(m))).toBe(true);
    expect(marks.some((m) => /stated 28 March 2024/.test(m))).toBe(true);
    expect(res.text).not.toMatch(/Not on the timeline/);
  });
});

describe("the Reports menu", () => {
  it("when a signed-in user opens any page, then the menu has Reports, and its index lists the topics", async () => {
    const home = load((await session.agent.get("/")).text);
    expect(home('nav[aria-label="Main"] a[href="/reports"]').text()).toBe("Reports");
    const index = await session.agent.get("/reports");
    expect(index.status).toBe(200);
    expect(load(index.text)('a[href="/reports/topics/sdf-iraq"]').length).toBe(1);
  });
});

describe("exports and dates", () => {
  it("when a topic has no reviewed claim, then the ClaimReview export is still valid JSON, with a header and a page notice saying why it is empty", async () => {
    const res = await session.agent
      .get("/reports/topics/sdf-iraq?format=claimreview")
      .buffer(true)
      .parse((r, cb) => {
        let s = "";
        r.on("data", (c: Buffer) => (s += c.toString("utf8")));
        r.on("end", () => cb(null, s));
      });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body as string)).toEqual([]);
    expect(res.headers["x-crosscheck-notice"]).toMatch(/No claim in this report has a verdict/);
    const page = await session.agent.get("/reports/topics/sdf-iraq");
    expect(load(page.text)(".notice").text()).toMatch(/only claims with a verdict/);
  });

  it("when ?asOf is not a real date, then 400 with a readable message (not the present page)", async () => {
    const c = await buildClaim(ctx.db);
    for (const bad of ["2024-13-45", "2024-02-30", "yesterday"]) {
      const res = await session.agent.get(`/claims/${c.id}?asOf=${bad}`);
      expect(res.status, bad).toBe(400);
      expect(res.text).toMatch(/is not a date: give the day as YYYY-MM-DD/);
    }
    expect((await session.agent.get(`/claims/${c.id}?asOf=2024-03-28`)).status).toBe(200);
  });

  it("when a document is published in 2099, then the form refuses it with a message and nothing is written", async () => {
    const before = await ctx.db.document.count();
    const res = await session.agent
      .post("/documents")
      .type("form")
      .send({ _csrf: await session.csrf("/documents/new"), title: "T", language: "ar", text: "نص", publishedAt: "2099-01-01" });
    expect(res.status).toBe(422);
    expect(load(res.text)("#publishedAt-error").text()).toMatch(/cannot be in the future/);
    expect(await ctx.db.document.count()).toBe(before);
    const today = new Date().toISOString().slice(0, 10);
    const ok = await session.agent
      .post("/documents")
      .type("form")
      .send({ _csrf: await session.csrf("/documents/new"), title: "T", language: "ar", text: "نص اليوم", publishedAt: today });
    expect(ok.status).toBe(303);
  });

  it("when a stance is dated in the future through the API, then 422", async () => {
    const s = await buildSource(ctx.db);
    const c = await buildClaim(ctx.db);
    const path = `/claims/${c.id}`;
    const res = await session.agent
      .post(`${path}/attributions`)
      .type("form")
      .send({ _csrf: await session.csrf(path), sourceId: String(s.id), stance: "asserted", statedAt: "2099-05-01" });
    expect(res.status).toBe(422);
    expect(res.text).toMatch(/The statement date cannot be in the future/);
  });
});
