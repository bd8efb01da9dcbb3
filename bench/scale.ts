/**
 * `npm run bench -- scale [--quick] [--claims N] [--million] [--ingest]`: the figures of issue 14 on a
 * synthetic store of 100,000 claims (bench/engine.ts's mixed Arabic/English generator, 60%
 * Arabic), with one attribution each, a denial and a stance conflict on every 50th, and
 * sentence vectors on the English claims (from a pool of 2,000 really embedded claims, as in
 * the engine bench: ranking cost does not depend on what the vectors say). The store is built
 * once by direct inserts and cached under .tmp/bench-scale/ (its seeded rows have no audit
 * events); each run works on a copy.
 *
 * Against the real server (a child process, NODE_ENV=production): the claim page with one
 * client (p95) and with 8 (req/s) beside a bare Express + Handlebars page reading 20 rows
 * (bench/bare-server.ts), the claim page's p95 alone and while 4 clients create English
 * claims, the longest write transactions under 8 concurrent writers (CROSSCHECK_TX_TIMINGS),
 * and ingesting a 2 KB report with its suggestions and proposals. In this process: the whole
 * store's re-analysis (reanalyseStore, worker pool) and a bundle import against raw
 * better-sqlite3 inserts of the same rows. `--quick`: 10,000 claims and shorter windows.
 * `--million`: a 1,000,000-claim store, lists and search only. `--ingest`: the ingest figure only.
 *
 * Returns its figures; bench/index.ts prints them as the last line, one JSON object.
 */
import { createHash, randomUUID } from "node:crypto";
import { spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { claimSearchKey } from "../src/domain/claims/create-claim.ts";
import { inTransaction, openDatabase } from "../src/db/client.ts";
import { systemActor } from "../src/domain/actor.ts";
import { importBundle } from "../src/domain/bundle/import-bundle.ts";
import { reanalyseStore } from "../src/domain/matching/reanalyse-store.ts";
import { createToken } from "../src/domain/tokens/tokens.ts";
import { createUser } from "../src/domain/users/create-user.ts";
import { hashPassword } from "../src/domain/users/passwords.ts";
import { ENCODER_ID, sentenceEncoder } from "../src/encoder/sentence-encoder.ts";
import { encoderText } from "../src/engine/dense.ts";
import { searchKey } from "../src/engine/normalize.ts";
import { prng } from "../src/util/prng.ts";
import { closeModelPool } from "../src/workers/model-pool.ts";
import { freePort, killHard, ROOT, startServerProcess } from "../test/durability/support.ts";
import { syntheticClaim } from "./engine.ts";

const argv = process.argv.slice(2);
const QUICK = argv.includes("--quick");
const MILLION = argv.includes("--million");
/** `--ingest`: only the report-ingest figure (after the first write), to compare changes to that path quickly. */
const INGEST_ONLY = argv.includes("--ingest");
const claimsArg = argv.indexOf("--claims");
const N = MILLION ? 1_000_000 : claimsArg >= 0 ? Number(argv[claimsArg + 1]) : Number(process.env.BENCH_SCALE_CLAIMS ?? (QUICK ? 10_000 : 100_000));
const SECONDS = Number(process.env.BENCH_SCALE_SECONDS ?? (QUICK ? 4 : 10));
const PASSWORD = "scale bench password";
const CACHE = join(ROOT, ".tmp/bench-scale");
const VECTOR_POOL = 2000;

const isArabic = (t: string) => /[\u0600-\u06FF]/.test(t);
const pct = (xs: number[], p: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))] : NaN;
};
const r1 = (x: number) => Math.round(x * 10) / 10;

interface Store {
  template: string;
  token: string;
}

