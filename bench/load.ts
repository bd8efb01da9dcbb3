/**
 * `npm run bench -- load`: a bounded loopback load test of the real server (child process)
 * against a database seeded with 100,000 claims (≥ 60% Arabic), 100,000 stances and 2,000
 * conflicts. Seeding is a direct better-sqlite3 bulk insert into a temp file, so the seeded
 * rows have NO audit events (the audit chain covers only what the app writes during the run).
 *
 * Per endpoint: a closed loop of CONCURRENCY clients for SECONDS each (hand-written with
 * fetch; no extra dependency), reporting req/s and p50/p95/p99. Then an overload run (500
 * concurrent clients on the write and read endpoints) that must show only 2xx/429/503 and no
 * process exit. Also T15's 200-sample login timing (unknown user vs wrong password).
 * Finishes in about 3–4 minutes on 2 cores.
 */
import { randomUUID } from "node:crypto";
import { connect, type Socket } from "node:net";
import Database from "better-sqlite3";
import { claimSearchKey } from "../src/domain/claims/create-claim.ts";
import { inTransaction, openDatabase } from "../src/db/client.ts";
import { systemActor } from "../src/domain/actor.ts";
import { createToken } from "../src/domain/tokens/tokens.ts";
import { createUser } from "../src/domain/users/create-user.ts";
import { hashPassword } from "../src/domain/users/passwords.ts";
import { searchKey } from "../src/engine/normalize.ts";
import { killHard, startServerProcess, tempDatabase } from "../test/durability/support.ts";
import { PASSWORD, AR_SUBJECTS, AR_VERBS, seededClaimText } from "./load-corpus.ts";

const CLAIMS = Number(process.env.LOAD_CLAIMS ?? 100_000);
const SECONDS = Number(process.env.LOAD_SECONDS ?? 10);
const CONCURRENCY = Number(process.env.LOAD_CONCURRENCY ?? 16);

function seed(file: string, n: number) {
  const db = new Database(file);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = OFF"); // seeding only; the server reopens with FULL
  const now = new Date().toISOString().replace("Z", "+00:00");
  const insertSource = db.prepare(
    "INSERT INTO Source (key, name, kind, reliability, notes, nameKey, createdAt, updatedAt) VALUES (?, ?, 'official_body', ?, '', ?, ?, ?)",
  );
  const insertClaim = db.prepare(
    "INSERT INTO Claim (key, text, language, translation, status, tags, searchKey, createdAt, updatedAt) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?)",
  );
  const insertAttr = db.prepare("INSERT INTO Attribution (claimId, sourceId, stance, quote, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?)");
  const insertConflict = db.prepare(
    "INSERT INTO Conflict (kind, fingerprint, evidenceHash, claimId, status, active, score, explanation, details, statusNote, createdAt, updatedAt) VALUES ('stance', ?, 'seed', ?, 'open', 1, 0.9, ?, '{}', '', ?, ?)",
  );
  const insertItem = db.prepare("INSERT INTO ConflictItem (conflictId, attributionId, side) VALUES (?, ?, ?)");
  const statuses = ["unreviewed", "unreviewed", "unreviewed", "verified", "disputed"];
  db.transaction(() => {
    for (let s = 0; s < 100; s++) {
      const name = `${AR_SUBJECTS[s % AR_SUBJECTS.length]} ${s}`;
      insertSource.run(`src-${randomUUID()}`, name, "ABCDEF"[s % 6], searchKey(name), now, now);
    }
    for (let i = 0; i < n; i++) {
      const arabic = i % 5 !== 0; // 80% Arabic
      const text = seededClaimText(i, arabic);
      const id = Number(
        insertClaim.run(`clm-${randomUUID()}`, text, arabic ? "ar" : "en", statuses[i % 5], i % 7 === 0 ? " border " : "", claimSearchKey(text, ""), now, now)
          .lastInsertRowid,
      );
      const a = Number(insertAttr.run(id, 1 + (i % 100), "asserted", text.slice(0, 40), now, now).lastInsertRowid);
      if (i % 50 === 0) {
        const b = Number(insertAttr.run(id, 1 + ((i + 1) % 100), "denied", "نفى", now, now).lastInsertRowid);
        const c = Number(insertConflict.run(`stance:claim:${id}`, id, "stance: asserted vs denied, same claim", now, now).lastInsertRowid);
        insertItem.run(c, a, "a");
        insertItem.run(c, b, "b");
      }
    }
  })();
  db.pragma("synchronous = FULL");
  db.close();
}

interface Stats {
  name: string;
  requests: number;
  seconds: number;
  statuses: Record<string, number>;
  p50: number;
  p95: number;
  p99: number;
}

const pct = (sorted: number[], p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] : NaN);

