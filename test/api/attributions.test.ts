import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAttribution, buildClaim, buildDocument, buildSource } from "../helpers.ts";
import { badBodies, expectApiError, expectRefused, lastAudit, setupApi, tableCounts, type ApiContext } from "./support.ts";

let ctx: ApiContext;
let outlet: { id: number };
let speaker: { id: number };
let other: { id: number };
let doc: { id: number };
beforeAll(async () => {
  ctx = await setupApi();
  outlet = await buildSource(ctx.db, { name: "Al-Khabar TV", kind: "outlet" });
  speaker = await buildSource(ctx.db, { name: "SDF media centre", kind: "official_body" });
  other = await buildSource(ctx.db, { name: "Iraqi army", kind: "official_body" });
  doc = await buildDocument(ctx.db, { publisherId: outlet.id });
  // The bad-body table is built when the tests are collected, before these rows exist: it
  // relies on a fresh database numbering them from 1.
  expect([outlet.id, speaker.id, other.id, doc.id]).toEqual([1, 2, 3, 1]);
});
afterAll(() => ctx.close());

const body = (overrides: Record<string, unknown> = {}) => ({
  sourceId: 2,
  outletId: null,
  documentId: 1,
  stance: "asserted",
  quote: "أعلن المركز الإعلامي",
  statedAt: "2019-03-28",
  credibility: 3,
  ...overrides,
});