/** Build (or reuse) the cached N-claim store. */
export async function cachedStore(n: number, vectors: boolean): Promise<Store> {
  mkdirSync(CACHE, { recursive: true });
  const template = join(CACHE, `store-${n}${vectors ? "" : "-novec"}.db`);
  const meta = `${template}.json`;
  if (existsSync(template) && existsSync(meta)) {
    console.log(`store: reusing ${template}`);
    return { template, token: (JSON.parse(readFileSync(meta, "utf8")) as { token: string }).token };
  }
  rmSync(template, { force: true });
  const t0 = performance.now();
  const db = await openDatabase(`file:${template}`);
  const hash = await hashPassword(PASSWORD);
  await inTransaction(db, (tx) => createUser(tx, systemActor("bench"), { username: "scaleanalyst", role: "admin", password: PASSWORD }, hash));
  const { token } = await inTransaction(db, (tx) => createToken(tx, systemActor("bench"), "scaleanalyst", "scale"));
  await db.$disconnect();

  const rnd = prng(7);
  const texts = Array.from({ length: n }, (_, i) => syntheticClaim(rnd, i));
  let poolVecs: Int8Array[] = [];
  if (vectors) {
    const enc = await sentenceEncoder();
    if (enc) {
      const english = texts.filter((t) => !isArabic(t)).slice(0, VECTOR_POOL);
      poolVecs = await enc.embed(english);
    }
  }
  const raw = new Database(template);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = OFF");
  const now = new Date().toISOString().replace("Z", "+00:00");
  const insSource = raw.prepare(
    "INSERT INTO Source (key, name, kind, reliability, notes, nameKey, createdAt, updatedAt) VALUES (?, ?, 'official_body', ?, '', ?, ?, ?)",
  );
  const insDoc = raw.prepare(
    "INSERT INTO Document (key, title, publisherId, language, text, sha256, searchKey, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
  );
  const insClaim = raw.prepare(
    "INSERT INTO Claim (key, text, language, translation, status, tags, searchKey, createdAt, updatedAt) VALUES (?, ?, ?, '', ?, ?, ?, ?, ?)",
  );
  const insAttr = raw.prepare("INSERT INTO Attribution (claimId, sourceId, documentId, stance, quote, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)");
  const insConflict = raw.prepare(
    "INSERT INTO Conflict (kind, fingerprint, evidenceHash, claimId, status, active, score, explanation, details, statusNote, createdAt, updatedAt) VALUES ('stance', ?, 'seed', ?, 'open', 1, 0.9, ?, '{}', '', ?, ?)",
  );
  const insItem = raw.prepare("INSERT INTO ConflictItem (conflictId, attributionId, side) VALUES (?, ?, ?)");
  const insVec = raw.prepare("INSERT INTO ClaimVector (claimId, model, textHash, vector, createdAt) VALUES (?, ?, ?, ?, ?)");
  const statuses = ["unreviewed", "unreviewed", "unreviewed", "verified", "disputed"];
  const SOURCES = 300,
    DOCS = 1000;
  raw.transaction(() => {
    for (let s = 0; s < SOURCES; s++) {
      const name = `${["قوات سوريا الديمقراطية", "الجيش العراقي", "التحالف الدولي", "Reuters", "SOHR", "وزارة الدفاع"][s % 6]} ${s}`;
      insSource.run(`src-${randomUUID()}`, name, "ABCDEF"[s % 6], searchKey(name), now, now);
    }
    for (let d = 0; d < DOCS; d++) {
      const text = `تقرير رقم ${d}\n${texts[d % n]}`;
      insDoc.run(
        `doc-${randomUUID()}`,
        `تقرير ${d}`,
        1 + (d % SOURCES),
        "ar",
        text,
        createHash("sha256").update(text).digest("hex"),
        searchKey(text),
        now,
        now,
      );
    }
    let v = 0;
    for (let i = 0; i < n; i++) {
      const text = texts[i];
      const ar = isArabic(text);
      const id = Number(
        insClaim.run(`clm-${randomUUID()}`, text, ar ? "ar" : "en", statuses[i % 5], i % 7 === 0 ? " border " : "", claimSearchKey(text, ""), now, now)
          .lastInsertRowid,
      );
      const a = Number(insAttr.run(id, 1 + (i % SOURCES), 1 + (i % DOCS), "asserted", text.slice(0, 40), now, now).lastInsertRowid);
      if (i % 50 === 0) {
        const b = Number(insAttr.run(id, 1 + ((i + 1) % SOURCES), 1 + ((i + 1) % DOCS), "denied", "نفى", now, now).lastInsertRowid);
        const c = Number(insConflict.run(`stance:claim:${id}`, id, "stance: asserted vs denied, same claim", now, now).lastInsertRowid);
        insItem.run(c, a, "a");
        insItem.run(c, b, "b");
      }
      const et = ar ? undefined : encoderText(text, "");
      if (et && poolVecs.length)
        insVec.run(
          id,
          ENCODER_ID,
          createHash("sha256").update(et).digest("base64url"),
          Buffer.from(new Uint8Array(poolVecs[v++ % poolVecs.length].buffer.slice(0))),
          now,
        );
    }
  })();
  raw.pragma("synchronous = FULL");
  raw.pragma("wal_checkpoint(TRUNCATE)");
  raw.close();
  writeFileSync(meta, JSON.stringify({ token, claims: n }));
  console.log(`store: ${n} claims seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${template}`);
  return { template, token };
}

