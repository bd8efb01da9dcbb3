/**
 * writeLinks writes a save's planned links in a few statements whatever their number: new links
 * in one insert, their audit events together. What it writes must be what the plans say — a pair
 * planned twice ends as the later plan says, a merged claim gets no link, an analyst's decision
 * is never overwritten, and each change has its audit event.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { writeLinks, type LinkPlan } from "../../src/domain/matching/suggest-links.ts";
import { buildClaim, setupTestApp, type TestContext } from "../helpers.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp({ SENTENCE_ENCODER: "off" });
});
afterAll(async () => {
  await ctx.close();
});

const plan = (fromId: number, toId: number, relation: string, score: number): LinkPlan => ({
  fromId,
  toId,
  relation,
  score,
  reasons: { reasons: [`${relation} ${score}`], details: [], probs: {}, retrieval: { score: 1, reasons: [] } },
  why: [`${relation} ${score}`],
  auditDetails: [],
});

describe("writeLinks", () => {
  it("when a batch plans new links, a pair twice, a merged claim and a decided link, then it writes what the plans say, one audit event per change", async () => {
    // one after another, so their ids rise in this order on either database
    const built = [];
    for (let k = 0; k < 5; k++) built.push(await buildClaim(ctx.db, { text: `Writer probe claim ${k} about Qamishli` }));
    const [a, b, c, d, merged] = built;
    await ctx.db.claimLink.deleteMany({ where: { fromId: { in: [a.id, b.id, c.id, d.id, merged.id] } } });
    await ctx.db.claim.update({ where: { id: merged.id }, data: { mergedIntoId: a.id } });
    const decided = await ctx.db.claimLink.create({
      data: { fromId: a.id, toId: d.id, relation: "agree", origin: "engine", status: "dismissed", score: 0.7, reasons: "{}" },
    });
    const auditsBefore = await ctx.db.auditEvent.count();

    const made = await inTransaction(ctx.db, (tx) =>
      writeLinks(tx, systemActor("test"), [
        plan(a.id, b.id, "agree", 0.6),
        plan(a.id, c.id, "conflict", 0.7),
        plan(a.id, b.id, "conflict", 0.9), // the same pair again: the later plan wins
        plan(b.id, merged.id, "agree", 0.8), // merged since: no link
        plan(a.id, d.id, "conflict", 0.95), // dismissed by an analyst: untouched
      ]),
    );
    expect(made).toBe(2);
    const links = await ctx.db.claimLink.findMany({ where: { fromId: { in: [a.id, b.id] } }, orderBy: { toId: "asc" } });
    expect(links.map((l) => [l.fromId, l.toId, l.relation, l.score, l.status])).toEqual([
      [a.id, b.id, "conflict", 0.9, "suggested"],
      [a.id, c.id, "conflict", 0.7, "suggested"],
      [a.id, d.id, "agree", 0.7, "dismissed"],
    ]);
    expect(await ctx.db.claimLink.findUniqueOrThrow({ where: { id: decided.id } })).toMatchObject({ status: "dismissed", relation: "agree" });
    const events = await ctx.db.auditEvent.findMany({ where: { seq: { gt: auditsBefore } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, Number(e.entityId)])).toEqual([
      ["link.create", links[0].id],
      ["link.create", links[1].id],
    ]);
    expect(JSON.parse(events[0].after)).toMatchObject({ relation: "conflict", score: 0.9, reasons: ["conflict 0.9"] });

    // planned again unchanged: nothing written; with a new score: one update, its before and after
    expect(await inTransaction(ctx.db, (tx) => writeLinks(tx, systemActor("test"), [plan(a.id, c.id, "conflict", 0.7)]))).toBe(0);
    expect(await inTransaction(ctx.db, (tx) => writeLinks(tx, systemActor("test"), [plan(a.id, c.id, "conflict", 0.8)]))).toBe(1);
    const update = await ctx.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    expect(update.action).toBe("link.update");
    expect([JSON.parse(update.before).score, JSON.parse(update.after).score]).toEqual([0.7, 0.8]);
  });
});
