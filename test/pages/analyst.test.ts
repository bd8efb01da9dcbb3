/** Issue "the analyst's product": review gate, as-of view, suggested grades, reports and exports. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAttribution, buildClaim, buildDocument, buildSource, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("two-person review gate", () => {
  it("when the gate is on, then a verdict waits for a second reviewer, and the first cannot confirm their own", async () => {
    const admin = await signedInAgent(ctx, "admin");
    let res = await admin.agent
      .post("/settings")
      .type("form")
      .send({ _csrf: await admin.csrf("/settings"), twoPersonReview: "on" });
    expect(res.status).toBe(303);
    expect(await ctx.db.auditEvent.count({ where: { action: "setting.update" } })).toBe(1);

    const claim = await buildClaim(ctx.db, { text: "Gate test claim" });
    const first = await signedInAgent(ctx, "reviewer");
    res = await first.agent
      .post(`/claims/${claim.id}/reviews`)
      .type("form")
      .send({ _csrf: await first.csrf(`/claims/${claim.id}`), status: "verified", rationale: "two sources" });
    expect(res.status).toBe(303);
    const pending = await ctx.db.review.findFirstOrThrow({ where: { claimId: claim.id } });
    expect(pending.state).toBe("pending");
    expect((await ctx.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("unreviewed");

    res = await first.agent
      .post(`/reviews/${pending.id}/confirm`)
      .type("form")
      .send({ _csrf: await first.csrf(`/claims/${claim.id}`), decision: "confirm", note: "" });
    expect(res.status).toBe(403);
    expect((await ctx.db.review.findUniqueOrThrow({ where: { id: pending.id } })).state).toBe("pending");

    const second = await signedInAgent(ctx, "reviewer");
    const page = await second.agent.get(`/claims/${claim.id}`);
    expect(page.text).toContain(`/reviews/${pending.id}/confirm`);
    res = await second.agent
      .post(`/reviews/${pending.id}/confirm`)
      .type("form")
      .send({ _csrf: await second.csrf(`/claims/${claim.id}`), decision: "confirm", note: "agreed" });
    expect(res.status).toBe(303);
    expect((await ctx.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("verified");
    const confirmed = await ctx.db.review.findUniqueOrThrow({ where: { id: pending.id } });
    expect(confirmed).toMatchObject({ state: "confirmed", confirmedById: second.user.id, confirmNote: "agreed" });
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "review.confirm", entityId: String(claim.id) } });
    expect(event.actorName).toBe(second.user.username);

    res = await admin.agent
      .post("/settings")
      .type("form")
      .send({ _csrf: await admin.csrf("/settings") });
    expect(res.status).toBe(303);
  });
});

describe("as-of view", () => {
  it("when a past moment is asked for, then the claim shows the stances and conflicts of that moment, rebuilt from the trail", async () => {
    const { agent } = await signedInAgent(ctx);
    const a = await buildSource(ctx.db, { name: "Outlet Alpha" });
    const b = await buildSource(ctx.db, { name: "Ministry Beta", kind: "official_body" });
    const claim = await buildClaim(ctx.db, { text: "Bridge was destroyed" });
    await buildAttribution(ctx.db, { claimId: claim.id, sourceId: a.id, stance: "asserted", quote: "the bridge is gone" });
    await sleep(15);
    const mid = new Date().toISOString();
    await sleep(15);
    await buildAttribution(ctx.db, { claimId: claim.id, sourceId: b.id, stance: "denied", quote: "the bridge stands" });

    const past = await agent.get(`/claims/${claim.id}?asOf=${encodeURIComponent(mid)}`);
    expect(past.status).toBe(200);
    expect(past.text).toContain("rebuilt from the audit trail");
    expect(past.text).toContain("the bridge is gone");
    expect(past.text).not.toContain("the bridge stands");
    expect(past.text).toContain("None then.");

    const now = await agent.get(`/claims/${claim.id}?asOf=${encodeURIComponent(new Date().toISOString())}`);
    expect(now.text).toContain("the bridge stands");
    expect(now.text).toContain("Opposite stances");

    const before = await agent.get(`/claims/${claim.id}?asOf=2000-01-01`);
    expect(before.text).toContain("had not been recorded yet");
  });
});

describe("independent origins and suggested credibility", () => {
  it("when three outlets carry one statement and a second speaker confirms, then the page counts 2 origins and the accepted grade is audited", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const body = await buildSource(ctx.db, { name: "SDF media centre", kind: "official_body", reliability: "C" });
    const agency = await buildSource(ctx.db, { name: "Agency A", kind: "agency", reliability: "A" });
    const claim = await buildClaim(ctx.db, { text: "Joint centre formed" });
    const outlets = await Promise.all(["O1", "O2", "O3"].map((n) => buildSource(ctx.db, { name: n })));
    const first = await buildAttribution(ctx.db, { claimId: claim.id, sourceId: body.id, outletId: outlets[0].id, stance: "asserted", quote: "" });
    for (const o of outlets.slice(1)) await buildAttribution(ctx.db, { claimId: claim.id, sourceId: body.id, outletId: o.id, stance: "asserted", quote: "" });
    let page = await agent.get(`/claims/${claim.id}`);
    expect(page.text).toContain("asserted by 1 independent origin, denied by 0");
    await buildAttribution(ctx.db, { claimId: claim.id, sourceId: agency.id, stance: "asserted", quote: "" });
    page = await agent.get(`/claims/${claim.id}`);
    expect(page.text).toContain("asserted by 2 independent origins, denied by 0");
    expect(page.text).toContain("confirmed by 1 other independent reliable origin: Agency A (A)");

    const res = await agent
      .post(`/attributions/${first.id}/credibility`)
      .type("form")
      .send({ _csrf: await csrf(`/claims/${claim.id}`), credibility: "1", note: "accepted the suggestion" });
    expect(res.status).toBe(303);
    expect((await ctx.db.attribution.findUniqueOrThrow({ where: { id: first.id } })).credibility).toBe(1);
    const ev = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "attribution.grade", entityId: String(first.id) } });
    expect(JSON.parse(ev.after)).toMatchObject({ credibility: 1, suggested: 1, accepted: true });
    expect(JSON.parse(ev.before)).toEqual({ credibility: null });
  });

  it("when the edit form overrides the suggested grade with a why, then the grading decision is audited with the suggestion, the override and the why, in the same transaction as the edit", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const body = await buildSource(ctx.db, { name: "Ministry of Defence", kind: "official_body", reliability: "B" });
    const claim = await buildClaim(ctx.db, { text: "Convoy reached the crossing" });
    const a = await buildAttribution(ctx.db, { claimId: claim.id, sourceId: body.id, stance: "asserted", quote: "" });
    const form = {
      _csrf: await csrf(`/attributions/${a.id}/edit`),
      sourceId: String(body.id),
      stance: "asserted",
      quote: "",
      credibility: "5",
      credibilityNote: "contradicted by satellite imagery",
    };
    const res = await agent.post(`/attributions/${a.id}`).type("form").send(form);
    expect(res.status).toBe(303);
    const update = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "attribution.update", entityId: String(a.id) } });
    const grade = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "attribution.grade", entityId: String(a.id) } });
    expect(grade.seq).toBe(update.seq + 1);
    const after = JSON.parse(grade.after);
    expect(after).toMatchObject({ credibility: 5, accepted: false, note: "contradicted by satellite imagery" });
    expect(after.suggested).not.toBe(5);
    expect(after.suggestionReasons.length).toBeGreaterThan(0);

    // an edit that leaves the grade alone is not a grading decision
    const again = await agent
      .post(`/attributions/${a.id}`)
      .type("form")
      .send({ ...form, _csrf: await csrf(`/attributions/${a.id}/edit`), quote: "edited" });
    expect(again.status).toBe(303);
    expect(await ctx.db.auditEvent.count({ where: { action: "attribution.grade", entityId: String(a.id) } })).toBe(1);
  });
});

describe("conflict reports", () => {
  it("when a topic report is opened, then it shows the matrix, the timeline chart and both sides, and exports in every format", async () => {
    const { agent } = await signedInAgent(ctx);
    const pk = await buildSource(ctx.db, { name: "Political Keys", kind: "outlet", reliability: "D" });
    const anon = await buildSource(ctx.db, { name: "مصادر خاصة (Political Keys)", kind: "anonymous", reliability: "F", parentId: pk.id });
    const doc = await buildDocument(ctx.db, { title: "PK report", publisherId: pk.id, publishedAt: new Date("2024-03-28T00:00:00Z") });
    const claim = await buildClaim(ctx.db, { text: "اجتماعات مكثفة بين قسد والتحالف", tags: ["sdf-coalition"], eventDate: new Date("2024-03-23T00:00:00Z") });
    await buildAttribution(ctx.db, { claimId: claim.id, sourceId: anon.id, documentId: doc.id, stance: "unverified", quote: "اجتماعات مكثفة انعقدت" });

    const res = await agent.get("/reports/topics/sdf-coalition");
    expect(res.status).toBe(200);
    expect(res.text).toContain("Rests on a single anonymous origin");
    expect(res.text).toContain("anonymous sources of Political Keys");
    expect(res.text).toMatch(/<svg role="img" aria-label="Timeline of statements"[\s\S]*<circle[^>]*fill="#ffffff"/);
    expect(res.text).toContain("28 March 2024"); // dates in words on the page

    const csv = await agent.get("/reports/topics/sdf-coalition?format=csv");
    expect(csv.status).toBe(200);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.text.charCodeAt(0)).toBe(0xfeff);
    expect(csv.text).toContain("اجتماعات مكثفة انعقدت");
    const stix = await agent.get("/reports/topics/sdf-coalition?format=stix");
    expect(JSON.parse(stix.text).type).toBe("bundle");
    const cr = await agent.get("/reports/topics/sdf-coalition?format=claimreview");
    expect(JSON.parse(cr.text)).toEqual([]);
    const json = await agent.get("/reports/topics/sdf-coalition?format=json");
    expect(JSON.parse(json.text).claims[0].text).toBe("اجتماعات مكثفة بين قسد والتحالف");
    expect((await agent.get("/reports/topics/sdf-coalition?format=docx")).status).toBe(400);
  });

  it("when a claim report has a stance conflict, then both sides are shown next to each other", async () => {
    const { agent } = await signedInAgent(ctx);
    const conflict = await ctx.db.conflict.findFirstOrThrow({ where: { kind: "stance" } });
    const res = await agent.get(`/reports/claims/${conflict.claimId}`);
    expect(res.text).toMatch(/Side A[\s\S]*Outlet Alpha[\s\S]*Side B[\s\S]*Ministry Beta/);
    const conflictReport = await agent.get(`/reports/conflicts/${conflict.id}`);
    expect(conflictReport.status).toBe(200);
  });
});