function workingCopy(template: string, name: string): { file: string; url: string } {
  const file = join(CACHE, `${name}.db`);
  for (const ext of ["", "-wal", "-shm"]) rmSync(file + ext, { force: true });
  copyFileSync(template, file);
  return { file, url: `file:${file}` };
}

interface LoopStats {
  n: number;
  seconds: number;
  p50: number;
  p95: number;
  p99: number;
  statuses: Record<string, number>;
}

/** Closed loop: `clients` each send the next request when the last one answered, for `seconds`. */
async function loop(seconds: number, clients: number, send: (i: number) => Promise<Response>): Promise<LoopStats> {
  const lat: number[] = [];
  const statuses: Record<string, number> = {};
  const start = performance.now();
  const end = start + seconds * 1000;
  let i = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        let key: string;
        try {
          const res = await send(i++);
          await res.arrayBuffer();
          key = String(res.status);
        } catch (e) {
          key = `error ${(e as Error).name}`;
        }
        lat.push(performance.now() - t);
        statuses[key] = (statuses[key] ?? 0) + 1;
      }
    }),
  );
  return { n: lat.length, seconds: (performance.now() - start) / 1000, p50: pct(lat, 50), p95: pct(lat, 95), p99: pct(lat, 99), statuses };
}
const rps = (s: LoopStats) => s.n / s.seconds;
const line = (name: string, s: LoopStats) =>
  console.log(
    `${name.padEnd(46)} ${rps(s).toFixed(1).padStart(7)} req/s  p50 ${s.p50.toFixed(1)}  p95 ${s.p95.toFixed(1)}  p99 ${s.p99.toFixed(1)} ms  ${JSON.stringify(s.statuses)}`,
  );