/** A closed loop: `concurrency` clients each send the next request as soon as the last answered. */
async function loop(name: string, seconds: number, concurrency: number, send: (i: number) => Promise<Response>): Promise<Stats> {
  const lat: number[] = [];
  const statuses: Record<string, number> = {};
  const end = performance.now() + seconds * 1000;
  let n = 0;
  const start = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) {
        const i = n++;
        const t = performance.now();
        let key: string;
        try {
          const res = await send(i);
          await res.arrayBuffer();
          key = String(res.status);
        } catch (e) {
          key = `error ${(e as { cause?: { code?: string } }).cause?.code ?? (e as Error).name}`;
        }
        lat.push(performance.now() - t);
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
    }),
  );
  lat.sort((a, b) => a - b);
  return { name, requests: lat.length, seconds: (performance.now() - start) / 1000, statuses, p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99) };
}

function table(rows: Stats[]) {
  const head = ["endpoint", "req/s", "p50 ms", "p95 ms", "p99 ms", "statuses"];
  const lines = rows.map((r) => [
    r.name,
    (r.requests / r.seconds).toFixed(1),
    r.p50.toFixed(0),
    r.p95.toFixed(0),
    r.p99.toFixed(0),
    JSON.stringify(r.statuses),
  ]);
  const w = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  for (const l of [head, ...lines]) console.log(l.map((c, i) => (i === 0 || i === 5 ? c.padEnd(w[i]) : c.padStart(w[i]))).join("  "));
}

