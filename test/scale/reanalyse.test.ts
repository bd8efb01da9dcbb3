/**
 * `reanalyse` over the whole store: suggested links and stance conflicts are brought up to date
 * by the worker pool, an interrupted run resumes from its checkpoint, and analysts' decisions
 * (confirmed and dismissed links, conflict statuses, verdicts) are untouched.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { setConflictStatus } from "../../src/domain/conflicts/set-conflict-status.ts";
import { decideLink } from "../../src/domain/matching/decide-link.ts";
import { CHECKPOINT_KEY, LAST_RUN_KEY, readCheckpoint, reanalyseStore } from "../../src/domain/matching/reanalyse-store.ts";
import { reviewClaim } from "../../src/domain/reviews/review-claim.ts";
import { actorFor, buildAttribution, buildClaim, buildSource, buildUser, setupTestApp, type TestContext } from "../helpers.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx.close());

const TEXTS: Array<[string, string]> = [
  ["قسد والجيش العراقي يشكلان مركزاً مشتركاً لتنسيق أمن الحدود في دير الزور", "ar"],
  ["الجيش العراقي ينفي تشكيل مركز مشترك مع قسد لتنسيق أمن الحدود في دير الزور", "ar"],
  ["قسد تعلن تشكيل مركز مشترك مع الجيش العراقي لحماية الحدود", "ar"],
  ["Turkish drones struck a fuel depot near Qamishli on Saturday night.", "en"],
  ["A Turkish drone hit a fuel depot close to Qamishli late on Saturday.", "en"],
  ["No Turkish drone struck any fuel depot near Qamishli on Saturday.", "en"],
  ["The coalition held intensive meetings with the SDF to form a border guard force.", "en"],
  ["The SDF and the international coalition met to form a force guarding the Syria-Iraq border.", "en"],
  ["Protesters blocked the road to the Semalka crossing for a second day.", "en"],
];

describe("reanalyse", () => {
  it("when a run is interrupted and run again, then it resumes from the checkpoint, restores the engine's suggestions and keeps every analyst decision", async () => {
    const admin = actorFor(await buildUser(ctx.db, { role: "reviewer" }));
    const claims: Array<{ id: number }> = [];
    for (const [text, language] of TEXTS) claims.push(await buildClaim(ctx.db, { text, language }));
    const links = await ctx.db.claimLink.findMany({ orderBy: { id: "asc" } });
    expect(links.length).toBeGreaterThanOrEqual(3);
    const [confirmed, dismissed] = links;
    await inTransaction(ctx.db, (tx) => decideLink(tx, admin, { linkId: confirmed.id, decision: "confirm", note: "same event" }));
    await inTransaction(ctx.db, (tx) => decideLink(tx, admin, { linkId: dismissed.id, decision: "dismiss", note: "not the same" }));
    // a stance conflict an analyst dismissed, and a verdict
    const army = await buildSource(ctx.db, { name: "Iraqi army", kind: "official_body" });
    const sdf = await buildSource(ctx.db, { name: "SDF media centre", kind: "official_body" });
    await buildAttribution(ctx.db, { claimId: claims[0].id, sourceId: sdf.id, stance: "asserted", quote: "أعلن" });
    await buildAttribution(ctx.db, { claimId: claims[0].id, sourceId: army.id, stance: "denied", quote: "نفى" });
    const conflict = await ctx.db.conflict.findFirstOrThrow({ where: { claimId: claims[0].id, kind: "stance" } });
    await inTransaction(ctx.db, (tx) => setConflictStatus(tx, admin, { conflictId: conflict.id, status: "dismissed", note: "different centres" }));
    await inTransaction(ctx.db, (tx) => reviewClaim(tx, admin, { claimId: claims[3].id, status: "verified", rationale: "satellite imagery" }));

    // What a retrained model or an upgrade leaves behind: engine suggestions missing, a stale conflict flag.
    const suggested = links.filter((l) => l.id !== confirmed.id && l.id !== dismissed.id);
    await ctx.db.claimLink.deleteMany({ where: { id: { in: suggested.map((l) => l.id) } } });
    await ctx.db.conflict.update({ where: { id: conflict.id }, data: { active: false } });
    const decidedBefore = await ctx.db.claimLink.findMany({ where: { id: { in: [confirmed.id, dismissed.id] } }, orderBy: { id: "asc" } });

    // interrupted after the first range of 3 claims
    const stop = new AbortController();
    const first = await reanalyseStore(ctx.db, systemActor("reanalyse"), {
      chunk: 3,
      parallel: 1,
      signal: stop.signal,
      progress: (p) => p.done >= 3 && stop.abort(),
    });
    // it stops once the ranges already in flight are written (here the next range of 3)
    expect(first).toMatchObject({ finished: false, total: TEXTS.length });
    expect(first.done % 3).toBe(0);
    expect(first.done).toBeLessThan(TEXTS.length);
    const cp = await readCheckpoint(ctx.db);
    expect(cp).toMatchObject({ lastId: claims[first.done - 1].id, done: first.done });

    const seenDone: number[] = [];
    const second = await reanalyseStore(ctx.db, systemActor("reanalyse"), { chunk: 3, progress: (p) => seenDone.push(p.done) });
    expect(second).toMatchObject({ finished: true, resumed: true, done: TEXTS.length, total: TEXTS.length });
    expect(seenDone[0]).toBe(first.done); // it started where the first run stopped
    expect(await ctx.db.setting.findUnique({ where: { key: CHECKPOINT_KEY } })).toBeNull();
    expect(JSON.parse((await ctx.db.setting.findUniqueOrThrow({ where: { key: LAST_RUN_KEY } })).value)).toMatchObject({ done: TEXTS.length });

    // the engine's suggestions are back, the same pairs and relations
    const now = await ctx.db.claimLink.findMany({ where: { status: "suggested" } });
    expect(now.map((l) => `${l.fromId}:${l.toId}:${l.relation}`).sort()).toEqual(suggested.map((l) => `${l.fromId}:${l.toId}:${l.relation}`).sort());
    // the analysts' decisions are untouched
    expect(await ctx.db.claimLink.findMany({ where: { id: { in: [confirmed.id, dismissed.id] } }, orderBy: { id: "asc" } })).toEqual(decidedBefore);
    expect(await ctx.db.conflict.findUniqueOrThrow({ where: { id: conflict.id } })).toMatchObject({
      status: "dismissed",
      active: true,
      statusNote: "different centres",
    });
    expect(await ctx.db.claim.findUniqueOrThrow({ where: { id: claims[3].id } })).toMatchObject({ status: "verified" });
    // every change it made is audited by the re-analysis actor
    const events = await ctx.db.auditEvent.findMany({ where: { actorName: "reanalyse" } });
    expect(events.filter((e) => e.action === "link.create")).toHaveLength(suggested.length);
    expect(events.some((e) => e.entityType === "conflict" && e.entityId === String(conflict.id))).toBe(true);

    // a second full run over an up-to-date store changes nothing
    const again = await reanalyseStore(ctx.db, systemActor("reanalyse-2"), {});
    expect(again).toMatchObject({ finished: true, resumed: false, linksWritten: 0, conflictsUpdated: 0 });
    expect(await ctx.db.auditEvent.count({ where: { actorName: "reanalyse-2" } })).toBe(0);
  }, 180_000); // starts worker threads that load the sentence encoder: slow on a loaded machine
});

describe("the admin page's re-analysis", () => {
  it("when an admin starts a re-analysis from the settings page, then it runs in the background and the page shows the last complete run; others cannot start it", async () => {
    const { signedInAgent } = await import("../helpers.ts");
    const admin = await signedInAgent(ctx, "admin");
    const before = await admin.agent.get("/settings");
    expect(before.text).toContain("Re-analyse the whole store");
    const res = await admin.agent
      .post("/settings/reanalyse")
      .type("form")
      .send({ _csrf: await admin.csrf("/settings"), action: "restart" });
    expect(res.status).toBe(303);
    const { stopReanalysis } = await import("../../src/domain/matching/reanalyse-runner.ts");
    await stopReanalysis(); // waits for the ranges in flight (here: all of this small store)
    for (let i = 0; i < 100 && !(await ctx.db.setting.findUnique({ where: { key: LAST_RUN_KEY } }))?.value.includes(new Date().toISOString().slice(0, 10)); i++)
      await new Promise((r) => setTimeout(r, 100));
    const after = await admin.agent.get("/settings");
    expect(after.text).toMatch(/Last complete run: \d+ claims|A run was stopped at \d+ of \d+ claims/);
    const bad = await admin.agent
      .post("/settings/reanalyse")
      .type("form")
      .send({ _csrf: await admin.csrf("/settings"), action: "explode" });
    expect(bad.status).toBe(422);
    const analyst = await signedInAgent(ctx, "analyst");
    const refused = await analyst.agent
      .post("/settings/reanalyse")
      .type("form")
      .send({ _csrf: await analyst.csrf("/"), action: "start" });
    expect(refused.status).toBe(403);
  }, 120_000);
});
