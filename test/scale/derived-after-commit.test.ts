/**
 * A save commits the claim and its audit event without any model work in the transaction:
 * the claim is visible to another connection before its vector and suggested links exist;
 * those follow, in their own transaction, before the save's caller gets its answer.
 */
import Database from "better-sqlite3";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { afterCommit } from "../../src/db/after-commit.ts";
import { inTransaction } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { createClaim } from "../../src/domain/claims/create-claim.ts";
import { modelPool } from "../../src/workers/model-pool.ts";
import { apiToken, buildClaim, buildUser, setupTestApp, type TestContext } from "../helpers.ts";
import { onPostgres } from "../db-support.ts";

// What another connection sees is read through a second, raw SQLite handle on the same file;
// on PostgreSQL the same after-commit code runs and is covered by the rest of the suite.
let ctx: TestContext;
let other: Database.Database;
beforeAll(async () => {
  if (onPostgres) return;
  ctx = await setupTestApp();
  other = new Database(ctx.file, { readonly: true });
});
afterAll(async () => {
  if (onPostgres) return;
  other.close();
  await ctx.close();
});

const seen = (claimId: number) => ({
  claim: other.prepare("SELECT count(*) AS n FROM Claim WHERE id = ?").get(claimId) as { n: number },
  audit: other.prepare("SELECT count(*) AS n FROM AuditEvent WHERE entityType = 'claim' AND entityId = ? AND action = 'claim.create'").get(String(claimId)) as {
    n: number;
  },
  vector: other.prepare("SELECT count(*) AS n FROM ClaimVector WHERE claimId = ?").get(claimId) as { n: number },
  links: other.prepare("SELECT count(*) AS n FROM ClaimLink WHERE fromId = ? OR toId = ?").get(claimId, claimId) as { n: number },
});

describe.skipIf(onPostgres)("derived data after commit", () => {
  it("when an English claim is saved, then the claim and its audit event are committed before its vector and links are written, and both exist when the save returns", async () => {
    expect(modelPool()).not.toBeNull(); // the embedding runs in a worker thread
    const first = await buildClaim(ctx.db, { text: "Turkish drones struck a fuel depot near Qamishli on Saturday night.", language: "en" });
    let atCommit: ReturnType<typeof seen> | undefined;
    let claimId = 0;
    const claim = await inTransaction(ctx.db, async (tx) => {
      // queued first, so it runs right after the commit and before the claim's derived work
      await afterCommit(tx, "probe", null, async () => {
        atCommit = seen(claimId);
      });
      const c = await createClaim(tx, systemActor("test"), {
        text: "A Turkish drone hit a fuel depot close to Qamishli late on Saturday.",
        language: "en",
        translation: "",
        tags: [],
      });
      claimId = c.id;
      return c;
    });
    expect(atCommit).toEqual({ claim: { n: 1 }, audit: { n: 1 }, vector: { n: 0 }, links: { n: 0 } });
    const after = seen(claim.id);
    expect(after.vector.n).toBe(1);
    expect(after.links.n).toBeGreaterThanOrEqual(1);
    const link = await ctx.db.claimLink.findFirstOrThrow({ where: { fromId: first.id, toId: claim.id } });
    // the link has its own audit event, written with it after the claim's
    const events = await ctx.db.auditEvent.findMany({
      where: {
        OR: [
          { entityType: "claim", entityId: String(claim.id) },
          { entityType: "link", entityId: String(link.id) },
        ],
      },
      orderBy: { seq: "asc" },
    });
    expect(events.map((e) => e.action)).toEqual(["claim.create", "link.create"]);
  });

  it("when a transaction that queued derived work rolls back, then none of it runs", async () => {
    let ran = false;
    await expect(
      inTransaction(ctx.db, async (tx) => {
        await afterCommit(tx, "probe", null, async () => {
          ran = true;
        });
        await createClaim(tx, systemActor("test"), { text: "Rolled back claim about Manbij checkpoints.", language: "en", translation: "", tags: [] });
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect(ran).toBe(false);
    expect(await ctx.db.claim.count({ where: { text: "Rolled back claim about Manbij checkpoints." } })).toBe(0);
  });

  it("when a claim is created through the API, then the answer already carries the claim's suggested links (the derived work is awaited, outside the write transaction)", async () => {
    const user = await buildUser(ctx.db, { role: "analyst" });
    const token = await apiToken(ctx.db, user.username);
    const a = await request(ctx.app)
      .post("/api/v1/claims")
      .set("authorization", `Bearer ${token}`)
      .send({ text: "قسد والجيش العراقي يشكلان مركزاً مشتركاً لتنسيق أمن الحدود في دير الزور", language: "ar" });
    expect(a.status).toBe(201);
    const b = await request(ctx.app)
      .post("/api/v1/claims")
      .set("authorization", `Bearer ${token}`)
      .send({ text: "الجيش العراقي ينفي تشكيل مركز مشترك مع قسد لتنسيق أمن الحدود في دير الزور", language: "ar" });
    expect(b.status).toBe(201);
    const links = await ctx.db.claimLink.findMany({ where: { fromId: a.body.id, toId: b.body.id } });
    expect(links).toHaveLength(1);
  });
});
