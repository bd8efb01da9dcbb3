/**
 * Two app servers on one PostgreSQL database, writing at once. The second server is a real
 * separate process (`src/server.ts`), so it has its own connection pool and its own in-memory
 * matching index; the first runs in this process. Both take API writes concurrently, then:
 * the audit trail is one gapless, correctly linked chain (appends serialise on an advisory
 * lock), and each server's matching index has caught up with the claims the other wrote.
 * Runs in the PostgreSQL pass of the suite (TEST_DB=postgres; .ci/run).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createServer } from "node:net";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChainVerifier } from "../../src/audit/chain.ts";
import { inTransaction } from "../../src/db/client.ts";
import { claimIndex } from "../../src/domain/matching/claim-index.ts";
import { setSentenceEncoderEnabled } from "../../src/encoder/sentence-encoder.ts";
import { onPostgres } from "../db-support.ts";
import { apiToken, buildClaim, buildUser, setupTestApp, type TestContext } from "../helpers.ts";

const ROOT = join(import.meta.dirname, "../..");

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, "127.0.0.1", () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

describe.runIf(onPostgres)("two app servers on one PostgreSQL database", () => {
  let ctx: TestContext;
  let child: ChildProcess;
  let otherUrl: string;
  let token: string;

  beforeAll(async () => {
    setSentenceEncoderEnabled(false);
    // Load shedding off: on a loaded machine a 503 would be right, but this test is about the chain.
    ctx = await setupTestApp({ SENTENCE_ENCODER: "off", MAX_QUEUE_MS: "0" });
    const user = await buildUser(ctx.db, { role: "analyst" });
    token = await apiToken(ctx.db, user.username);
    const port = await freePort();
    otherUrl = `http://127.0.0.1:${port}`;
    child = spawn(process.execPath, ["--import", "tsx", "src/server.ts"], {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: ctx.url,
        PORT: String(port),
        HOST: "127.0.0.1",
        NODE_ENV: "test",
        LOG_LEVEL: "info",
        SENTENCE_ENCODER: "off",
        MAX_QUEUE_MS: "0",
        SESSION_SECRET: "y".repeat(40),
        AUDIT_KEY_FILE: join(ctx.config.AUDIT_KEY_FILE),
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr?.on("data", (d) => (err += String(d)));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`second server did not start: ${err}`)), 50_000);
      child.stdout?.on("data", (d) => {
        if (String(d).includes("listening")) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once("exit", (code) => reject(new Error(`second server exited ${code}: ${err}`)));
    });
  }, 60_000);

  afterAll(async () => {
    child?.kill("SIGTERM");
    await new Promise((r) => (child?.exitCode !== null ? r(null) : child.once("exit", r)));
    await ctx?.close();
    setSentenceEncoderEnabled(true);
  });

  const postHere = (text: string) => request(ctx.app).post("/api/v1/claims").set("Authorization", `Bearer ${token}`).send({ text, language: "en" });
  const postThere = (text: string) =>
    fetch(`${otherUrl}/api/v1/claims`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({ text, language: "en" }),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as { id: number } }));

  it("when both servers take writes at the same moment, then the audit trail is one gapless chain that verifies", async () => {
    const before = await ctx.db.auditEvent.count();
    const N = 15;
    const results = await Promise.all([
      ...Array.from({ length: N }, (_, i) =>
        postHere(`Server one reports convoy ${i} crossed the northern checkpoint at dawn`).then((r) => ({ status: r.status, body: r.body as { id: number } })),
      ),
      ...Array.from({ length: N }, (_, i) => postThere(`Server two reports shelling ${i} near the southern dam overnight`)),
    ]);
    expect(
      results.map((r) => r.status),
      JSON.stringify(results.filter((r) => r.status !== 201)),
    ).toEqual(Array(2 * N).fill(201));
    const events = await ctx.db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    expect(events.length).toBeGreaterThanOrEqual(before + 2 * N);
    expect(events.map((e) => e.seq)).toEqual(events.map((_, i) => i + 1));
    const v = new ChainVerifier();
    events.forEach((e, i) => v.push({ ...e, before: JSON.parse(e.before), after: JSON.parse(e.after) }, i + 1));
    expect(v.result()).toMatchObject({ ok: true, count: events.length });
    // Both servers' writes are in the chain.
    const created = events.filter((e) => e.action === "claim.create").map((e) => Number(e.entityId));
    for (const r of results) expect(created).toContain(r.body.id);
  });

  it("when the other server writes a claim, then this server's matching index has it on its next use", async () => {
    const { index: warm } = await inTransaction(ctx.db, (tx) => claimIndex(tx)); // built before the other write
    const there = await postThere("Unique marker: the zephyrium refinery at Qaraqosh was shut by a strike");
    expect(there.status).toBe(201);
    expect(warm.has(String(there.body.id))).toBe(false);
    const { index } = await inTransaction(ctx.db, (tx) => claimIndex(tx));
    expect(index.has(String(there.body.id))).toBe(true);
    // A near-duplicate saved here is suggested against the claim the other server wrote.
    const here = await postHere("The zephyrium refinery at Qaraqosh was shut down by a strike");
    expect(here.status).toBe(201);
    const links = await ctx.db.claimLink.findMany({
      where: {
        OR: [
          { fromId: here.body.id, toId: there.body.id },
          { fromId: there.body.id, toId: here.body.id },
        ],
      },
    });
    expect(links.length).toBeGreaterThan(0);
  });

  it("when a claim stamped earlier commits after a later one was already seen, then the index still picks it up", async () => {
    await inTransaction(ctx.db, (tx) => claimIndex(tx));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let slowId = 0;
    // A transaction that stamps its claim first and commits last (as a slow writer on another server would).
    const slow = inTransaction(ctx.db, async (tx) => {
      const c = await tx.claim.create({
        data: { text: "Slow writer: the ferry at Shahba sank", language: "en", key: `slow-${Date.now()}`, searchKey: " slow writer ferry shahba sank " },
      });
      slowId = c.id;
      await gate;
    });
    await new Promise((r) => setTimeout(r, 50));
    const fast = await buildClaim(ctx.db, { text: "Fast writer: the bridge at Manbij reopened", language: "en" });
    const { index: afterFast } = await inTransaction(ctx.db, (tx) => claimIndex(tx));
    expect(afterFast.has(String(fast.id))).toBe(true);
    release();
    await slow;
    const { index } = await inTransaction(ctx.db, (tx) => claimIndex(tx));
    expect(index.has(String(slowId))).toBe(true);
  });
});
