/**
 * `npm run bench -- pg`: the application on PostgreSQL, two app servers on one database (the
 * scale-out deployment of the README). BENCH_DATABASE_URL names an empty PostgreSQL database
 * to use; unset, a throwaway cluster is started (scripts/pg-test-server.ts).
 *
 * Seeds PG_CLAIMS claims (default 100,000; 80% Arabic, one stance each) with multi-row INSERTs
 * (no audit events for seeded rows), starts two server processes on the database, and reports:
 * the claim page (one client, then 16 spread over both servers), the claims list and an Arabic
 * search, API creates spread over both servers, that the audit chain stays one unbroken chain,
 * and the matching index's memory per claim (server RSS before and after the first write
 * builds it) — the next limit of the scale-out design.
 */
import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import pg from "pg";
import { startCluster } from "../scripts/pg-test-server.ts";
import { ChainVerifier } from "../src/audit/chain.ts";
import { inTransaction, openDatabase } from "../src/db/client.ts";
import { systemActor } from "../src/domain/actor.ts";
import { claimSearchKey } from "../src/domain/claims/create-claim.ts";
import { createToken } from "../src/domain/tokens/tokens.ts";
import { createUser } from "../src/domain/users/create-user.ts";
import { hashPassword } from "../src/domain/users/passwords.ts";
import { searchKey } from "../src/engine/normalize.ts";
import { killHard, startServerProcess, type RunningServer } from "../test/durability/support.ts";
import { PASSWORD, AR_SUBJECTS, AR_VERBS, seededClaimText } from "./load-corpus.ts";

const CLAIMS = Number(process.env.PG_CLAIMS ?? 100_000);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 16);

async function seed(url: string, n: number): Promise<void> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  const now = new Date();
  const statuses = ["unreviewed", "unreviewed", "unreviewed", "verified", "disputed"];
  try {
    for (let s = 0; s < 100; s++) {
      const name = `${AR_SUBJECTS[s % AR_SUBJECTS.length]} ${s}`;
      await c.query(
        `INSERT INTO "Source" (key, name, kind, reliability, notes, "nameKey", "createdAt", "updatedAt") VALUES ($1, $2, 'official_body', $3, '', $4, $5, $5)`,
        [`src-${randomUUID()}`, name, "ABCDEF"[s % 6], searchKey(name), now],
      );
    }
    const BATCH = 2000;
    for (let start = 0; start < n; start += BATCH) {
      const vals: unknown[] = [];
      const rows: string[] = [];
      for (let i = start; i < Math.min(n, start + BATCH); i++) {
        const arabic = i % 5 !== 0;
        const text = seededClaimText(i, arabic);
        const k = vals.length;
        rows.push(`($${k + 1}, $${k + 2}, $${k + 3}, '', $${k + 4}, $${k + 5}, $${k + 6}, $${k + 7}, $${k + 7})`);
        vals.push(`clm-${randomUUID()}`, text, arabic ? "ar" : "en", statuses[i % 5], i % 7 === 0 ? " border " : "", claimSearchKey(text, ""), now);
      }
      await c.query("BEGIN");
      const ids = await c.query<{ id: number; text: string }>(
        `INSERT INTO "Claim" (key, text, language, translation, status, tags, "searchKey", "createdAt", "updatedAt") VALUES ${rows.join(", ")} RETURNING id, text`,
        vals,
      );
      const av: unknown[] = [];
      const ar: string[] = [];
      ids.rows.forEach((r, j) => {
        const k = av.length;
        ar.push(`($${k + 1}, $${k + 2}, 'asserted', $${k + 3}, $${k + 4}, $${k + 4})`);
        av.push(r.id, 1 + ((start + j) % 100), r.text.slice(0, 40), now);
      });
      await c.query(`INSERT INTO "Attribution" ("claimId", "sourceId", stance, quote, "createdAt", "updatedAt") VALUES ${ar.join(", ")}`, av);
      await c.query("COMMIT");
    }
    await c.query("ANALYZE");
  } finally {
    await c.end();
  }
}

interface Stats {
  name: string;
  n: number;
  rps: number;
  p50: number;
  p95: number;
  statuses: Record<string, number>;
}
const pct = (s: number[], p: number) => (s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN);

async function loop(name: string, seconds: number, clients: number, fn: (i: number) => Promise<Response>): Promise<Stats> {
  const ms: number[] = [];
  const statuses: Record<string, number> = {};
  const end = performance.now() + seconds * 1000;
  let i = 0;
  const t0 = performance.now();
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const s = performance.now();
        const res = await fn(i++).catch(() => null);
        if (res) await res.arrayBuffer();
        ms.push(performance.now() - s);
        statuses[res ? String(res.status) : "error"] = (statuses[String(res?.status ?? "error")] ?? 0) + 1;
      }
    }),
  );
  ms.sort((a, b) => a - b);
  return { name, n: ms.length, rps: ms.length / ((performance.now() - t0) / 1000), p50: pct(ms, 50), p95: pct(ms, 95), statuses };
}

