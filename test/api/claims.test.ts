import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAttribution, buildClaim, buildDocument, buildSource } from "../helpers.ts";
import { badBodies, expectApiError, expectRefused, lastAudit, setupApi, type ApiContext } from "./support.ts";

let ctx: ApiContext;
beforeAll(async () => {
  ctx = await setupApi();
});
afterAll(() => ctx.close());

const valid = {
  text: "شكلت قسد والجيش العراقي مركزاً مشتركاً لتنسيق أمن الحدود",
  language: "ar",
  translation: "The SDF and the Iraqi army formed a joint border-coordination centre",
  tags: ["border", "Deir-ez-Zor"],
};

describe("POST /api/v1/claims", () => {
  it("when an analyst records a claim, then 201 + Location, the row is unreviewed with its creator, and claim.create is audited", async () => {
    const res = await ctx.as.analyst.post("/claims", valid);
    expect(res.status, res.text).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/claims/${res.body.id}`);
    expect(res.body).toMatchObject({ text: valid.text, language: "ar", translation: valid.translation, status: "unreviewed", tags: ["border", "deir-ez-zor"] });
    expect(res.body).not.toHaveProperty("searchKey");
    expect(res.body).not.toHaveProperty("createdById");
    const row = await ctx.db.claim.findUnique({ where: { id: res.body.id } });
    expect(row).toMatchObject({ text: valid.text, status: "unreviewed", createdById: ctx.users.analyst.id });
    const audit = await lastAudit(ctx.db, "claim.create");
    expect(audit).toMatchObject({ entityType: "claim", entityId: String(res.body.id), actorId: ctx.users.analyst.id, before: null });
    expect(audit.after).toMatchObject({ text: valid.text, status: "unreviewed" });
  });

  it("when the claim is exactly 2000 characters, then it is accepted", async () => {
    const res = await ctx.as.analyst.post("/claims", { ...valid, text: "ب".repeat(2000) });
    expect(res.status).toBe(201);
  });

  for (const c of badBodies(valid, "text", 2000)) {
    it(`when the body has ${c.name}, then ${c.status} and nothing is written`, async () => {
      await expectRefused(ctx, c, () => ctx.as.analyst.post("/claims"));
    });
  }

  it("when a tag has a space or a zero-width character, then 422 and nothing is written", async () => {
    await expectRefused(ctx, { name: "space tag", body: { ...valid, tags: ["two words"] }, status: 422 }, () => ctx.as.analyst.post("/claims"));
    await expectRefused(ctx, { name: "zw tag", body: { ...valid, tags: ["bor\u200Bder"] }, status: 422 }, () => ctx.as.analyst.post("/claims"));
  });

  it("when tags is a string instead of a list, then 422 and nothing is written", async () => {
    await expectRefused(ctx, { name: "tags string", body: { ...valid, tags: "border" }, status: 422 }, () => ctx.as.analyst.post("/claims"));
  });
});

describe("GET /api/v1/claims", () => {
  it("when claims exist, then the list is paged with stance counts and filters by tag and status", async () => {
    const claim = await buildClaim(ctx.db, { text: "Jia Kobani moved to a coalition base", tags: ["kobani"] });
    const src = await buildSource(ctx.db);
    await buildAttribution(ctx.db, { claimId: claim.id, sourceId: src.id, stance: "unverified", quote: "" });
    const res = await ctx.as.analyst.get("/claims?tag=kobani");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, page: 1, pages: 1 });
    expect(res.body.items[0]).toMatchObject({ id: claim.id, tags: ["kobani"], stances: { asserted: 0, denied: 0, unverified: 1 }, openConflicts: 0 });
    const none = await ctx.as.analyst.get("/claims?tag=kobani&status=verified");
    expect(none.body).toMatchObject({ items: [], total: 0, pages: 1 });
    const bySource = await ctx.as.analyst.get(`/claims?sourceId=${src.id}`);
    expect(bySource.body.items.map((c: { id: number }) => c.id)).toEqual([claim.id]);
  });
});

describe("GET /api/v1/claims/:id", () => {
  it("when the claim has attributions, conflicts and reviews, then all of them come with it", async () => {
    const claim = await buildClaim(ctx.db);
    const outlet = await buildSource(ctx.db, { name: "Al-Khabar TV", kind: "outlet" });
    const sdf = await buildSource(ctx.db, { name: "SDF media centre", kind: "official_body" });
    const army = await buildSource(ctx.db, { name: "Iraqi army", kind: "official_body" });
    const doc = await buildDocument(ctx.db, { publisherId: outlet.id, url: "https://example.org/a" });
    await buildAttribution(ctx.db, {
      claimId: claim.id,
      sourceId: sdf.id,
      documentId: doc.id,
      stance: "asserted",
      quote: "أعلن",
      statedAt: new Date("2019-03-28"),
    });
    await buildAttribution(ctx.db, { claimId: claim.id, sourceId: army.id, stance: "denied", quote: "نفى" });
    await ctx.as.reviewer.post(`/claims/${claim.id}/reviews`, { status: "disputed", rationale: "Sources disagree." }).expect(201);

    const res = await ctx.as.analyst.get(`/claims/${claim.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: claim.id, status: "disputed" });
    expect(res.body.attributions).toHaveLength(2);
    const byStance = (st: string) => res.body.attributions.find((a: { stance: string }) => a.stance === st);
    expect(byStance("asserted")).toMatchObject({
      stance: "asserted",
      statedAt: "2019-03-28T00:00:00.000Z",
      source: { id: sdf.id, name: "SDF media centre" },
      outlet: { id: outlet.id, name: "Al-Khabar TV" },
      document: { id: doc.id, title: doc.title, url: "https://example.org/a" },
    });
    expect(byStance("denied")).toMatchObject({ stance: "denied", source: { name: "Iraqi army" }, outlet: null, document: null });
    expect(res.body.conflicts).toEqual([expect.objectContaining({ kind: "stance", status: "open", active: true })]);
    expect(res.body.reviews).toEqual([
      expect.objectContaining({
        status: "disputed",
        previousStatus: "unreviewed",
        rationale: "Sources disagree.",
        reviewer: { username: "reviewer-1", displayName: expect.any(String) },
      }),
    ]);
  });

  it("when the id is unknown or not a positive integer, then 404", async () => {
    for (const bad of ["999999", "0", "abc", "1;DROP TABLE Claim"])
      expectApiError(await ctx.as.analyst.get(`/claims/${encodeURIComponent(bad)}`), 404, "not_found");
  });
});