/** Write `n` POSTs at once over `n` raw sockets (connected first); status → sorted latencies. */
async function rawBurst(port: number, n: number, token: string): Promise<Map<number, number[]>> {
  const requests = Array.from({ length: n }, (_, i) => {
    const body = JSON.stringify({ text: `${AR_SUBJECTS[i % 8]} ${AR_VERBS[i % 8]} دفعة ${i} ${randomUUID()}`, language: "ar" });
    return `POST /api/v1/claims HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`;
  });
  const sockets = await Promise.all(
    requests.map(
      () =>
        new Promise<Socket>((resolve, reject) => {
          const s = connect(port, "127.0.0.1", () => resolve(s));
          s.once("error", reject);
        }),
    ),
  );
  const out = new Map<number, number[]>();
  const t0 = performance.now();
  await Promise.all(
    sockets.map(
      (s, i) =>
        new Promise<void>((resolve) => {
          let head = "";
          s.on("data", (d: Buffer) => void (head.length < 20 && (head += d.toString("latin1"))));
          s.on("error", () => undefined);
          s.on("close", () => {
            const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
            if (!out.has(status)) out.set(status, []);
            out.get(status)!.push(performance.now() - t0);
            resolve();
          });
          s.write(requests[i]);
        }),
    ),
  );
  for (const ms of out.values()) ms.sort((a, b) => a - b);
  return out;
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

export async function run(): Promise<void> {
  const tmp = await tempDatabase("crosscheck-load-");
  try {
    const db = await openDatabase(tmp.url);
    const hash = await hashPassword(PASSWORD);
    await inTransaction(db, (tx) => createUser(tx, systemActor("bench"), { username: "loadanalyst", role: "analyst", password: PASSWORD }, hash));
    const { token } = await inTransaction(db, (tx) => createToken(tx, systemActor("bench"), "loadanalyst", "load"));
    await db.$disconnect();
    let t = performance.now();
    seed(tmp.file, CLAIMS);
    console.log(
      `seeded ${CLAIMS} claims, ${CLAIMS + CLAIMS / 50} stances, ${CLAIMS / 50} conflicts in ${((performance.now() - t) / 1000).toFixed(1)} s (direct insert: no audit events for seeded rows)`,
    );

    const server = await startServerProcess(tmp.url, { NODE_ENV: "production" });
    console.log(`server ready in ${server.readyMs.toFixed(0)} ms`);
    const cookie = await signIn(server.base, "loadanalyst");
    const page = (path: string) => fetch(`${server.base}${path}`, { headers: { cookie } });
    const api = { authorization: `Bearer ${token}`, "content-type": "application/json" };
    const q = encodeURIComponent("الجيش العراقي مركز");

    // The first write builds the engine's in-memory claim index over every claim.
    t = performance.now();
    const first = await fetch(`${server.base}/api/v1/claims`, {
      method: "POST",
      headers: api,
      body: JSON.stringify({ text: "نفى الجيش العراقي تشكيل مركز مشترك (warm-up)", language: "ar" }),
    });
    console.log(`first write (builds the claim index over ${CLAIMS} claims): ${first.status} in ${((performance.now() - t) / 1000).toFixed(1)} s`);

    const rows: Stats[] = [];
    rows.push(await loop("GET /claims (page)", SECONDS, CONCURRENCY, () => page("/claims")));
    rows.push(await loop("GET /claims/:id (page)", SECONDS, CONCURRENCY, () => page(`/claims/${1 + Math.floor(Math.random() * CLAIMS)}`)));
    rows.push(await loop("GET /conflicts (page)", SECONDS, CONCURRENCY, () => page("/conflicts")));
    rows.push(await loop("GET /claims?q=<Arabic> (page)", SECONDS, CONCURRENCY, () => page(`/claims?q=${q}`)));
    rows.push(
      await loop("GET /api/v1/claims", SECONDS, CONCURRENCY, () =>
        fetch(`${server.base}/api/v1/claims?page=${1 + Math.floor(Math.random() * 100)}`, { headers: api }),
      ),
    );
    rows.push(
      await loop("POST /api/v1/claims", SECONDS, CONCURRENCY, (i) =>
        fetch(`${server.base}/api/v1/claims`, {
          method: "POST",
          headers: api,
          body: JSON.stringify({ text: `${AR_SUBJECTS[i % 8]} ${AR_VERBS[i % 8]} بيان رقم ${i} ${randomUUID()}`, language: "ar" }),
        }),
      ),
    );
    console.log(`\nsteady load: ${CONCURRENCY} concurrent clients, ${SECONDS} s per endpoint, loopback, ${CLAIMS} claims`);
    table(rows);

    // Overload: 500 concurrent clients on the write endpoint and a heavy page at once.
    const over = await Promise.all([
      loop("overload POST /api/v1/claims (c=250)", SECONDS, 250, (i) =>
        fetch(`${server.base}/api/v1/claims`, {
          method: "POST",
          headers: api,
          body: JSON.stringify({ text: `overload ${i} ${randomUUID()}`, language: "en" }),
          signal: AbortSignal.timeout(60_000),
        }),
      ),
      loop("overload GET /claims?q= (c=250)", SECONDS, 250, () =>
        fetch(`${server.base}/claims?q=${q}`, { headers: { cookie }, signal: AbortSignal.timeout(60_000) }),
      ),
    ]);
    console.log(`\noverload: 500 concurrent clients for ${SECONDS} s`);
    table(over);
    const bad = over.flatMap((r) => Object.keys(r.statuses).filter((s) => !/^(2\d\d|429|503)$/.test(s)));
    const alive = server.child.exitCode === null && server.child.signalCode === null;
    const health = await fetch(`${server.base}/health`)
      .then((r) => r.status)
      .catch(() => "down");
    console.log(
      `overload verdict: answers other than 2xx/429/503: ${bad.length ? bad.join(", ") : "none"}; process exits: ${alive ? 0 : 1}; /health after: ${health}`,
    );

    // The same overload without the load generator's own cost: 400 POSTs written at once over
    // raw sockets (fetch clients on these two cores are themselves the bottleneck above, so the
    // server never sees a deep queue). Shows whether the server refuses fast (MAX_QUEUE_MS).
    const burst = await rawBurst(server.port, 400, token);
    console.log(`\nraw burst: 400 POST /api/v1/claims written at once on 400 sockets`);
    for (const [status, ms] of [...burst].sort((a, b) => a[0] - b[0]))
      console.log(`  ${status}: ${ms.length} answers, p50 ${pct(ms, 50).toFixed(0)} ms, p99 ${pct(ms, 99).toFixed(0)} ms`);

    // T15: 200-sample login timing (unknown user vs wrong password), rate limit aside (distinct usernames).
    const known: number[] = [];
    const unknown: number[] = [];
    const timing = await startServerProcess(tmp.url, { NODE_ENV: "production", LOGIN_MAX_ATTEMPTS: "100000" });
    const loginPage = await fetch(`${timing.base}/login`);
    const c2 = (loginPage.headers.get("set-cookie") ?? "").split(";")[0];
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await loginPage.text())![1];
    const attempt = async (username: string) => {
      const s = performance.now();
      await (
        await fetch(`${timing.base}/login`, {
          method: "POST",
          redirect: "manual",
          headers: { cookie: c2, "content-type": "application/x-www-form-urlencoded" },
          body: new URLSearchParams({ _csrf: csrf, username, password: "wrong password" }),
        })
      ).arrayBuffer();
      return performance.now() - s;
    };
    for (let i = 0; i < 3; i++) await attempt("loadanalyst");
    // Known-user failures past 100 an hour hit the per-account limit: spread them over 3 accounts.
    const dbu = await openDatabase(tmp.url);
    for (const u of ["timing1", "timing2"])
      await inTransaction(dbu, (tx) => createUser(tx, systemActor("bench"), { username: u, role: "analyst", password: PASSWORD }, hash));
    await dbu.$disconnect();
    for (let i = 0; i < 200; i++) {
      known.push(await attempt(["loadanalyst", "timing1", "timing2"][i % 3]));
      unknown.push(await attempt(`nobody-${i}`));
    }
    known.sort((a, b) => a - b);
    unknown.sort((a, b) => a - b);
    console.log(
      `\nlogin timing (production argon2 parameters, 200 samples each): wrong password median ${pct(known, 50).toFixed(1)} ms (p95 ${pct(known, 95).toFixed(1)}), unknown user median ${pct(unknown, 50).toFixed(1)} ms (p95 ${pct(unknown, 95).toFixed(1)}); difference ${Math.abs(pct(known, 50) - pct(unknown, 50)).toFixed(1)} ms`,
    );
    await killHard(timing);
    await killHard(server);
  } finally {
    tmp.remove();
  }
}
