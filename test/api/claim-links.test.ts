import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAttribution, buildClaim, buildSource, csrfFrom, signedInAgent } from "../helpers.ts";
import { expectApiError, lastAudit, setupApi, tableCounts, type ApiContext } from "./support.ts";

let ctx: ApiContext;
beforeAll(async () => {
  ctx = await setupApi();
});
afterAll(() => ctx.close());

/** Two claims the engine did not link (different words), each with a source behind it. */
async function pair(opts: { backB?: boolean } = {}) {
  const sdf = await buildSource(ctx.db, { name: "المركز الإعلامي لقوات سوريا الديمقراطية", kind: "official_body" });
  const army = await buildSource(ctx.db, { name: "الجيش العراقي", kind: "official_body" });
  const a = await buildClaim(ctx.db, { text: "شكّلت قسد والجيش العراقي مركزاً مشتركاً لحماية الحدود", language: "ar" });
  const b = await buildClaim(ctx.db, { text: "لا يوجد أي تنسيق عسكري بين بغداد والإدارة الكردية", language: "ar" });
  const sa = await buildAttribution(ctx.db, { claimId: a.id, sourceId: sdf.id, stance: "asserted", quote: "أعلن المركز" });
  const sb = opts.backB === false ? null : await buildAttribution(ctx.db, { claimId: b.id, sourceId: army.id, stance: "asserted", quote: "قال الجيش" });
  return { a, b, sa, sb };
}

