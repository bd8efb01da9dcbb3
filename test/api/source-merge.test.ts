import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAttribution, buildClaim, buildDocument, buildSource, csrfFrom, signedInAgent } from "../helpers.ts";
import { expectApiError, lastAudit, setupApi, tableCounts, type ApiContext } from "./support.ts";

let ctx: ApiContext;
beforeAll(async () => {
  ctx = await setupApi();
});
afterAll(() => ctx.close());

/** Two records of one body (the SDF under its full name and its acronym), with stances on two claims. */
async function scenario() {
  const a = await buildSource(ctx.db, { name: "قوات سوريا الديمقراطية", kind: "armed_group", aliases: ["SDF"] });
  const b = await buildSource(ctx.db, { name: "قسد", kind: "armed_group", aliases: ["Syrian Democratic Forces", "قسـد", "sdf", "QSD"] });
  const outlet = await buildSource(ctx.db, { name: "قناة الخبر", kind: "outlet" });
  const child = await buildSource(ctx.db, { name: "مصادر في قسد", kind: "anonymous", parentId: b.id });
  const doc = await buildDocument(ctx.db, { publisherId: b.id });
  const reversed = await buildClaim(ctx.db, { text: "شكّلت القوات مركزاً مشتركاً مع الجيش العراقي", language: "ar" });
  const carried = await buildClaim(ctx.db, { text: "انسحبت القوات من القرية", language: "ar" });
  const asserted = await buildAttribution(ctx.db, {
    claimId: reversed.id,
    sourceId: b.id,
    stance: "asserted",
    quote: "أعلنت قسد",
    statedAt: new Date("2024-03-01"),
  });
  const denied = await buildAttribution(ctx.db, {
    claimId: reversed.id,
    sourceId: a.id,
    stance: "denied",
    quote: "نفت القوات",
    statedAt: new Date("2024-03-02"),
  });
  const relayed = await buildAttribution(ctx.db, {
    claimId: carried.id,
    sourceId: outlet.id,
    outletId: b.id,
    viaId: b.id,
    documentId: doc.id,
    stance: "asserted",
    quote: "قالت القناة",
  });
  return { a, b, outlet, child, doc, reversed, carried, asserted, denied, relayed };
}