describe("PATCH /api/v1/claims/:id", () => {
  it("when every field is sent, then 200, the row changes but keeps its status, and claim.update is audited", async () => {
    const claim = await buildClaim(ctx.db, { text: "old wording", tags: ["a"] });
    const res = await ctx.as.analyst.patch(`/claims/${claim.id}`, { ...valid, tags: [] });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: claim.id, text: valid.text, tags: [], status: "unreviewed" });
    expect(await ctx.db.claim.findUnique({ where: { id: claim.id } })).toMatchObject({ text: valid.text, tags: "" });
    const audit = await lastAudit(ctx.db, "claim.update");
    expect(audit).toMatchObject({ entityType: "claim", entityId: String(claim.id) });
    expect(audit.before).toMatchObject({ text: "old wording", tags: ["a"] });
    expect(audit.after).toMatchObject({ text: valid.text, tags: [] });
  });

  it("when only the translation is sent, then the text, language and tags are kept", async () => {
    const claim = await buildClaim(ctx.db, { text: "النص الأصلي", language: "ar", tags: ["border"] });
    const res = await ctx.as.analyst.patch(`/claims/${claim.id}`, { translation: "The original text" });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ text: "النص الأصلي", language: "ar", tags: ["border"], translation: "The original text" });
    expect(await ctx.db.claim.findUnique({ where: { id: claim.id } })).toMatchObject({
      text: "النص الأصلي",
      tags: " border ",
      translation: "The original text",
    });
  });

  it("when the body tries to set the status, then 422 and nothing is written", async () => {
    const claim = await buildClaim(ctx.db);
    await expectRefused(ctx, { name: "status", body: { ...valid, status: "verified" }, status: 422 }, () => ctx.as.analyst.patch(`/claims/${claim.id}`));
    expect((await ctx.db.claim.findUnique({ where: { id: claim.id } }))?.status).toBe("unreviewed");
  });

  it("when the claim does not exist, then 404 and nothing is written", async () => {
    await expectRefused(ctx, { name: "unknown", body: valid, status: 404 }, () => ctx.as.analyst.patch("/claims/999999"));
  });

  for (const c of badBodies(valid, "text", 2000)) {
    it(`when the PATCH body has ${c.name}, then ${c.status} and nothing is written`, async () => {
      const claim = await buildClaim(ctx.db);
      await expectRefused(ctx, c, () => ctx.as.analyst.patch(`/claims/${claim.id}`));
    });
  }
});
