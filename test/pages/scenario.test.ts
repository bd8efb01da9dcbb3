/**
 * The founding scenario through the HTML forms: sources, a document, a claim, the SDF media
 * centre asserting and the Iraqi army denying → a stance conflict with both sides; a reviewer's
 * verdict; every step checked in the response, the database and the audit trail.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditCount, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx.close());

function idFrom(location: string | undefined): number {
  const m = /\/(\d+)(?:#.*)?$/.exec(location ?? "");
  if (!m) throw new Error(`no id in ${location}`);
  return Number(m[1]);
}

describe("recording the founding scenario through the pages", () => {
  it("when an analyst records two sources, a claim and opposite stances, then a stance conflict opens with both sides", async () => {
    const { agent, csrf } = await signedInAgent(ctx, "analyst");
    const before = await auditCount(ctx.db);

    let res = await agent
      .post("/sources")
      .type("form")
      .send({
        _csrf: await csrf("/sources/new"),
        name: "المركز الإعلامي لقوات سوريا الديمقراطية",
        aliases: "SDF media centre\nالمركز الإعلامي لقسد",
        kind: "official_body",
        reliability: "C",
        notes: "",
      });
    expect(res.status).toBe(303);
    const sdf = idFrom(res.headers.location);
    res = await agent
      .post("/sources")
      .type("form")
      .send({ _csrf: await csrf("/sources/new"), name: "الجيش العراقي", aliases: "Iraqi army", kind: "official_body", reliability: "B" });
    expect(res.status).toBe(303);
    const army = idFrom(res.headers.location);

    res = await agent
      .post("/claims")
      .type("form")
      .send({
        _csrf: await csrf("/claims/new"),
        text: "شكّلت قسد والجيش العراقي مركزاً مشتركاً لتنسيق حماية الحدود",
        language: "ar",
        translation: "The SDF and the Iraqi army formed a joint border-coordination centre",
        tags: "sdf-iraq border",
      });
    expect(res.status).toBe(303);
    const claimId = idFrom(res.headers.location);

    res = await agent
      .post(`/claims/${claimId}/attributions`)
      .type("form")
      .send({
        _csrf: await csrf(`/claims/${claimId}`),
        sourceId: String(sdf),
        stance: "asserted",
        quote: "أعلن المركز الإعلامي … عن تشكيل مركز مشترك مع الجيش العراقي",
        statedAt: "2024-03-20",
        credibility: "3",
      });
    expect(res.status).toBe(303);
    res = await agent
      .post(`/claims/${claimId}/attributions`)
      .type("form")
      .send({
        _csrf: await csrf(`/claims/${claimId}`),
        sourceId: String(army),
        stance: "denied",
        quote: "نفياً من الجيش العراقي عن تشكيل مركز مشترك",
        statedAt: "2024-03-22",
      });
    expect(res.status).toBe(303);

    const conflicts = await ctx.db.conflict.findMany({ where: { claimId }, include: { items: true } });
    expect(conflicts).toHaveLength(1);
    expect(conflicts[0]).toMatchObject({ kind: "stance", status: "open", active: true });
    expect(conflicts[0].items.map((i) => i.side).sort()).toEqual(["a", "b"]);
    expect(conflicts[0].explanation).toContain("المركز الإعلامي لقوات سوريا الديمقراطية asserted it");
    expect(conflicts[0].explanation).toContain("الجيش العراقي denied it");

    // sources 2, claim 1, attributions 2, the grade given on entry 1, conflict.open 1
    expect(await auditCount(ctx.db)).toBe(before + 7);
    expect(await auditCount(ctx.db, { action: "attribution.grade" })).toBe(1);
    expect(await auditCount(ctx.db, { action: "conflict.open", entityId: String(conflicts[0].id) })).toBe(1);

    const claimPage = await agent.get(`/claims/${claimId}`);
    expect(claimPage.status).toBe(200);
    expect(claimPage.text).toContain("Opposite stances");
    expect(claimPage.text).toContain('<bdi dir="auto" lang="ar">الجيش العراقي</bdi>');
    const conflictPage = await agent.get(`/conflicts/${conflicts[0].id}`);
    expect(conflictPage.text).toMatch(/Side A[\s\S]*المركز الإعلامي لقوات سوريا الديمقراطية[\s\S]*Side B[\s\S]*الجيش العراقي/);
    const list = await agent.get("/conflicts?status=open");
    expect(list.text).toContain(`/conflicts/${conflicts[0].id}`);
    const dash = await agent.get("/");
    expect(dash.text).toContain(`/conflicts/${conflicts[0].id}`);
  });

  it("when a conflict is dismissed, then the same evidence leaves it dismissed and new evidence re-opens it", async () => {
    const { agent, csrf } = await signedInAgent(ctx, "analyst");
    const conflict = await ctx.db.conflict.findFirstOrThrow({ where: { kind: "stance" } });
    let res = await agent
      .post(`/conflicts/${conflict.id}/status`)
      .type("form")
      .send({ _csrf: await csrf(`/conflicts/${conflict.id}`), status: "dismissed", note: "Same event described loosely" });
    expect(res.status).toBe(303);
    expect((await ctx.db.conflict.findUniqueOrThrow({ where: { id: conflict.id } })).status).toBe("dismissed");
    expect(await auditCount(ctx.db, { action: "conflict.status", entityId: String(conflict.id) })).toBe(1);

    // An unverified stance does not change the conflict's evidence.
    const other = await ctx.db.source.create({ data: { key: "x-outlet", name: "Outlet X", kind: "outlet" } });
    res = await agent
      .post(`/claims/${conflict.claimId}/attributions`)
      .type("form")
      .send({ _csrf: await csrf(`/claims/${conflict.claimId}`), sourceId: String(other.id), stance: "unverified" });
    expect(res.status).toBe(303);
    expect((await ctx.db.conflict.findUniqueOrThrow({ where: { id: conflict.id } })).status).toBe("dismissed");

    // A new denial is new evidence.
    res = await agent
      .post(`/claims/${conflict.claimId}/attributions`)
      .type("form")
      .send({ _csrf: await csrf(`/claims/${conflict.claimId}`), sourceId: String(other.id), stance: "denied" });
    expect(res.status).toBe(303);
    const after = await ctx.db.conflict.findUniqueOrThrow({ where: { id: conflict.id } });
    expect(after.status).toBe("open");
    expect(await auditCount(ctx.db, { action: "conflict.reopen", entityId: String(conflict.id) })).toBe(1);
  });

  it("when the same source asserted and later denied, then a reversal conflict names it", async () => {
    const { agent, csrf } = await signedInAgent(ctx, "analyst");
    const src = await ctx.db.source.create({ data: { key: "flip", name: "Ministry spokesman", kind: "spokesperson" } });
    const claim = await ctx.db.claim.create({ data: { key: "flip-claim", text: "Talks resumed", language: "en" } });
    for (const [stance, statedAt] of [
      ["asserted", "2024-03-01"],
      ["denied", "2024-03-05"],
    ]) {
      const res = await agent
        .post(`/claims/${claim.id}/attributions`)
        .type("form")
        .send({ _csrf: await csrf(`/claims/${claim.id}`), sourceId: String(src.id), stance, statedAt });
      expect(res.status).toBe(303);
    }
    const conflicts = await ctx.db.conflict.findMany({ where: { claimId: claim.id } });
    expect(conflicts.map((c) => c.kind)).toEqual(["reversal"]);
    expect(conflicts[0].explanation).toBe("Ministry spokesman reversed itself: it asserted the claim on 2024-03-01 and denied it on 2024-03-05.");
  });

  it("when a reviewer sets verdicts, then the claim page shows the full history; an analyst is refused", async () => {
    const claim = await ctx.db.claim.findFirstOrThrow({ where: { key: "flip-claim" } });
    const analyst = await signedInAgent(ctx, "analyst");
    let res = await analyst.agent
      .post(`/claims/${claim.id}/reviews`)
      .type("form")
      .send({ _csrf: await analyst.csrf(`/claims/${claim.id}`), status: "verified", rationale: "x" });
    expect(res.status).toBe(403);
    expect(await ctx.db.review.count({ where: { claimId: claim.id } })).toBe(0);

    const reviewer = await signedInAgent(ctx, "reviewer");
    res = await reviewer.agent
      .post(`/claims/${claim.id}/reviews`)
      .type("form")
      .send({ _csrf: await reviewer.csrf(`/claims/${claim.id}`), status: "disputed", rationale: "" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("Rationale is required.");
    res = await reviewer.agent
      .post(`/claims/${claim.id}/reviews`)
      .type("form")
      .send({ _csrf: await reviewer.csrf(`/claims/${claim.id}`), status: "disputed", rationale: "The ministry denied it four days later." });
    expect(res.status).toBe(303);
    res = await reviewer.agent
      .post(`/claims/${claim.id}/reviews`)
      .type("form")
      .send({ _csrf: await reviewer.csrf(`/claims/${claim.id}`), status: "verified", rationale: "Footage confirms the talks." });
    expect(res.status).toBe(303);
    const page = await reviewer.agent.get(`/claims/${claim.id}`);
    expect(page.text).toMatch(/verified[\s\S]*Footage confirms the talks[\s\S]*disputed[\s\S]*four days later/);
    expect((await ctx.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("verified");
    expect(await auditCount(ctx.db, { action: "review.create", entityId: String(claim.id) })).toBe(2);
  });
});
