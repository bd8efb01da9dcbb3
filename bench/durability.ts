/**
 * `npm run bench -- durability`: the long versions of the durability and robustness tests.
 *   - T1: 30 seeded kill -9 iterations (300 concurrent API writes each), with the read-back
 *     checks of test/durability/kill9.test.ts; prints one line per seed and the totals.
 *   - T3: one SQLITE_BUSY storm (6 s hold) with its answer counts.
 *   - T19: 10,000 fast-check runs per API write route (test/security/fuzz.test.ts runs 300).
 * Environment: KILL_ITERATIONS (30; 0 skips), FUZZ_RUNS (10000). Takes roughly 15–20 minutes on 2 cores.
 */
import Database from "better-sqlite3";
import type { WriteResult } from "../test/durability/support.ts";

// Loaded in run(), after the environment is set (the logger reads LOG_LEVEL when first imported).
const load = async () => ({
  ...(await import("../test/durability/support.ts")),
  ...(await import("../test/security/support.ts")),
  ...(await import("../test/security/fuzz-support.ts")),
  ...(await import("../test/helpers.ts")),
});
let m: Awaited<ReturnType<typeof load>>;

async function killRuns(n: number) {
  if (n <= 0) return;
  let lost = 0;
  let dups = 0;
  let acked = 0;
  let bad = 0;
  const restarts: number[] = [];
  for (let i = 0; i < n; i++) {
    const seed = 1000 + i;
    const r = await m.killIteration(seed);
    const rb = r.readBack;
    const ok =
      !r.lost.length &&
      !r.duplicates.length &&
      rb.integrity === "ok" &&
      !rb.foreignKeyErrors &&
      !rb.claimsWithoutEvent.length &&
      !rb.eventsWithoutClaim.length &&
      rb.chain.ok &&
      r.unacknowledgedPresent <= Math.max(r.inFlightAtKill, 0);
    lost += r.lost.length;
    dups += r.duplicates.length;
    acked += r.acknowledged;
    restarts.push(r.restartMs);
    if (!ok) bad += 1;
    console.log(
      `seed ${seed}: kill at ${r.killAtMs.toFixed(0)} ms, ${r.acknowledged}/${r.sent} acknowledged, lost ${r.lost.length}, duplicates ${r.duplicates.length}, unacknowledged present ${r.unacknowledgedPresent} (in flight ${r.inFlightAtKill}), integrity ${rb.integrity}, fk ${rb.foreignKeyErrors}, claims w/o event ${rb.claimsWithoutEvent.length}, events w/o claim ${rb.eventsWithoutClaim.length}, chain ${rb.chain.ok ? `ok (${rb.chain.count})` : `FAILED ${rb.chain.reason}`}, restart ${r.restartMs.toFixed(0)} ms${ok ? "" : "  <-- FAILED"}`,
    );
  }
  restarts.sort((a, b) => a - b);
  console.log(
    `T1 total: ${n} iterations, ${acked} acknowledged writes, ${lost} lost, ${dups} duplicates, ${bad} failed iterations; restart to ready /health median ${restarts[Math.floor(n / 2)].toFixed(0)} ms, max ${restarts[n - 1].toFixed(0)} ms`,
  );
}

async function busyStorm() {
  const tmp = await m.tempDatabase();
  const server = await m.startServerProcess(tmp.url);
  try {
    await m.postClaim(server.base, tmp.token, "warm");
    const results: Array<WriteResult & { at: number }> = [];
    let stop = false;
    let n = 0;
    const t0 = performance.now();
    const clients = Array.from({ length: 50 }, async () => {
      while (!stop) results.push({ ...(await m.postClaim(server.base, tmp.token, `busy-${n++}`, 60_000)), at: performance.now() - t0 });
    });
    await new Promise((r) => setTimeout(r, 2000));
    const holder = new Database(tmp.file, { timeout: 10_000 });
    holder.exec("BEGIN IMMEDIATE");
    await new Promise((r) => setTimeout(r, 8000));
    holder.exec("COMMIT");
    holder.close();
    const released = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 4000));
    stop = true;
    await Promise.all(clients);
    const counts: Record<string, number> = {};
    for (const r of results) counts[`${r.status}${r.error ? ` ${r.error}` : ""}`] = (counts[`${r.status}${r.error ? ` ${r.error}` : ""}`] ?? 0) + 1;
    const firstOk = results.filter((r) => r.status === 201 && r.at > released).sort((a, b) => a.at - b.at)[0];
    const conn = new Database(tmp.file, { readonly: true });
    const have = new Set((conn.prepare("SELECT text FROM Claim").all() as Array<{ text: string }>).map((r) => r.text));
    conn.close();
    const missing = results.filter((r) => r.status === 201 && !have.has(r.text)).length;
    console.log(
      `T3 storm (50 writers, 8 s hold): answers ${JSON.stringify(counts)}; acknowledged but missing ${missing}; first 201 answered ${firstOk ? ((firstOk.at - released) / 1000).toFixed(2) : "?"} s after the hold ended`,
    );
  } finally {
    await m.killHard(server);
    tmp.remove();
  }
}

async function fuzz(runs: number) {
  const ctx = await m.setupTestApp();
  try {
    const world = await m.buildWorld(ctx);
    const admin = await m.buildUser(ctx.db, { role: "admin" });
    const token = await m.apiToken(ctx.db, admin.username);
    const t = performance.now();
    const reports = await m.fuzzApi(ctx.app, ctx.db, token, world, runs, Date.now() % 2 ** 31);
    for (const r of reports)
      console.log(
        `fuzz ${r.route}: ${r.runs} runs ${JSON.stringify(r.statuses)}${r.failures.length ? ` FAILURES: ${r.failures.slice(0, 3).join(" | ")}` : ""}`,
      );
    console.log(
      `T19 total: ${reports.length} routes × ${runs} runs in ${((performance.now() - t) / 1000).toFixed(0)} s; routes with failures: ${reports.filter((r) => r.failures.length).length}`,
    );
  } finally {
    await ctx.close();
  }
}

export async function run(): Promise<void> {
  process.env.NODE_ENV ??= "test"; // cheaper argon2 for the fuzz users; the servers run in production mode
  process.env.LOG_LEVEL ??= "silent";
  m = await load();
  await killRuns(Number(process.env.KILL_ITERATIONS ?? 30));
  await busyStorm();
  await fuzz(Number(process.env.FUZZ_RUNS ?? 10_000));
}
