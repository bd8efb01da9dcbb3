/** The comparison engine inside the tracker: suggested links, decisions, merges and stance suggestions. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAttribution, buildClaim, buildDocument, buildSource, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx.close());

describe("engine suggestions on the claim page", () => {
  it("when a contradicting claim is saved, then a conflict suggestion with reasons links the two, and confirming it opens a conflict", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const sdf = await buildSource(ctx.db, { name: "قوات سوريا الديمقراطية", aliases: ["قسد", "SDF"], kind: "armed_group" });
    const army = await buildSource(ctx.db, { name: "الجيش العراقي", aliases: ["Iraqi army"], kind: "official_body" });
    const a = await buildClaim(ctx.db, { text: "قوات سوريا الديمقراطية والجيش العراقي شكلا مركزا مشتركا لتنسيق حماية الحدود", language: "ar" });
    await buildAttribution(ctx.db, { claimId: a.id, sourceId: sdf.id, stance: "asserted", quote: "" });
    const res = await agent
      .post("/claims")
      .type("form")
      .send({ _csrf: await csrf("/claims/new"), text: "الجيش العراقي ينفي تشكيل مركز مشترك مع قسد لحماية الحدود", language: "ar" });
    expect(res.status).toBe(303);
    const b = Number(/\/(\d+)$/.exec(res.headers.location)![1]);
    await buildAttribution(ctx.db, { claimId: b, sourceId: army.id, stance: "asserted", quote: "" });

    const link = await ctx.db.claimLink.findFirstOrThrow({ where: { fromId: a.id, toId: b } });
    expect(link).toMatchObject({ relation: "conflict", status: "suggested", origin: "engine" });
    expect(JSON.parse(link.reasons).reasons.join(" ")).toMatch(/negation|ينفي|deni/i);
    expect(await ctx.db.auditEvent.count({ where: { action: "link.create", entityId: String(link.id) } })).toBe(1);

    const page = await agent.get(`/claims/${b}`);
    expect(page.text).toContain(`/links/${link.id}/decision`);
    expect(page.text).toContain("قوات سوريا الديمقراطية والجيش العراقي");

    const decide = await agent
      .post(`/links/${link.id}/decision`)
      .type("form")
      .send({ _csrf: await csrf(`/claims/${b}`), _claim: String(b), decision: "confirm", note: "the army's denial" });
    expect(decide.status).toBe(303);
    const conflict = await ctx.db.conflict.findFirstOrThrow({ where: { claimId: a.id, otherClaimId: b }, include: { items: true } });
    expect(["contradiction", "detail"]).toContain(conflict.kind);
    expect(conflict.items.map((i) => i.side).sort()).toEqual(["a", "b"]);
    expect((await agent.get("/conflicts")).text).toContain(`/conflicts/${conflict.id}`);
  });

  it("when a confirmed contradiction has nobody asserting one of its claims, then no conflict with an empty side is opened", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const sdf = await buildSource(ctx.db, { name: "المركز الإعلامي", kind: "official_body" });
    const army = await buildSource(ctx.db, { name: "قيادة الجيش", kind: "official_body" });
    const a = await buildClaim(ctx.db, { text: "الجيش والقوات الكردية شكلا مركزا مشتركا لتنسيق حماية الحدود الشرقية", language: "ar" });
    await buildAttribution(ctx.db, { claimId: a.id, sourceId: sdf.id, stance: "asserted", quote: "" });
    const b = await buildClaim(ctx.db, { text: "الجيش ينفي تشكيل مركز مشترك مع القوات الكردية لحماية الحدود الشرقية", language: "ar" });
    await buildAttribution(ctx.db, { claimId: b.id, sourceId: army.id, stance: "denied", quote: "" });
    const link = await ctx.db.claimLink.findFirst({
      where: {
        OR: [
          { fromId: a.id, toId: b.id },
          { fromId: b.id, toId: a.id },
        ],
      },
    });
    const id =
      link?.id ??
      (
        await ctx.db.claimLink.create({
          data: {
            fromId: a.id,
            toId: b.id,
            relation: "conflict",
            origin: "engine",
            score: 0.6,
            reasons: JSON.stringify({ reasons: [], details: [], probs: { conflict: 0.6 } }),
          },
        })
      ).id;
    if (link && link.relation !== "conflict") await ctx.db.claimLink.update({ where: { id }, data: { relation: "conflict" } });
    const decide = await agent
      .post(`/links/${id}/decision`)
      .type("form")
      .send({ _csrf: await csrf(`/claims/${b.id}`), _claim: String(b.id), decision: "confirm", note: "" });
    expect(decide.status).toBe(303);
    expect((await ctx.db.claimLink.findUniqueOrThrow({ where: { id } })).status).toBe("confirmed");
    expect(await ctx.db.conflict.count({ where: { OR: [{ claimId: a.id }, { claimId: b.id }], otherClaimId: { not: null } } })).toBe(0);
  });

  it("when an analyst dismissed a suggestion, then re-analysis does not bring it back", async () => {
    const link = await ctx.db.claimLink.findFirstOrThrow();
    await ctx.db.claimLink.update({ where: { id: link.id }, data: { status: "dismissed" } });
    const { agent, csrf } = await signedInAgent(ctx);
    const other = await ctx.db.claim.findUniqueOrThrow({ where: { id: link.toId } });
    const res = await agent
      .post(`/claims/${other.id}`)
      .type("form")
      .send({ _csrf: await csrf(`/claims/${other.id}/edit`), text: `${other.text} اليوم`, language: "ar" });
    expect(res.status).toBe(303);
    expect((await ctx.db.claimLink.findUniqueOrThrow({ where: { id: link.id } })).status).toBe("dismissed");
  });

  it("when a confirmed duplicate is merged, then its attributions move over and the merge is audited", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const src = await buildSource(ctx.db, { name: "Agency Z", kind: "agency" });
    const keep = await buildClaim(ctx.db, { text: "Coalition trains a new border force at al-Shaddadi base", language: "en" });
    const dup = await buildClaim(ctx.db, { text: "The coalition is training a new border force at the al-Shaddadi base", language: "en" });
    const moved = await buildAttribution(ctx.db, { claimId: dup.id, sourceId: src.id, stance: "asserted", quote: "" });
    const res = await agent
      .post(`/claims/${dup.id}/merge`)
      .type("form")
      .send({ _csrf: await csrf(`/claims/${dup.id}`), intoId: String(keep.id), note: "same report" });
    expect(res.status).toBe(303);
    expect((await ctx.db.attribution.findUniqueOrThrow({ where: { id: moved.id } })).claimId).toBe(keep.id);
    expect((await ctx.db.claim.findUniqueOrThrow({ where: { id: dup.id } })).mergedIntoId).toBe(keep.id);
    const ev = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "claim.merge", entityId: String(dup.id) } });
    expect(JSON.parse(ev.after)).toMatchObject({ into: keep.id, movedAttributions: [moved.id] });
    expect((await agent.get(`/claims/${dup.id}`)).text).toContain("This claim was merged into");
    const again = await agent
      .post(`/claims/${dup.id}/merge`)
      .type("form")
      .send({ _csrf: await csrf(`/claims/${keep.id}`), intoId: String(keep.id) });
    expect(again.status).toBe(409);
  });

  it("when the stance is suggested from a document, then the form is pre-filled with the stance and the verbatim sentence", async () => {
    const { agent } = await signedInAgent(ctx);
    const text = "قال مراسلنا إن الطقس معتدل. ونفى الجيش العراقي تشكيل أي مركز عمليات مشترك مع قوات سوريا الديمقراطية على الحدود.";
    const doc = await buildDocument(ctx.db, { title: "نفي عراقي", text });
    const claim = await buildClaim(ctx.db, { text: "تشكيل مركز عمليات مشترك بين الجيش العراقي وقوات سوريا الديمقراطية", language: "ar" });
    const res = await agent.get(`/claims/${claim.id}?suggestDocumentId=${doc.id}`);
    expect(res.status).toBe(200);
    expect(res.text).toContain("Engine suggests <strong>denied</strong>");
    expect(res.text).toMatch(/<option value="denied" selected>/);
    expect(res.text).toContain("ونفى الجيش العراقي تشكيل أي مركز عمليات مشترك");
  });
});