describe("POST /api/v1/sources/:id/merge", () => {
  it("when a client records a statement on the merged source's old id, then 422 names the source it was merged into, in the user's language, and nothing is written", async () => {
    const s = await scenario();
    expect((await ctx.as.analyst.post(`/sources/${s.b.id}/merge`, { into: s.a.id })).status).toBe(200);
    for (const [body, field] of [
      [{ sourceId: s.b.id, stance: "asserted" }, "sourceId"],
      [{ sourceId: s.outlet.id, outletId: s.b.id, stance: "asserted" }, "outletId"],
      [{ sourceId: s.outlet.id, viaId: s.b.id, stance: "asserted" }, "viaId"],
    ] as const) {
      const before = await tableCounts(ctx.db);
      const res = await ctx.as.analyst.post(`/claims/${s.carried.id}/attributions`, body);
      expectApiError(res, 422);
      expect(res.body.error.message).toContain("قوات سوريا الديمقراطية");
      expect(res.body.error.message).toContain(`#${s.a.id}`);
      expect(res.body.error.fields[field]).toContain("قوات سوريا الديمقراطية");
      expect(await tableCounts(ctx.db)).toEqual(before);
    }
    const ar = await ctx.as.analyst.post(`/claims/${s.carried.id}/attributions?lang=ar`, { sourceId: s.b.id, stance: "asserted" }).set("Accept-Language", "ar");
    expectApiError(ar, 422);
    expect(ar.body.error.message).toMatch(/^دُمج المصدر قسد في قوات سوريا الديمقراطية/);
  });

  it("when an analyst merges B into A, then every attribution, document, child and name of B moves to A, B is marked merged, and it is audited", async () => {
    const s = await scenario();
    const before = await ctx.db.conflict.findMany({ where: { claimId: s.reversed.id } });
    expect(before.map((c) => [c.kind, c.status])).toEqual([["stance", "open"]]);

    const res = await ctx.as.analyst.post(`/sources/${s.b.id}/merge`, { into: s.a.id, note: "قسد is the SDF" });
    expect(res.status, res.text).toBe(200);
    expect(res.body.source).toMatchObject({ id: s.a.id, name: "قوات سوريا الديمقراطية", mergedIntoId: null });
    // قسـد (tatweel) and "sdf" are the names A already has / B already gives, once normalised
    expect(res.body.source.aliases).toEqual(["SDF", "قسد", "Syrian Democratic Forces", "QSD"]);
    expect(res.body.aliasesAdded).toEqual(["قسد", "Syrian Democratic Forces", "QSD"]);
    expect(res.body.merged).toMatchObject({ id: s.b.id, mergedIntoId: s.a.id, aliases: [] });
    expect(res.body.moved).toEqual({ speaker: 1, outlet: 1, via: 1, documents: 1, children: 1 });

    const rows = await ctx.db.attribution.findMany({ where: { id: { in: [s.asserted.id, s.denied.id, s.relayed.id] } }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.sourceId, r.outletId, r.viaId])).toEqual([
      [s.a.id, null, null],
      [s.a.id, null, null],
      [s.outlet.id, s.a.id, s.a.id],
    ]);
    expect((await ctx.db.document.findUnique({ where: { id: s.doc.id } }))?.publisherId).toBe(s.a.id);
    expect((await ctx.db.source.findUnique({ where: { id: s.child.id } }))?.parentId).toBe(s.a.id);
    expect(await ctx.db.attribution.count({ where: { OR: [{ sourceId: s.b.id }, { outletId: s.b.id }, { viaId: s.b.id }] } })).toBe(0);

    // The claim was asserted by B and denied by A: one source now, so a reversal, not a conflict with itself.
    const after = await ctx.db.conflict.findMany({ where: { claimId: s.reversed.id }, include: { items: true }, orderBy: { id: "asc" } });
    expect(after.map((c) => [c.kind, c.status, c.active])).toEqual([
      ["stance", "resolved", false],
      ["reversal", "open", true],
    ]);
    expect(after[1].items.map((i) => [i.side, i.attributionId]).sort()).toEqual([
      ["a", s.asserted.id],
      ["b", s.denied.id],
    ]);
    expect(after[1].explanation).toMatch(/قوات سوريا الديمقراطية/);

    const audit = await lastAudit(ctx.db, "source.merge");
    expect(audit).toMatchObject({ entityType: "source", entityId: String(s.b.id), actorName: "analyst-1" });
    expect(audit.before).toMatchObject({ id: s.b.id, name: "قسد", aliases: ["Syrian Democratic Forces", "قسـد", "sdf", "QSD"] });
    expect(audit.after).toMatchObject({ mergedIntoId: s.a.id, aliasesAdded: ["قسد", "Syrian Democratic Forces", "QSD"], note: "قسد is the SDF" });
    expect(audit.after.moved).toEqual({ speaker: [s.asserted.id], outlet: [s.relayed.id], via: [s.relayed.id], documents: [s.doc.id], children: [s.child.id] });
    const update = await lastAudit(ctx.db, "source.update");
    expect(update).toMatchObject({ entityId: String(s.a.id), requestId: audit.requestId });
    expect(update.after.mergedFrom).toBe(s.b.id);
    expect(await ctx.db.auditEvent.count({ where: { requestId: audit.requestId, action: "conflict.open" } })).toBe(1);
    // each moved stance has its own event, so the claim's history shows the new speaker
    const moves = await ctx.db.auditEvent.findMany({ where: { requestId: audit.requestId, action: "attribution.update" }, orderBy: { seq: "asc" } });
    expect(moves.map((e) => Number(e.entityId))).toEqual([s.asserted.id, s.relayed.id]);
    expect(JSON.parse(moves[0].before)).toMatchObject({ sourceId: s.b.id });
    expect(JSON.parse(moves[0].after)).toMatchObject({ sourceId: s.a.id });
    expect(JSON.parse(moves[1].after)).toMatchObject({ sourceId: s.outlet.id, outletId: s.a.id, viaId: s.a.id });

    // The merged source reads as merged, drops out of the list, and cannot be merged or edited again.
    const got = await ctx.as.analyst.get(`/sources/${s.b.id}`);
    expect(got.body.mergedIntoId).toBe(s.a.id);
    const list = await ctx.as.analyst.get(`/sources?pageSize=200`);
    expect(list.body.items.map((i: { id: number }) => i.id)).not.toContain(s.b.id);
    const again = await ctx.as.analyst.post(`/sources/${s.b.id}/merge`, { into: s.a.id });
    expectApiError(again, 409, "conflict");
    expect(again.body.error.message).toMatch(/already merged/);
    expectApiError(await ctx.as.analyst.patch(`/sources/${s.b.id}`, { notes: "x" }), 409);
    const intoMerged = await ctx.as.analyst.post(`/sources/${s.outlet.id}/merge`, { into: s.b.id });
    expectApiError(intoMerged, 422);
    expect(intoMerged.body.error.fields.into).toMatch(/merged/);
  });

  it("when the request is wrong, then 4xx with a readable message and nothing is written", async () => {
    const s = await scenario();
    const cases: Array<[string, string, unknown, number, RegExp]> = [
      ["itself", `/sources/${s.b.id}/merge`, { into: s.b.id }, 422, /itself/],
      ["an unknown target", `/sources/${s.b.id}/merge`, { into: 999999 }, 422, /exists/],
      ["an unknown source", `/sources/999999/merge`, { into: s.a.id }, 404, /source was not found/],
      ["a non-numeric id", `/sources/abc/merge`, { into: s.a.id }, 404, /not found/],
      ["no target", `/sources/${s.b.id}/merge`, {}, 422, /into/],
      ["a text target", `/sources/${s.b.id}/merge`, { into: "قوات سوريا الديمقراطية" }, 422, /into|Into/],
      ["an unknown key", `/sources/${s.b.id}/merge`, { into: s.a.id, force: true }, 422, /force/],
      ["a body into its own part", `/sources/${s.b.id}/merge`, { into: s.child.id }, 409, /own part/],
    ];
    for (const [name, path, body, status, message] of cases) {
      const before = await tableCounts(ctx.db);
      const res = await ctx.as.analyst.post(path, body);
      expectApiError(res, status);
      expect(res.body.error.message + JSON.stringify(res.body.error.fields ?? {}), `${name}: ${JSON.stringify(res.body.error)}`).toMatch(message);
      expect(await tableCounts(ctx.db), name).toEqual(before);
    }
    expect(await ctx.db.attribution.findUnique({ where: { id: s.asserted.id } })).toMatchObject({ sourceId: s.b.id });
  });

  it("when no token is sent, then 401 and nothing moves", async () => {
    const s = await scenario();
    expectApiError(await ctx.anonymous.post(`/sources/${s.b.id}/merge`, { into: s.a.id }), 401);
    expect((await ctx.db.source.findUnique({ where: { id: s.b.id } }))?.mergedIntoId).toBeNull();
  });
});