describe("POST /api/v1/claims/:id/attributions", () => {
  it("when an analyst records a stance, then 201 + Location, the outlet defaults to the publisher, and attribution.create is audited", async () => {
    const claim = await buildClaim(ctx.db);
    const res = await ctx.as.analyst.post(`/claims/${claim.id}/attributions`, body());
    expect(res.status, res.text).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/attributions/${res.body.id}`);
    expect(res.body).toMatchObject({
      claimId: claim.id,
      sourceId: speaker.id,
      outletId: outlet.id,
      documentId: doc.id,
      stance: "asserted",
      statedAt: "2019-03-28T00:00:00.000Z",
      credibility: 3,
    });
    const row = await ctx.db.attribution.findUnique({ where: { id: res.body.id } });
    expect(row).toMatchObject({ claimId: claim.id, outletId: outlet.id, stance: "asserted", createdById: ctx.users.analyst.id });
    const audit = await lastAudit(ctx.db, "attribution.create");
    expect(audit).toMatchObject({ entityType: "attribution", entityId: String(res.body.id), actorName: "analyst-1", before: null });
    expect(audit.after).toMatchObject({ claimId: claim.id, sourceId: speaker.id, stance: "asserted", quote: "أعلن المركز الإعلامي" });
  });

  it("when the second source denies it, then a stance conflict opens in the same request and is audited", async () => {
    const claim = await buildClaim(ctx.db);
    await ctx.as.analyst.post(`/claims/${claim.id}/attributions`, body()).expect(201);
    const res = await ctx.as.analyst.post(`/claims/${claim.id}/attributions`, body({ sourceId: other.id, stance: "denied", documentId: null }));
    expect(res.status).toBe(201);
    const conflicts = await ctx.db.conflict.findMany({ where: { claimId: claim.id } });
    expect(conflicts).toEqual([expect.objectContaining({ kind: "stance", status: "open" })]);
    const audit = await lastAudit(ctx.db, "conflict.open");
    expect(audit).toMatchObject({
      entityType: "conflict",
      entityId: String(conflicts[0].id),
      requestId: (await lastAudit(ctx.db, "attribution.create")).requestId,
    });
  });

  it("when the claim does not exist, then 404 and nothing is written", async () => {
    await expectRefused(ctx, { name: "unknown claim", body: body(), status: 404 }, () => ctx.as.analyst.post("/claims/999999/attributions"));
    await expectRefused(ctx, { name: "nan claim", body: body(), status: 404 }, () => ctx.as.analyst.post("/claims/x/attributions"));
  });

  it("when the source, outlet or document does not exist, then 422 names the field and nothing is written", async () => {
    const claim = await buildClaim(ctx.db);
    const send = () => ctx.as.analyst.post(`/claims/${claim.id}/attributions`);
    for (const field of ["sourceId", "outletId", "documentId"]) {
      const res = await expectRefused(ctx, { name: field, body: body({ [field]: 999999 }), status: 422 }, send);
      expect(res.body.error.fields).toHaveProperty(field);
    }
  });

  it("when the stance, credibility or date is out of range, then 422 and nothing is written", async () => {
    const claim = await buildClaim(ctx.db);
    const send = () => ctx.as.analyst.post(`/claims/${claim.id}/attributions`);
    for (const bad of [
      { stance: "maybe" },
      { credibility: 7 },
      { credibility: 2.5 },
      { statedAt: "28/03/2019" },
      { sourceId: "abc" },
      { sourceId: -1 },
      { claimId: claim.id },
    ]) {
      await expectRefused(ctx, { name: JSON.stringify(bad), body: body(bad), status: 422 }, send);
    }
  });

  // schemas.ts coerces ids with z.coerce.number(), so [5] and true pass as 5 and 1.
  // Flip these to it() once the id/credibility schemas stop coercing non-strings (see the API report).
  for (const bad of [{ sourceId: "ARRAY" }, { sourceId: true }, { credibility: [3] }]) {
    it(`when ${JSON.stringify(bad)} is sent (array or boolean for a number), then 422 and nothing is written`, async () => {
      const claim = await buildClaim(ctx.db);
      const value = bad.sourceId === "ARRAY" ? { sourceId: [speaker.id] } : bad;
      await expectRefused(ctx, { name: "coerced", body: body(value), status: 422 }, () => ctx.as.analyst.post(`/claims/${claim.id}/attributions`));
    });
  }

  for (const c of badBodies(body(), "quote", 5000)) {
    it(`when the body has ${c.name}, then ${c.status} and nothing is written`, async () => {
      const claim = await buildClaim(ctx.db);
      await expectRefused(ctx, c, () => ctx.as.analyst.post(`/claims/${claim.id}/attributions`));
    });
  }
});

describe("PATCH /api/v1/attributions/:id", () => {
  it("when the stance is changed, then 200, the row changes, attribution.update records before and after, and conflicts are re-analysed", async () => {
    const claim = await buildClaim(ctx.db);
    await buildAttribution(ctx.db, { claimId: claim.id, sourceId: speaker.id, stance: "asserted", quote: "" });
    const a = await buildAttribution(ctx.db, { claimId: claim.id, sourceId: other.id, stance: "unverified", quote: "" });
    expect(await ctx.db.conflict.count({ where: { claimId: claim.id } })).toBe(0);

    const res = await ctx.as.analyst.patch(
      `/attributions/${a.id}`,
      body({ sourceId: other.id, documentId: null, stance: "denied", quote: "نفى الجيش العراقي" }),
    );
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: a.id, claimId: claim.id, stance: "denied", quote: "نفى الجيش العراقي" });
    expect(await ctx.db.attribution.findUnique({ where: { id: a.id } })).toMatchObject({ stance: "denied" });
    const audit = await lastAudit(ctx.db, "attribution.update");
    expect(audit).toMatchObject({ entityType: "attribution", entityId: String(a.id) });
    expect(audit.before).toMatchObject({ stance: "unverified" });
    expect(audit.after).toMatchObject({ stance: "denied" });
    expect(await ctx.db.conflict.findMany({ where: { claimId: claim.id } })).toEqual([expect.objectContaining({ kind: "stance", status: "open" })]);
  });

  it("when only the stance is sent, then the quote, document, date and grade are kept", async () => {
    const claim = await buildClaim(ctx.db);
    const a = await buildAttribution(ctx.db, {
      claimId: claim.id,
      sourceId: speaker.id,
      documentId: doc.id,
      stance: "asserted",
      quote: "keep me",
      credibility: 2,
      statedAt: new Date("2019-03-28"),
    });
    const res = await ctx.as.analyst.patch(`/attributions/${a.id}`, { stance: "unverified" });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      stance: "unverified",
      quote: "keep me",
      credibility: 2,
      documentId: doc.id,
      outletId: outlet.id,
      statedAt: "2019-03-28T00:00:00.000Z",
    });
    expect(await ctx.db.attribution.findUnique({ where: { id: a.id } })).toMatchObject({
      stance: "unverified",
      quote: "keep me",
      credibility: 2,
      outletId: outlet.id,
    });
  });

  it("when the claim id is sent, then 422 (an attribution cannot move) and nothing is written", async () => {
    const claim = await buildClaim(ctx.db);
    const a = await buildAttribution(ctx.db, { claimId: claim.id, sourceId: speaker.id, stance: "asserted", quote: "" });
    await expectRefused(ctx, { name: "claimId", body: { claimId: claim.id + 1 }, status: 422 }, () => ctx.as.analyst.patch(`/attributions/${a.id}`));
  });

  it("when the attribution does not exist, then 404 and nothing is written", async () => {
    await expectRefused(ctx, { name: "unknown", body: body(), status: 404 }, () => ctx.as.analyst.patch("/attributions/999999"));
    await expectRefused(ctx, { name: "zero", body: body(), status: 404 }, () => ctx.as.analyst.patch("/attributions/0"));
  });

  for (const c of badBodies(body(), "quote", 5000)) {
    it(`when the PATCH body has ${c.name}, then ${c.status} and nothing is written`, async () => {
      const claim = await buildClaim(ctx.db);
      const a = await buildAttribution(ctx.db, { claimId: claim.id, sourceId: speaker.id, stance: "asserted", quote: "" });
      await expectRefused(ctx, c, () => ctx.as.analyst.patch(`/attributions/${a.id}`));
    });
  }
});

describe("DELETE /api/v1/attributions/:id", () => {
  it("when an attribution is removed, then 204, the row is gone, attribution.delete keeps its content, and the conflict resolves", async () => {
    const claim = await buildClaim(ctx.db);
    await buildAttribution(ctx.db, { claimId: claim.id, sourceId: speaker.id, stance: "asserted", quote: "" });
    const denial = await buildAttribution(ctx.db, { claimId: claim.id, sourceId: other.id, stance: "denied", quote: "لا صحة" });
    const res = await ctx.as.analyst.delete(`/attributions/${denial.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe("");
    expect(await ctx.db.attribution.findUnique({ where: { id: denial.id } })).toBeNull();
    const audit = await lastAudit(ctx.db, "attribution.delete");
    expect(audit).toMatchObject({ entityType: "attribution", entityId: String(denial.id), after: null });
    expect(audit.before).toMatchObject({ id: denial.id, stance: "denied", quote: "لا صحة" });
    expect(await ctx.db.conflict.findFirst({ where: { claimId: claim.id } })).toMatchObject({ status: "resolved", active: false });
  });

  it("when the attribution does not exist or the id is not a number, then 404 and nothing is written", async () => {
    for (const bad of ["999999", "abc", "-1"]) {
      const before = await tableCounts(ctx.db);
      expectApiError(await ctx.as.analyst.delete(`/attributions/${bad}`), 404, "not_found");
      expect(await tableCounts(ctx.db)).toEqual(before);
    }
  });
});
