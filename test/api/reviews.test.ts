import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClaim } from "../helpers.ts";
import { badBodies, expectApiError, expectRefused, lastAudit, setupApi, type ApiContext } from "./support.ts";

let ctx: ApiContext;
beforeAll(async () => {
  ctx = await setupApi();
});
afterAll(() => ctx.close());

const valid = { status: "disputed", rationale: "The Iraqi army denied it the same day." };

describe("POST /api/v1/claims/:id/reviews", () => {
  it("when a reviewer gives a verdict, then 201, a Review row keeps the previous status, the claim changes, and review.create is audited", async () => {
    const claim = await buildClaim(ctx.db);
    const res = await ctx.as.reviewer.post(`/claims/${claim.id}/reviews`, valid);
    expect(res.status, res.text).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/claims/${claim.id}/reviews`);
    expect(res.body).toMatchObject({
      claimId: claim.id,
      status: "disputed",
      previousStatus: "unreviewed",
      rationale: valid.rationale,
      reviewerId: ctx.users.reviewer.id,
    });
    expect(await ctx.db.review.findUnique({ where: { id: res.body.id } })).toMatchObject({ status: "disputed", previousStatus: "unreviewed" });
    expect((await ctx.db.claim.findUnique({ where: { id: claim.id } }))?.status).toBe("disputed");
    const audit = await lastAudit(ctx.db, "review.create");
    expect(audit).toMatchObject({ entityType: "claim", entityId: String(claim.id), actorName: "reviewer-1", actorRole: "reviewer" });
    expect(audit.before).toMatchObject({ status: "unreviewed" });
    expect(audit.after).toMatchObject({ status: "disputed", review: { id: res.body.id, status: "disputed", rationale: valid.rationale } });
  });

  it("when an admin gives a verdict, then it is accepted", async () => {
    const claim = await buildClaim(ctx.db);
    expect((await ctx.as.admin.post(`/claims/${claim.id}/reviews`, { status: "verified", rationale: "Confirmed on video." })).status).toBe(201);
  });

  it("when an analyst posts a review, then 403 and nothing is written", async () => {
    const claim = await buildClaim(ctx.db);
    const res = await expectRefused(ctx, { name: "analyst", body: valid, status: 403 }, () => ctx.as.analyst.post(`/claims/${claim.id}/reviews`));
    expect(res.body.error.code).toBe("forbidden");
    expect((await ctx.db.claim.findUnique({ where: { id: claim.id } }))?.status).toBe("unreviewed");
  });

  it("when the claim does not exist, then 404 and nothing is written", async () => {
    await expectRefused(ctx, { name: "unknown", body: valid, status: 404 }, () => ctx.as.reviewer.post("/claims/999999/reviews"));
    await expectRefused(ctx, { name: "nan", body: valid, status: 404 }, () => ctx.as.reviewer.post("/claims/abc/reviews"));
  });

  it("when the status is not a review status or the rationale is blank, then 422 and nothing is written", async () => {
    const claim = await buildClaim(ctx.db);
    const send = () => ctx.as.reviewer.post(`/claims/${claim.id}/reviews`);
    await expectRefused(ctx, { name: "status", body: { ...valid, status: "true" }, status: 422 }, send);
    const blank = await expectRefused(ctx, { name: "blank", body: { ...valid, rationale: "   " }, status: 422 }, send);
    expect(blank.body.error.fields).toHaveProperty("rationale");
  });

  for (const c of badBodies(valid, "rationale", 5000)) {
    it(`when the body has ${c.name}, then ${c.status} and nothing is written`, async () => {
      const claim = await buildClaim(ctx.db);
      await expectRefused(ctx, c, () => ctx.as.reviewer.post(`/claims/${claim.id}/reviews`));
    });
  }
});

describe("GET /api/v1/claims/:id/reviews", () => {
  it("when a claim was reviewed twice, then the whole history comes back, newest first", async () => {
    const claim = await buildClaim(ctx.db);
    await ctx.as.reviewer.post(`/claims/${claim.id}/reviews`, { status: "disputed", rationale: "first" }).expect(201);
    await ctx.as.admin.post(`/claims/${claim.id}/reviews`, { status: "verified", rationale: "second" }).expect(201);
    const res = await ctx.as.analyst.get(`/claims/${claim.id}/reviews`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 2, page: 1, pages: 1 });
    expect(res.body.items).toEqual([
      expect.objectContaining({
        status: "verified",
        previousStatus: "disputed",
        rationale: "second",
        reviewer: expect.objectContaining({ username: "admin-1" }),
      }),
      expect.objectContaining({
        status: "disputed",
        previousStatus: "unreviewed",
        rationale: "first",
        reviewer: expect.objectContaining({ username: "reviewer-1" }),
      }),
    ]);
    expect(res.body.items[0].createdAt).toMatch(/Z$/);
  });

  it("when the claim does not exist, then 404", async () => {
    expectApiError(await ctx.as.analyst.get("/claims/999999/reviews"), 404, "not_found");
  });
});