describe("the source page's Merge into… form", () => {
  it("when an analyst confirms the merge, then the page leads to the source that stays, and the old page redirects there with a message in the page's language", async () => {
    const s = await scenario();
    const { agent } = await signedInAgent(ctx, "analyst");
    const page = await agent.get(`/sources/${s.b.id}`);
    expect(page.status).toBe(200);
    expect(page.text).toContain("Merge into…");
    expect(page.text).toContain(`<option dir="auto" value="${s.a.id}"`);
    const csrf = csrfFrom(page.text);

    const unconfirmed = await agent
      .post(`/sources/${s.b.id}/merge`)
      .type("form")
      .send({ _csrf: csrf, into: String(s.a.id), note: "" });
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmed.text).toContain("Tick the box to confirm");
    expect((await ctx.db.source.findUnique({ where: { id: s.b.id } }))?.mergedIntoId).toBeNull();

    const done = await agent
      .post(`/sources/${s.b.id}/merge`)
      .type("form")
      .send({ _csrf: csrf, into: String(s.a.id), note: "duplicate", confirm: "yes" });
    expect(done.status, done.text.slice(0, 300)).toBe(303);
    expect(done.headers.location).toBe(`/sources/${s.a.id}`);
    const old = await agent.get(`/sources/${s.b.id}`);
    expect(old.status).toBe(303);
    expect(old.headers.location).toBe(`/sources/${s.a.id}`);
    const target = await agent.get(`/sources/${s.a.id}`);
    expect(target.text).toContain("was merged into this source");
    expect(target.text).toContain("قسد");
    // the same message on an Arabic page is Arabic
    expect((await agent.get(`/sources/${s.b.id}`)).status).toBe(303);
    const ar = await agent.get(`/sources/${s.a.id}?lang=ar`);
    expect(ar.text).toContain("دُمج المصدر «قسد» في هذا المصدر.");
  });
});

describe("bundles after a merge", () => {
  it("when an exported bundle still names the merged source, then importing it is refused whole with a readable message, and the export leaves the merged source out", async () => {
    const { importBundle } = await import("../../src/domain/bundle/import-bundle.ts");
    const { exportBundle } = await import("../../src/domain/bundle/export-bundle.ts");
    const { inTransaction } = await import("../../src/db/client.ts");
    const { systemActor } = await import("../../src/domain/actor.ts");
    const s = await scenario();
    const old = await inTransaction(ctx.db, (tx) => exportBundle(tx));
    expect((await ctx.as.analyst.post(`/sources/${s.b.id}/merge`, { into: s.a.id })).status).toBe(200);
    const now = await inTransaction(ctx.db, (tx) => exportBundle(tx));
    expect((now.sources ?? []).map((x: { key: string }) => x.key)).not.toContain(s.b.key);
    expect((old.sources ?? []).map((x: { key: string }) => x.key)).toContain(s.b.key);
    const before = await tableCounts(ctx.db);
    await expect(importBundle(ctx.db, systemActor("test"), old)).rejects.toThrow(new RegExp(`source key "${s.b.key}" was merged into source #${s.a.id}`));
    expect(await tableCounts(ctx.db)).toEqual(before);
  });
});