describe("POST /api/v1/claims/:id/links", () => {
  it("when an analyst links two claims as contradicting, then a confirmed analyst link and a two-sided conflict are recorded, audited together, and shown in GET and the exports", async () => {
    const { a, b, sa, sb } = await pair();
    const res = await ctx.as.analyst.post(`/claims/${a.id}/links`, { otherClaimId: b.id, relation: "contradicts", note: "بغداد تنفي أي تنسيق" });
    expect(res.status, res.text).toBe(201);
    expect(res.body.link).toMatchObject({
      claimId: b.id,
      relation: "conflict",
      status: "confirmed",
      origin: "analyst",
      score: 1,
      reasons: ["linked by an analyst as contradicting: بغداد تنفي أي تنسيق"],
    });
    expect(res.body.conflict).toMatchObject({ kind: "contradiction", status: "open", claimId: a.id, otherClaimId: b.id });
    expect(res.body.conflict.explanation).toContain("بغداد تنفي أي تنسيق");

    const row = await ctx.db.claimLink.findUniqueOrThrow({ where: { id: res.body.link.id } });
    expect(row).toMatchObject({ fromId: a.id, toId: b.id, relation: "conflict", origin: "analyst", status: "confirmed", score: 1 });
    const conflict = await ctx.db.conflict.findUniqueOrThrow({ where: { id: res.body.conflict.id }, include: { items: true } });
    expect(conflict.items.filter((i) => i.side === "a").map((i) => i.attributionId)).toEqual([sa.id]);
    expect(conflict.items.filter((i) => i.side === "b").map((i) => i.attributionId)).toEqual([sb!.id]);
    const created = await lastAudit(ctx.db, "link.create");
    expect(created).toMatchObject({ entityType: "link", entityId: String(row.id), actorName: "analyst-1" });
    expect(created.after).toMatchObject({ origin: "analyst", status: "confirmed", relation: "conflict", note: "بغداد تنفي أي تنسيق" });
    expect((await lastAudit(ctx.db, "conflict.open")).requestId).toBe(created.requestId);

    // GET shows the link from both claims, as the claim pages do
    for (const [id, other] of [
      [a.id, b.id],
      [b.id, a.id],
    ]) {
      const got = await ctx.as.reviewer.get(`/claims/${id}`);
      expect(got.status).toBe(200);
      expect(got.body.links).toEqual([
        expect.objectContaining({
          id: row.id,
          claimId: other,
          relation: "conflict",
          score: 1,
          reasons: ["linked by an analyst as contradicting: بغداد تنفي أي تنسيق"],
          status: "confirmed",
          origin: "analyst",
        }),
      ]);
    }

    // the exports carry the conflict with both sides
    const json = await signedInAgent(ctx, "analyst");
    const report = await json.agent.get(`/reports/claims/${a.id}?format=json`);
    expect(report.status).toBe(200);
    const exported = JSON.parse(report.text);
    const c = exported.conflicts.find((x: { kind: string }) => x.kind === "contradiction");
    expect(c.sideA.length).toBeGreaterThan(0);
    expect(c.sideB.length).toBeGreaterThan(0);
    const stix = JSON.parse((await json.agent.get(`/reports/claims/${a.id}?format=stix`)).text);
    const rel = stix.objects.filter((o: { type: string; relationship_type?: string }) => o.type === "relationship" && o.relationship_type === "contradicts");
    expect(rel.length).toBe(1);
    expect(rel[0].x_crosscheck_conflict).toMatchObject({ id: conflict.id, kind: "contradiction" });
    const csv = (await json.agent.get(`/reports/claims/${a.id}?format=csv`)).text;
    const line = csv.split("\r\n").find((l) => l.includes("أعلن المركز"))!;
    expect(line).toContain(String(conflict.id));
  });

  it("when the same link is sent again, then 409 and nothing is written; a different relation updates the link and resolves the conflict", async () => {
    const { a, b } = await pair();
    expect((await ctx.as.analyst.post(`/claims/${a.id}/links`, { otherClaimId: b.id, relation: "contradicts" })).status).toBe(201);
    const before = await tableCounts(ctx.db);
    const again = await ctx.as.analyst.post(`/claims/${b.id}/links`, { otherClaimId: a.id, relation: "contradicts", note: "again" });
    expectApiError(again, 409, "conflict");
    expect(again.body.error.message).toMatch(/already linked as contradicting/);
    expect(await tableCounts(ctx.db)).toEqual(before);

    const changed = await ctx.as.analyst.post(`/claims/${b.id}/links`, { otherClaimId: a.id, relation: "agrees", note: "same event after all" });
    expect(changed.status, changed.text).toBe(200);
    expect(changed.body.link).toMatchObject({ claimId: a.id, relation: "agree", status: "confirmed", origin: "analyst" });
    expect(await ctx.db.claimLink.count({ where: { fromId: a.id, toId: b.id } })).toBe(1);
    const conflict = await ctx.db.conflict.findFirstOrThrow({ where: { claimId: a.id, kind: "contradiction" } });
    expect(conflict).toMatchObject({ status: "resolved", active: false });
    expect(conflict.statusNote).toContain("same event after all");
    expect((await lastAudit(ctx.db, "link.update")).before).toMatchObject({ relation: "conflict" });
  });

  it("when one claim has no source behind it, then the link is confirmed but no conflict with an empty side opens", async () => {
    const { a, b } = await pair({ backB: false });
    const res = await ctx.as.analyst.post(`/claims/${a.id}/links`, { otherClaimId: b.id, relation: "contradicts" });
    expect(res.status).toBe(201);
    expect(res.body.conflict).toBeNull();
    expect(await ctx.db.conflict.count({ where: { claimId: a.id, kind: "contradiction" } })).toBe(0);
  });

  it("when the unsupported claim of a confirmed contradiction later gets a source, then the conflict opens with both sides, resolves when that support goes and reopens when it returns", async () => {
    const { a, b, sa } = await pair({ backB: false });
    const linked = await ctx.as.analyst.post(`/claims/${a.id}/links`, { otherClaimId: b.id, relation: "contradicts" });
    expect(linked.body.conflict).toBeNull();
    const army = await buildSource(ctx.db, { name: "قيادة العمليات المشتركة", kind: "official_body" });
    const rec = await ctx.as.analyst.post(`/claims/${b.id}/attributions`, { sourceId: army.id, stance: "asserted", quote: "" });
    expect(rec.status, rec.text).toBe(201);
    const opened = await ctx.db.conflict.findFirstOrThrow({ where: { claimId: a.id, otherClaimId: b.id }, include: { items: true } });
    expect(opened).toMatchObject({ kind: "contradiction", status: "open", active: true });
    expect(opened.items.map((i) => [i.side, i.attributionId]).sort()).toEqual([
      ["a", sa.id],
      ["b", rec.body.id],
    ]);
    expect((await lastAudit(ctx.db, "conflict.open")).entityId).toBe(String(opened.id));

    // The army's support becomes a denial: nobody asserts b any more, so the conflict has an empty side and resolves.
    expect((await ctx.as.analyst.patch(`/attributions/${rec.body.id}`, { stance: "denied" })).status).toBe(200);
    expect(await ctx.db.conflict.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({ active: false, status: "resolved" });
    expect(await ctx.db.conflictItem.count({ where: { conflictId: opened.id, side: "b", attributionId: rec.body.id } })).toBe(1);

    expect((await ctx.as.analyst.patch(`/attributions/${rec.body.id}`, { stance: "asserted" })).status).toBe(200);
    expect(await ctx.db.conflict.findUniqueOrThrow({ where: { id: opened.id } })).toMatchObject({ active: true, status: "open" });
    expect((await lastAudit(ctx.db, "conflict.reopen")).entityId).toBe(String(opened.id));

    // A second source behind a joins side a; the analyst's decision on the conflict is kept.
    await ctx.db.conflict.update({ where: { id: opened.id }, data: { status: "confirmed" } });
    const other = await buildSource(ctx.db, { name: "وكالة هاوار", kind: "outlet" });
    const more = await ctx.as.analyst.post(`/claims/${a.id}/attributions`, { sourceId: other.id, stance: "asserted", quote: "" });
    const after = await ctx.db.conflict.findUniqueOrThrow({ where: { id: opened.id }, include: { items: true } });
    expect(after.status).toBe("confirmed");
    expect(
      after.items
        .filter((i) => i.side === "a")
        .map((i) => i.attributionId)
        .sort((x, y) => x - y),
    ).toEqual([sa.id, more.body.id]);
    expect(await ctx.db.conflict.count({ where: { claimId: a.id, otherClaimId: b.id } })).toBe(1);
  });

  it("when the request is wrong, then 4xx with a readable message and nothing is written", async () => {
    const { a, b } = await pair();
    const cases: Array<[string, string, unknown, number, RegExp]> = [
      ["itself", `/claims/${a.id}/links`, { otherClaimId: a.id, relation: "agrees" }, 422, /itself/],
      ["an unknown other claim", `/claims/${a.id}/links`, { otherClaimId: 999999, relation: "agrees" }, 422, /does not exist/],
      ["an unknown claim", `/claims/999999/links`, { otherClaimId: b.id, relation: "agrees" }, 404, /claim was not found/],
      ["an unknown relation", `/claims/${a.id}/links`, { otherClaimId: b.id, relation: "related" }, 422, /agrees or contradicts/],
      ["no other claim", `/claims/${a.id}/links`, { relation: "agrees" }, 422, /otherClaimId/],
      ["an unknown key", `/claims/${a.id}/links`, { otherClaimId: b.id, relation: "agrees", status: "dismissed" }, 422, /status/],
    ];
    for (const [name, path, body, status, message] of cases) {
      const before = await tableCounts(ctx.db);
      const links = await ctx.db.claimLink.count();
      const res = await ctx.as.analyst.post(path, body);
      expectApiError(res, status);
      expect(res.body.error.message + JSON.stringify(res.body.error.fields ?? {}), name).toMatch(message);
      expect(await tableCounts(ctx.db), name).toEqual(before);
      expect(await ctx.db.claimLink.count(), name).toBe(links);
    }
  });
});

describe("the claim page's Link to claim… form", () => {
  it("when an analyst searches for the other claim and links it as agreeing, then the page shows the analyst's link with the note", async () => {
    const { a, b } = await pair();
    const { agent } = await signedInAgent(ctx, "analyst");
    const search = await agent.get(`/claims/${a.id}?linkQ=${encodeURIComponent("تنسيق عسكري")}`);
    expect(search.status).toBe(200);
    expect(search.text).toContain(`#${b.id} <a href="/claims/${b.id}">`);
    const csrf = csrfFrom(search.text);
    const bad = await agent
      .post(`/claims/${a.id}/links`)
      .type("form")
      .send({ _csrf: csrf, otherClaimId: String(a.id), relation: "agrees", note: "" });
    expect(bad.status).toBe(422);
    expect(bad.text).toContain("cannot be linked to itself");
    const done = await agent
      .post(`/claims/${a.id}/links`)
      .type("form")
      .send({ _csrf: csrf, otherClaimId: String(b.id), relation: "agrees", note: "نفس الحدث" });
    expect(done.status).toBe(303);
    const page = await agent.get(`/claims/${a.id}`);
    expect(page.text).toContain("linked by an analyst as agreeing: نفس الحدث");
    expect(page.text).toMatch(/ · linked by an analyst/);
  });
});