function rssMb(s: RunningServer): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${s.child.pid}/status`, "utf8"));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function signIn(base: string, username: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, username, password: PASSWORD }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

export async function run(): Promise<Record<string, number>> {
  const cluster = process.env.BENCH_DATABASE_URL ? null : await startCluster();
  let url = process.env.BENCH_DATABASE_URL ?? "";
  if (cluster) {
    const admin = new pg.Client({ connectionString: cluster.url });
    await admin.connect();
    await admin.query("CREATE DATABASE crosscheck_bench");
    await admin.end();
    url = cluster.url.replace(/\/postgres$/, "/crosscheck_bench");
  }
  const servers: RunningServer[] = [];
  try {
    const db = await openDatabase(url); // migrates
    const hash = await hashPassword(PASSWORD);
    await inTransaction(db, (tx) => createUser(tx, systemActor("bench"), { username: "pganalyst", role: "analyst", password: PASSWORD }, hash));
    const { token } = await inTransaction(db, (tx) => createToken(tx, systemActor("bench"), "pganalyst", "load"));
    let t = performance.now();
    await seed(url, CLAIMS);
    console.log(`seeded ${CLAIMS} claims with a stance each on PostgreSQL in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    // Shedding off for the warm-up: the first write builds the index for seconds (that 503 is right in production).
    const env = { NODE_ENV: "production", SENTENCE_ENCODER: "off", MAX_QUEUE_MS: "0", AUDIT_KEY_FILE: `${cluster?.dir ?? "/tmp"}/bench-audit-key.pem` };
    for (let s = 0; s < 2; s++) servers.push(await startServerProcess(url, env, 60_000));
    const api = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const before = servers.map(rssMb);
    t = performance.now();
    for (const s of servers) {
      const r = await fetch(`${s.base}/api/v1/claims`, {
        method: "POST",
        headers: api,
        body: JSON.stringify({ text: `نفى الجيش العراقي تشكيل مركز مشترك (warm-up ${randomUUID()})`, language: "ar" }),
      });
      if (r.status !== 201) throw new Error(`warm-up write: ${r.status}`);
    }
    const buildS = (performance.now() - t) / 1000 / 2;
    const after = servers.map(rssMb);
    const indexBytesPerClaim = (((after[0] - before[0] + after[1] - before[1]) / 2) * 1024 * 1024) / CLAIMS;
    console.log(
      `first write per server (builds its in-memory claim index over ${CLAIMS} claims): ${buildS.toFixed(1)} s; RSS ${before.map((m) => m.toFixed(0)).join("/")} → ${after.map((m) => m.toFixed(0)).join("/")} MB: ~${indexBytesPerClaim.toFixed(0)} bytes per claim (words, entities; sentence vectors off here, +dim bytes each when on)`,
    );

    const cookies = await Promise.all(servers.map((s) => signIn(s.base, "pganalyst")));
    const pick = (i: number) => i % servers.length;
    const page = (i: number, path: string) => fetch(`${servers[pick(i)].base}${path}`, { headers: { cookie: cookies[pick(i)] } });
    const q = encodeURIComponent("الجيش العراقي مركز");
    const rows: Stats[] = [];
    rows.push(await loop("GET /claims/:id (1 client)", SECONDS, 1, (i) => page(i, `/claims/${1 + Math.floor(Math.random() * CLAIMS)}`)));
    rows.push(
      await loop(`GET /claims/:id (${CONCURRENCY} clients, 2 servers)`, SECONDS, CONCURRENCY, (i) =>
        page(i, `/claims/${1 + Math.floor(Math.random() * CLAIMS)}`),
      ),
    );
    rows.push(await loop(`GET /claims (${CONCURRENCY} clients, 2 servers)`, SECONDS, CONCURRENCY, (i) => page(i, "/claims")));
    rows.push(await loop(`GET /claims?q=<Arabic> (${CONCURRENCY} clients, 2 servers)`, SECONDS, CONCURRENCY, (i) => page(i, `/claims?q=${q}`)));
    rows.push(
      await loop(`POST /api/v1/claims (${CONCURRENCY} clients, 2 servers)`, SECONDS, CONCURRENCY, (i) =>
        fetch(`${servers[pick(i)].base}/api/v1/claims`, {
          method: "POST",
          headers: api,
          body: JSON.stringify({ text: `${AR_SUBJECTS[i % 8]} ${AR_VERBS[i % 8]} بيان رقم ${i} ${randomUUID()}`, language: "ar" }),
        }),
      ),
    );
    console.log(`\nPostgreSQL, two app servers, ${CLAIMS} claims, ${SECONDS} s per row`);
    for (const r of rows)
      console.log(
        `  ${r.name.padEnd(52)} ${r.rps.toFixed(1).padStart(7)} req/s  p50 ${r.p50.toFixed(0).padStart(5)} ms  p95 ${r.p95.toFixed(0).padStart(5)} ms  ${JSON.stringify(r.statuses)}`,
      );

    const events = await db.auditEvent.findMany({ orderBy: { seq: "asc" } });
    const v = new ChainVerifier();
    events.forEach((e, i) => v.push({ ...e, before: JSON.parse(e.before), after: JSON.parse(e.after) }, i + 1));
    const chain = v.result();
    console.log(`audit chain after both servers wrote: ${chain.ok ? `ok, ${chain.count} events` : `BROKEN at seq ${chain.seq}: ${chain.reason}`}`);
    await db.$disconnect();
    const [one, many, list, search, create] = rows;
    return {
      pgClaimPageP95Ms: one.p95,
      pgClaimPageReqPerS2Servers: many.rps,
      pgClaimsListReqPerS2Servers: list.rps,
      pgSearchReqPerS2Servers: search.rps,
      pgCreateReqPerS2Servers: create.rps,
      pgCreateP95Ms: create.p95,
      pgIndexBuildSeconds: buildS,
      pgIndexBytesPerClaim: indexBytesPerClaim,
      pgAuditChainOk: chain.ok ? 1 : 0,
    };
  } finally {
    for (const s of servers) await killHard(s);
    cluster?.stop();
  }
}
