/**
 * Durability test support: the real server (`src/server.ts`) as a child process on a temp
 * database and a free port, a user with an API token, concurrent API writes, and a full
 * read-back check of the database file on independent connections (integrity, foreign keys,
 * claim ⇄ audit event, hash chain). Shared by test/durability/*.test.ts and bench/durability.ts.
 */
import { prng as rng } from "../../src/util/prng.ts";
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { ChainVerifier } from "../../src/audit/chain.ts";
import { inTransaction, openDatabase } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { auditEvents } from "../../src/domain/audit/export-audit.ts";
import { createToken } from "../../src/domain/tokens/tokens.ts";
import { createUser } from "../../src/domain/users/create-user.ts";

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "../..");

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export interface TempDb {
  dir: string;
  file: string;
  url: string;
  token: string;
  remove(): void;
}

/** A migrated database file with one analyst and an API token. */
export async function tempDatabase(prefix = "crosscheck-dur-"): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const file = join(dir, "db.sqlite");
  const url = `file:${file}`;
  const db = await openDatabase(url);
  const user = await inTransaction(db, (tx) =>
    createUser(tx, systemActor("test"), { username: "writer", role: "analyst", password: "x".repeat(12) }, "not-a-hash"),
  );
  const { token } = await inTransaction(db, (tx) => createToken(tx, systemActor("test"), user.username, "durability"));
  await db.$disconnect();
  return { dir, file, url, token, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningServer {
  child: ChildProcess;
  port: number;
  base: string;
  /** ms from spawn until /health answered 200. */
  readyMs: number;
  stderr: () => string;
}

/** Start `src/server.ts` in a child process and wait until /health answers. */
export async function startServerProcess(url: string, env: Record<string, string> = {}, timeoutMs = 30_000, script = "src/server.ts"): Promise<RunningServer> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: {
      ...process.env,
      NODE_ENV: "production",
      LOG_LEVEL: "error",
      DATABASE_URL: url,
      PORT: String(port),
      HOST: "127.0.0.1",
      SESSION_SECRET: "s".repeat(40),
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let err = "";
  child.stderr?.on("data", (d: Buffer) => {
    err = (err + d.toString()).slice(-8000);
  });
  const base = `http://127.0.0.1:${port}`;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${err}`);
    try {
      const res = await fetch(`${base}/health`, { signal: AbortSignal.timeout(1000) });
      if (res.status === 200) break;
    } catch {
      /* not listening yet */
    }
    if (performance.now() - started > timeoutMs) {
      child.kill("SIGKILL");
      throw new Error(`server not ready after ${timeoutMs} ms: ${err}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { child, port, base, readyMs: performance.now() - started, stderr: () => err };
}

export function killHard(s: RunningServer): Promise<void> {
  return new Promise((resolve) => {
    if (s.child.exitCode !== null || s.child.signalCode !== null) return resolve();
    s.child.once("exit", () => resolve());
    s.child.kill("SIGKILL");
  });
}

export interface WriteResult {
  text: string;
  status: number | "error";
  id?: number;
  retryAfter?: string | null;
  /** Why a request got no HTTP answer (connection refused/reset, timeout). */
  error?: string;
}

/** POST one claim through the JSON API. */
export async function postClaim(base: string, token: string, text: string, timeoutMs = 30_000): Promise<WriteResult> {
  try {
    const res = await fetch(`${base}/api/v1/claims`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ text, language: "en" }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = (await res.json().catch(() => null)) as { id?: number } | null;
    return { text, status: res.status, id: res.status === 201 ? body?.id : undefined, retryAfter: res.headers.get("retry-after") };
  } catch (err) {
    const e = err as { message?: string; cause?: { code?: string; message?: string } };
    return { text, status: "error", error: `${e.message ?? ""} ${e.cause?.code ?? e.cause?.message ?? ""}`.trim() };
  }
}

export interface ReadBack {
  integrity: string;
  foreignKeyErrors: number;
  claims: Map<string, number[]>;
  claimsWithoutEvent: number[];
  eventsWithoutClaim: string[];
  chain: { ok: boolean; count: number; reason?: string; seq?: number | null };
}

/** Everything the durability targets check, read from the file on independent connections. */
export async function readBack(file: string, prefix: string): Promise<ReadBack> {
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  let out: Omit<ReadBack, "chain">;
  try {
    const integrity = (conn.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join("; ");
    const foreignKeyErrors = (conn.pragma("foreign_key_check") as unknown[]).length;
    const rows = conn.prepare("SELECT id, text FROM Claim WHERE text LIKE ? ESCAPE '\\'").all(`${prefix.replace(/[%_\\]/g, "\\$&")}%`) as Array<{
      id: number;
      text: string;
    }>;
    const claims = new Map<string, number[]>();
    for (const r of rows) claims.set(r.text, [...(claims.get(r.text) ?? []), r.id]);
    const claimsWithoutEvent = (
      conn
        .prepare(
          `SELECT c.id FROM Claim c WHERE NOT EXISTS (SELECT 1 FROM AuditEvent e WHERE e.action = 'claim.create' AND e.entityType = 'claim' AND e.entityId = CAST(c.id AS TEXT))`,
        )
        .all() as Array<{ id: number }>
    ).map((r) => r.id);
    const eventsWithoutClaim = (
      conn
        .prepare(
          `SELECT e.entityId FROM AuditEvent e WHERE e.action = 'claim.create' AND NOT EXISTS (SELECT 1 FROM Claim c WHERE CAST(c.id AS TEXT) = e.entityId)`,
        )
        .all() as Array<{
        entityId: string;
      }>
    ).map((r) => r.entityId);
    out = { integrity, foreignKeyErrors, claims, claimsWithoutEvent, eventsWithoutClaim };
  } finally {
    conn.close();
  }
  const db = await openDatabase(`file:${file}`);
  try {
    const v = new ChainVerifier();
    let line = 0;
    for await (const e of auditEvents(db)) if (!v.push(e, ++line)) break;
    const r = v.result();
    return { ...out, chain: r.ok ? { ok: true, count: r.count } : { ok: false, count: line, reason: r.reason, seq: r.seq } };
  } finally {
    await db.$disconnect();
  }
}

/** Run `n` tasks with at most `concurrency` at once. */
export async function pool<T>(n: number, concurrency: number, task: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(n);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, n) }, async () => {
      while (next < n) {
        const i = next++;
        out[i] = await task(i);
      }
    }),
  );
  return out;
}

