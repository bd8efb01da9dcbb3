import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAttribution, buildClaim, buildSource } from "../helpers.ts";
import { badBodies, expectApiError, expectRefused, lastAudit, setupApi, type ApiContext } from "./support.ts";

let ctx: ApiContext;
let sdf: { id: number };
let army: { id: number };
beforeAll(async () => {
  ctx = await setupApi();
  sdf = await buildSource(ctx.db, { name: "SDF media centre", kind: "official_body" });
  army = await buildSource(ctx.db, { name: "Iraqi army", kind: "official_body" });
});
afterAll(() => ctx.close());

/** A claim one source asserts and another denies: the engine opens a stance conflict. */
async function opposedClaim(text?: string) {
  const claim = await buildClaim(ctx.db, text ? { text } : {});
  const a = await buildAttribution(ctx.db, { claimId: claim.id, sourceId: sdf.id, stance: "asserted", quote: "أعلن" });
  const b = await buildAttribution(ctx.db, { claimId: claim.id, sourceId: army.id, stance: "denied", quote: "نفى" });
  const conflict = await ctx.db.conflict.findFirstOrThrow({ where: { claimId: claim.id } });
  return { claim, a, b, conflict };
}

const valid = { status: "dismissed", note: "Same statement misquoted." };

describe("GET /api/v1/conflicts", () => {
  it("when conflicts exist, then the list shows both sides and filters by status, kind and claim text", async () => {
    const { claim, conflict } = await opposedClaim("joint border coordination centre");
    await opposedClaim("convoy escort from al-Walid");
    const res = await ctx.as.analyst.get("/conflicts?q=coordination");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ total: 1, page: 1, pageSize: 25, pages: 1 });
    const [item] = res.body.items;
    expect(item).toMatchObject({ id: conflict.id, kind: "stance", status: "open", claim: { id: claim.id } });
    expect(item.items.map((i: { side: string; attribution: { source: { name: string } } }) => [i.side, i.attribution.source.name]).sort()).toEqual([
      ["a", "SDF media centre"],
      ["b", "Iraqi army"],
    ]);
    expect((await ctx.as.analyst.get("/conflicts?status=open&kind=stance")).body.total).toBe(2);
    expect((await ctx.as.analyst.get("/conflicts?kind=reversal")).body.total).toBe(0);
    expect((await ctx.as.analyst.get("/conflicts?pageSize=1&page=2")).body).toMatchObject({
      page: 2,
      pageSize: 1,
      total: 2,
      pages: 2,
      items: [expect.any(Object)],
    });
  });
});

describe("GET /api/v1/conflicts/:id", () => {
  it("when the conflict exists, then both sides come with source, quote and the explanation", async () => {
    const { a, b, conflict } = await opposedClaim();
    const res = await ctx.as.reviewer.get(`/conflicts/${conflict.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: conflict.id, kind: "stance", status: "open", active: true, otherClaim: null });
    expect(res.body.explanation).toMatch(/SDF media centre asserted it; Iraqi army denied it/);
    expect(res.body.details).toEqual({ sideA: ["SDF media centre"], sideB: ["Iraqi army"] });
    expect(res.body.items).toEqual([
      { side: "a", attribution: expect.objectContaining({ id: a.id, stance: "asserted", quote: "أعلن", source: expect.objectContaining({ id: sdf.id }) }) },
      { side: "b", attribution: expect.objectContaining({ id: b.id, stance: "denied", quote: "نفى", source: expect.objectContaining({ id: army.id }) }) },
    ]);
  });

  it("when the id is unknown or not a positive integer, then 404", async () => {
    for (const bad of ["999999", "0", "abc"]) expectApiError(await ctx.as.analyst.get(`/conflicts/${bad}`), 404, "not_found");
  });
});

describe("PATCH /api/v1/conflicts/:id", () => {
  it("when an analyst dismisses a conflict, then 200, the row keeps the note, and conflict.status records before and after", async () => {
    const { conflict } = await opposedClaim();
    const res = await ctx.as.analyst.patch(`/conflicts/${conflict.id}`, valid);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: conflict.id, status: "dismissed", statusNote: valid.note });
    expect(await ctx.db.conflict.findUnique({ where: { id: conflict.id } })).toMatchObject({ status: "dismissed", statusNote: valid.note });
    const audit = await lastAudit(ctx.db, "conflict.status");
    expect(audit).toMatchObject({ entityType: "conflict", entityId: String(conflict.id), actorName: "analyst-1" });
    expect(audit.before).toMatchObject({ status: "open" });
    expect(audit.after).toMatchObject({ status: "dismissed", statusNote: valid.note });
  });

  it("when the status is not a conflict status or the note is missing, then 422 and nothing is written", async () => {
    const { conflict } = await opposedClaim();
    const send = () => ctx.as.analyst.patch(`/conflicts/${conflict.id}`);
    await expectRefused(ctx, { name: "status", body: { ...valid, status: "closed" }, status: 422 }, send);
    await expectRefused(ctx, { name: "note", body: { status: "confirmed" }, status: 422 }, send);
    await expectRefused(ctx, { name: "active", body: { ...valid, active: false }, status: 422 }, send);
    await expectRefused(ctx, { name: "kind", body: { ...valid, kind: "reversal" }, status: 422 }, send);
  });

  it("when the conflict does not exist, then 404 and nothing is written", async () => {
    await expectRefused(ctx, { name: "unknown", body: valid, status: 404 }, () => ctx.as.analyst.patch("/conflicts/999999"));
  });

  for (const c of badBodies(valid, "note", 5000)) {
    it(`when the body has ${c.name}, then ${c.status} and nothing is written`, async () => {
      const { conflict } = await opposedClaim();
      await expectRefused(ctx, c, () => ctx.as.analyst.patch(`/conflicts/${conflict.id}`));
    });
  }
});