async function signIn(base: string): Promise<string> {
  const page = await fetch(`${base}/login`);
  const cookie = (page.headers.get("set-cookie") ?? "").split(";")[0];
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())![1];
  const res = await fetch(`${base}/login`, {
    method: "POST",
    redirect: "manual",
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams({ _csrf: csrf, username: "scaleanalyst", password: PASSWORD }),
  });
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status}`);
  return (res.headers.get("set-cookie") ?? "").split(";")[0];
}

/** A ~2 KB Arabic report in the shape analysts ingest: reporting frames, speakers, a denial. */
function report(rnd: () => number, i: number): string {
  const lines = [`مصادر: تطورات ميدانية في دير الزور (${i})`];
  while (lines.join("\n").length < 2000) {
    const c = syntheticClaim(rnd, i * 31 + lines.length);
    lines.push(rnd() < 0.3 ? `ونفى الجيش العراقي أن ${c}.` : rnd() < 0.5 ? `وقال المرصد السوري إن ${c}.` : `وأعلنت قوات سوريا الديمقراطية أن ${c}.`);
  }
  return lines.join("\n");
}

async function startBare(file: string): Promise<{ base: string; stop: () => void }> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "bench/bare-server.ts", file, String(port)], {
    cwd: ROOT,
    stdio: "ignore",
    env: { ...process.env, NODE_ENV: "production" },
  });
  const base = `http://127.0.0.1:${port}`;
  for (let k = 0; k < 300; k++) {
    try {
      if ((await fetch(`${base}/health`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return { base, stop: () => child.kill("SIGKILL") };
}

/** The bundle import against raw inserts of the same rows (fresh databases, same run). */
async function importFigures(): Promise<{ importRowsPerS: number; rawInsertRowsPerS: number; rows: number }> {
  const M = QUICK ? 500 : 2000;
  const rnd = prng(99);
  const sources = Array.from({ length: 20 }, (_, s) => ({ key: `src-${s}`, name: `مصدر ${s}`, aliases: [], kind: "outlet", reliability: "C" }));
  const documents = Array.from({ length: 20 }, (_, d) => ({
    key: `doc-${d}`,
    title: `تقرير ${d}`,
    url: null,
    publisher: `src-${d}`,
    publishedAt: null,
    language: "ar",
    text: `نص التقرير ${d}`,
  }));
  const claims = Array.from({ length: M }, (_, i) => {
    const text = `${syntheticClaim(rnd, i)} (${i})`;
    return {
      key: `clm-${i}`,
      text,
      language: isArabic(text) ? "ar" : "en",
      attributions: [{ source: `src-${i % 20}`, document: `doc-${i % 20}`, stance: "asserted", quote: text.slice(0, 30), statedAt: null }],
    };
  });
  const bundle = { version: 1, sources, documents, claims };
  const rows = sources.length + documents.length + 2 * M;

  const a = workingCopyEmpty("import-app");
  const db = await openDatabase(a.url);
  let t = performance.now();
  await importBundle(db, systemActor("bench"), bundle);
  const importS = (performance.now() - t) / 1000;
  await db.$disconnect();

  const b = workingCopyEmpty("import-raw");
  const mig = await openDatabase(b.url);
  await mig.$disconnect();
  const raw = new Database(b.file);
  raw.pragma("journal_mode = WAL");
  raw.pragma("synchronous = FULL");
  const now = new Date().toISOString().replace("Z", "+00:00");
  t = performance.now();
  raw.transaction(() => {
    const sid = new Map<string, number>(),
      did = new Map<string, number>();
    const is = raw.prepare("INSERT INTO Source (key, name, kind, reliability, notes, nameKey, createdAt, updatedAt) VALUES (?, ?, ?, ?, '', ?, ?, ?)");
    for (const s of sources) sid.set(s.key, Number(is.run(s.key, s.name, s.kind, s.reliability, searchKey(s.name), now, now).lastInsertRowid));
    const idoc = raw.prepare(
      "INSERT INTO Document (key, title, publisherId, language, text, sha256, searchKey, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    );
    for (const d of documents)
      did.set(
        d.key,
        Number(
          idoc.run(d.key, d.title, sid.get(d.publisher), d.language, d.text, createHash("sha256").update(d.text).digest("hex"), searchKey(d.text), now, now)
            .lastInsertRowid,
        ),
      );
    const ic = raw.prepare(
      "INSERT INTO Claim (key, text, language, translation, status, tags, searchKey, createdAt, updatedAt) VALUES (?, ?, ?, '', 'unreviewed', '', ?, ?, ?)",
    );
    const ia = raw.prepare("INSERT INTO Attribution (claimId, sourceId, documentId, stance, quote, createdAt, updatedAt) VALUES (?, ?, ?, ?, ?, ?, ?)");
    for (const c of claims) {
      const id = Number(ic.run(c.key, c.text, c.language, claimSearchKey(c.text, ""), now, now).lastInsertRowid);
      for (const at of c.attributions) ia.run(id, sid.get(at.source), did.get(at.document), at.stance, at.quote, now, now);
    }
  })();
  const rawS = (performance.now() - t) / 1000;
  raw.close();
  console.log(
    `bundle import: ${rows} rows (${M} claims + attributions) in ${importS.toFixed(2)} s through importBundle (with audit events, matching after commit) vs ${rawS.toFixed(3)} s raw better-sqlite3 inserts`,
  );
  return { importRowsPerS: Math.round(rows / importS), rawInsertRowsPerS: Math.round(rows / rawS), rows };
}

function workingCopyEmpty(name: string) {
  const file = join(CACHE, `${name}.db`);
  for (const ext of ["", "-wal", "-shm"]) rmSync(file + ext, { force: true });
  return { file, url: `file:${file}` };
}

/** A 2 KB report: ingest, then its suggestions and proposals (computed in a worker); p95 leaves out the first. */
async function ingestFigures(base: string, api: Record<string, string>): Promise<Record<string, number>> {
  const ingestMs: number[] = [];
  const rr = prng(5);
  for (let k = 0; k < (QUICK ? 5 : 12); k++) {
    const s = performance.now();
    const res = await fetch(`${base}/api/v1/ingest`, { method: "POST", headers: api, body: JSON.stringify({ text: report(rr, k) }) });
    const body = (await res.json()) as { suggestions: string };
    const sug = await fetch(`${base}${body.suggestions.replace(/^https?:\/\/[^/]+/, "")}`, { headers: api });
    const json = (await sug.json()) as { suggestions?: unknown[] };
    if (!json.suggestions) throw new Error(`suggestions failed: ${sug.status} ${JSON.stringify(json).slice(0, 200)}`);
    ingestMs.push(performance.now() - s);
  }
  console.log(
    `ingest a 2 KB report + its suggestions and proposals (${ingestMs.length}, the first builds the worker's index): p50 ${pct(ingestMs, 50).toFixed(0)} ms, p95 ${pct(ingestMs.slice(1), 95).toFixed(0)} ms without the first (${ingestMs.map((x) => x.toFixed(0)).join(", ")})`,
  );
  return { ingestReportP95Ms: Math.round(pct(ingestMs.slice(1), 95)), ingestReportFirstMs: Math.round(ingestMs[0]) };
}

export async function run(): Promise<Record<string, number>> {
  const figures: Record<string, number> = { scaleClaims: N };
  const store = await cachedStore(N, !MILLION);
  const work = workingCopy(store.template, MILLION ? "work-million" : "work");
  const timings = join(CACHE, "tx-timings.txt");
  rmSync(timings, { force: true });
  const server = await startServerProcess(work.url, { NODE_ENV: "production", CROSSCHECK_TX_TIMINGS: timings, MAX_QUEUE_MS: "0" }, 120_000);
  try {
    const cookie = await signIn(server.base);
    const page = (path: string) => fetch(`${server.base}${path}`, { headers: { cookie } });
    const api = { authorization: `Bearer ${store.token}`, "content-type": "application/json" };
    const rnd = prng(1234);
    const english = () => {
      for (;;) {
        const t = syntheticClaim(rnd, Math.floor(rnd() * 1e6));
        if (!isArabic(t)) return `${t} ${randomUUID().slice(0, 8)}`;
      }
    };
    const createEnglish = () =>
      fetch(`${server.base}/api/v1/claims`, { method: "POST", headers: api, body: JSON.stringify({ text: english(), language: "en" }) });
    const t = performance.now();
    const first = await createEnglish();
    console.log(`first write (the server builds its claim index over ${N} claims): ${first.status} in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    if (INGEST_ONLY) return Object.assign(figures, await ingestFigures(server.base, api));
    const claimPath = () => `/claims/${1 + Math.floor(Math.random() * N)}`;
    for (let k = 0; k < 30; k++) await (await page(claimPath())).arrayBuffer(); // warm-up

    if (MILLION) {
      const q = encodeURIComponent("الجيش العراقي");
      for (const [name, path] of [
        ["claims list", "/claims"],
        ["claims search (Arabic)", `/claims?q=${q}`],
        ["claims list page 500", "/claims?page=500"],
      ] as const) {
        const one = await loop(SECONDS, 1, () => page(path));
        const eight = await loop(SECONDS, 8, () => page(path));
        line(`${name}, 1 client`, one);
        line(`${name}, 8 clients`, eight);
        const key = name.startsWith("claims search") ? "million_searchP95Ms" : name === "claims list" ? "million_listP95Ms" : "million_listDeepP95Ms";
        figures[key] = r1(one.p95);
      }
      return figures;
    }

    const one = await loop(SECONDS, 1, () => page(claimPath()));
    line("claim page, 1 client", one);
    figures.claimPageP95Ms = r1(one.p95);
    const eight = await loop(SECONDS, 8, () => page(claimPath()));
    line("claim page, 8 clients", eight);
    figures.claimPageReqPerS = r1(rps(eight));
    const bare = await startBare(work.file);
    try {
      await loop(1, 1, () => fetch(`${bare.base}/`));
      const b = await loop(SECONDS, 8, () => fetch(`${bare.base}/`));
      line("bare Express + Handlebars, 20 rows, 8 clients", b);
      figures.bareRenderReqPerS = r1(rps(b));
    } finally {
      bare.stop();
    }
    figures.claimPageShareOfBare = r1((100 * figures.claimPageReqPerS) / figures.bareRenderReqPerS);
    for (const [name, path] of [
      ["claims list", "/claims"],
      ["claims search (Arabic)", `/claims?q=${encodeURIComponent("الجيش العراقي")}`],
      ["conflicts list", "/conflicts"],
      ["topic report", "/reports/topics/border"],
    ] as const) {
      const s = await loop(Math.max(2, SECONDS / 2), 1, () => page(path));
      line(`${name}, 1 client`, s);
      figures[
        {
          "claims list": "claimsListP95Ms",
          "claims search (Arabic)": "claimsSearchArabicP95Ms",
          "conflicts list": "conflictsListP95Ms",
          "topic report": "topicReportP95Ms",
        }[name]
      ] = r1(s.p95);
    }

    const idle = await loop(SECONDS, 1, () => page(claimPath()));
    line("claim page alone (1 client)", idle);
    figures.pageP95IdleMs = r1(idle.p95);
    const [during, writes] = await Promise.all([loop(SECONDS, 1, () => page(claimPath())), loop(SECONDS, 4, () => createEnglish())]);
    line("claim page while 4 clients create English claims", during);
    line("  the 4 writers (POST /api/v1/claims, English)", writes);
    figures.pageP95DuringWritesMs = r1(during.p95);
    figures.createEnglishP95Ms = r1(writes.p95);

    await new Promise((r) => setTimeout(r, 1500)); // let the timings of the runs so far be flushed
    writeFileSync(timings, "");
    const eightWriters = await loop(SECONDS, 8, () => createEnglish());
    line("8 concurrent writers (English claims)", eightWriters);
    await new Promise((r) => setTimeout(r, 1500));
    const tx = readFileSync(timings, "utf8").split("\n").filter(Boolean).map(Number);
    figures.writeLockP99Ms = r1(pct(tx, 99));
    figures.writeLockP50Ms = r1(pct(tx, 50));
    console.log(
      `write transactions under 8 writers: ${tx.length}, p50 ${pct(tx, 50).toFixed(1)} ms, p99 ${pct(tx, 99).toFixed(1)} ms, max ${Math.max(...tx).toFixed(1)} ms`,
    );

    Object.assign(figures, await ingestFigures(server.base, api));
  } finally {
    await killHard(server);
  }

  // re-analysis of the whole store (this process, worker pool)
  const db = await openDatabase(work.url);
  try {
    const t = performance.now();
    let lastLog = 0;
    const r = await reanalyseStore(db, systemActor("bench"), {
      restart: true,
      progress: (p) => {
        if (performance.now() - lastLog > 10_000) {
          lastLog = performance.now();
          console.log(`  reanalyse: ${p.done}/${p.total} after ${p.elapsedS.toFixed(0)} s, about ${p.etaS?.toFixed(0) ?? "…"} s left`);
        }
      },
    });
    figures.reanalyseSeconds = r1((performance.now() - t) / 1000);
    console.log(
      `reanalyse ${r.total} claims: ${figures.reanalyseSeconds} s (${Math.round(r.total / figures.reanalyseSeconds)} claims/s), ${r.linksWritten} links written, ${r.conflictsUpdated} claims' conflicts updated`,
    );
  } finally {
    await db.$disconnect();
    await closeModelPool();
  }
  Object.assign(figures, await importFigures());
  figures.importShareOfRaw = r1((100 * figures.importRowsPerS) / figures.rawInsertRowsPerS);
  return figures;
}