export { prng as rng } from "../../src/util/prng.ts";

export interface KillIteration {
  seed: number;
  killAtMs: number;
  sent: number;
  acknowledged: number;
  lost: string[];
  duplicates: string[];
  unacknowledgedPresent: number;
  inFlightAtKill: number;
  readBack: ReadBack;
  restartMs: number;
}

/**
 * T1, one iteration: `writes` concurrent claim creations (each with a client-unique text),
 * SIGKILL at a seeded random moment, restart, read everything back.
 */
export async function killIteration(
  seed: number,
  opts: { writes?: number; concurrency?: number; killMinMs?: number; killMaxMs?: number } = {},
): Promise<KillIteration> {
  const { writes = 300, concurrency = 100, killMinMs = 300, killMaxMs = 5000 } = opts;
  const rand = rng(seed);
  const tmp = await tempDatabase();
  try {
    const server = await startServerProcess(tmp.url);
    const prefix = `kill9-${seed}-`;
    // One write first, so the burst meets a warm process (engine model and claim index loaded).
    await postClaim(server.base, tmp.token, `warm-up ${seed}`);
    const killAtMs = killMinMs + rand() * (killMaxMs - killMinMs);
    let inFlight = 0;
    let inFlightAtKill = -1;
    const killer = new Promise<void>((resolve) =>
      setTimeout(() => {
        inFlightAtKill = inFlight;
        void killHard(server).then(resolve);
      }, killAtMs),
    );
    const results = await pool(writes, concurrency, async (i) => {
      inFlight += 1;
      try {
        return await postClaim(server.base, tmp.token, `${prefix}${i}-${Math.floor(rand() * 1e9).toString(36)}`, 15_000);
      } finally {
        inFlight -= 1;
      }
    });
    await killer;
    const restart = await startServerProcess(tmp.url);
    const restartMs = restart.readyMs;
    await killHard(restart);
    const rb = await readBack(tmp.file, prefix);
    const acked = results.filter((r) => r.status === 201);
    const lost = acked.filter((r) => !rb.claims.get(r.text)?.includes(r.id!)).map((r) => r.text);
    const duplicates = [...rb.claims].filter(([, ids]) => ids.length > 1).map(([t]) => t);
    const ackedTexts = new Set(acked.map((r) => r.text));
    const unacknowledgedPresent = [...rb.claims.keys()].filter((t) => !ackedTexts.has(t)).length;
    return { seed, killAtMs, sent: writes, acknowledged: acked.length, lost, duplicates, unacknowledgedPresent, inFlightAtKill, readBack: rb, restartMs };
  } finally {
    tmp.remove();
  }
}

/** Run a CLI command (`npm run cli -- …`) in a child process (async: the caller's writers keep running). */
export function runCli(args: string[], env: Record<string, string>): Promise<{ status: number | null; stdout: string; stderr: string; ms: number }> {
  const start = performance.now();
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli/index.ts", ...args], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: "error", ...env } });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve) => child.on("close", (status) => resolve({ status, stdout, stderr, ms: performance.now() - start })));
}
