/**
 * `npm run --silent eval -- TASK FILE...` — score the engine on labelled JSONL with the same
 * code the app uses (classifyPair, classifyStance, ClaimIndex.search).
 *
 *   eval pair   FILE.jsonl                 rows {"id","a","b","label"}       agree|conflict|unrelated
 *   eval stance FILE.jsonl                 rows {"id","claim","text","label"} asserted|denied|unverified|unrelated
 *   eval match  QUERIES.jsonl CORPUS.jsonl queries {"id","text","relevant":[ids]}, corpus {"id","text"}
 *   eval xling  QUERIES.jsonl CORPUS.jsonl the same, across languages (Arabic queries, English corpus)
 *
 * Match embeds English queries and claims with the sentence encoder, as the app does (cached
 * under .tmp/encoder-cache, so only the first run on a corpus takes minutes), and Arabic ones
 * with the Arabic student encoder; `xling` is the same code, reported under its own name;
 * SENTENCE_ENCODER=off measures the lexical engine alone.
 *
 * Prints a readable report; the LAST line is always one JSON object with the figures.
 * Macro-F1 is over the labels present in the gold data.
 */
import { readFileSync } from "node:fs";
import { embedMatchSet } from "../encoder/cache.ts";
import { arabicStudent } from "../encoder/arabic-student.ts";
import { sentenceEncoder } from "../encoder/sentence-encoder.ts";
import { vectorText } from "../engine/dense.ts";
import { ClaimIndex } from "../engine/match.ts";
import { classifyPair, PAIR_LABELS } from "../engine/pair.ts";
// stance is loaded only for the stance task, so pair/match keep working while it is retrained
type StanceModule = typeof import("../engine/stance.ts");

/** A JSONL field as text ("" when absent). */
function text(v: unknown): string {
  if (v == null) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

function readJsonl(path: string): Array<Record<string, unknown>> {
  // a byte-order mark (some editors write one) is not part of the first row; blank lines are skipped
  return readFileSync(path, "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .map((l, i) => ({ l, line: i + 1 }))
    .filter(({ l }) => l.trim())
    .map(({ l, line }) => {
      try {
        return JSON.parse(l) as Record<string, unknown>;
      } catch {
        throw new Error(`${path}:${line}: not valid JSON`);
      }
    });
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;
const clip = (s: string, n = 90) => (s.length > n ? s.slice(0, n - 1) + "…" : s).replace(/\s+/g, " ");

export interface ClassificationReport {
  n: number;
  macroF1: number;
  accuracy: number;
  perLabel: Record<string, { p: number; r: number; f1: number; support: number }>;
  confusion: Record<string, Record<string, number>>;
}

/** Per-label P/R/F1, macro-F1 over the labels present in gold, and the confusion matrix (gold → predicted). */
export function scoreClassification(labels: readonly string[], gold: string[], pred: string[]): ClassificationReport {
  const all = [...new Set([...labels, ...gold, ...pred])];
  const confusion: Record<string, Record<string, number>> = {};
  for (const g of all) confusion[g] = Object.fromEntries(all.map((p) => [p, 0]));
  gold.forEach((g, i) => confusion[g][pred[i]]++);
  const present = all.filter((l) => gold.includes(l));
  const perLabel: ClassificationReport["perLabel"] = {};
  let sum = 0;
  for (const l of present) {
    const tp = confusion[l][l];
    const predicted = all.reduce((s, g) => s + confusion[g][l], 0);
    const support = all.reduce((s, p) => s + confusion[l][p], 0);
    const p = predicted ? tp / predicted : 0;
    const r = support ? tp / support : 0;
    const f1 = p + r ? (2 * p * r) / (p + r) : 0;
    perLabel[l] = { p: r3(p), r: r3(r), f1: r3(f1), support };
    sum += f1;
  }
  const correct = gold.filter((g, i) => g === pred[i]).length;
  return { n: gold.length, macroF1: r3(present.length ? sum / present.length : 0), accuracy: r3(gold.length ? correct / gold.length : 0), perLabel, confusion };
}

function printReport(task: string, file: string, rep: ClassificationReport, msPerItem: number, errors: string[]): void {
  console.log(`${task} — ${file}: ${rep.n} rows, macro-F1 ${rep.macroF1.toFixed(3)}, accuracy ${rep.accuracy.toFixed(3)}, ${msPerItem.toFixed(3)} ms/item\n`);
  console.log(`${"label".padEnd(12)} ${"P".padStart(6)} ${"R".padStart(6)} ${"F1".padStart(6)} ${"n".padStart(6)}`);
  for (const [l, s] of Object.entries(rep.perLabel))
    console.log(`${l.padEnd(12)} ${s.p.toFixed(3).padStart(6)} ${s.r.toFixed(3).padStart(6)} ${s.f1.toFixed(3).padStart(6)} ${String(s.support).padStart(6)}`);
  const labels = Object.keys(rep.confusion);
  console.log(`\nconfusion (rows gold, columns predicted)\n${"".padEnd(12)}${labels.map((l) => l.slice(0, 10).padStart(11)).join("")}`);
  for (const g of labels) console.log(`${g.padEnd(12)}${labels.map((p) => String(rep.confusion[g][p]).padStart(11)).join("")}`);
  if (errors.length) console.log(`\nexample errors:\n${errors.join("\n")}`);
  console.log("");
}

function pickErrors<T>(items: T[], max = 6): T[] {
  // spread over the file, deterministic
  if (items.length <= max) return items;
  const step = items.length / max;
  return Array.from({ length: max }, (_, i) => items[Math.floor(i * step)]);
}

function evalPair(file: string): Record<string, unknown> {
  const rows = readJsonl(file);
  const gold: string[] = [],
    pred: string[] = [];
  const errors: string[] = [];
  const t0 = performance.now();
  for (const r of rows) {
    const res = classifyPair(text(r.a), text(r.b));
    gold.push(String(r.label));
    pred.push(res.label);
    if (res.label !== r.label)
      errors.push(
        `  [${text(r.id)}] gold ${text(r.label)}, got ${res.label} (${res.score.toFixed(2)}): A "${clip(String(r.a))}" | B "${clip(String(r.b))}"\n      reasons: ${res.reasons.slice(0, 3).join("; ")}`,
      );
  }
  const ms = (performance.now() - t0) / Math.max(1, rows.length);
  const rep = scoreClassification(PAIR_LABELS, gold, pred);
  printReport("pair", file, rep, ms, pickErrors(errors));
  return { task: "pair", n: rep.n, macroF1: rep.macroF1, perLabel: strip(rep.perLabel), confusion: rep.confusion, msPerItem: r3(ms) };
}

function evalStance(file: string, { classifyStance, STANCE_LABELS }: StanceModule): Record<string, unknown> {
  const rows = readJsonl(file);
  const gold: string[] = [],
    pred: string[] = [];
  const errors: string[] = [];
  const t0 = performance.now();
  for (const r of rows) {
    const res = classifyStance(text(r.claim), text(r.text));
    gold.push(String(r.label));
    pred.push(res.label);
    if (res.label !== r.label)
      errors.push(
        `  [${text(r.id)}] gold ${text(r.label)}, got ${res.label} (${res.score.toFixed(2)}): claim "${clip(String(r.claim))}"\n      reasons: ${res.reasons.slice(0, 3).join("; ")}`,
      );
  }
  const ms = (performance.now() - t0) / Math.max(1, rows.length);
  const rep = scoreClassification(STANCE_LABELS, gold, pred);
  printReport("stance", file, rep, ms, pickErrors(errors));
  // AuSTR-style files label only agree / disagree / other: "other" (written unrelated) covers
  // everything that neither asserts nor denies, so an answer of unverified counts as right for
  // it. Such a file is recognised by having no unverified row; its headline figures are then
  // scored on the three AuSTR labels, and the four-label figures are kept under "strict".
  if (gold.length && !gold.includes("unverified") && gold.includes("unrelated")) {
    const other = (l: string) => (l === "unverified" || l === "unrelated" ? "other" : l);
    const au = scoreClassification(["asserted", "denied", "other"], gold.map(other), pred.map(other));
    printReport("stance, AuSTR-style (unverified or unrelated = other)", file, au, ms, []);
    return {
      task: "stance",
      scoring: "austr",
      n: au.n,
      macroF1: au.macroF1,
      perLabel: strip(au.perLabel),
      confusion: au.confusion,
      msPerItem: r3(ms),
      strict: { macroF1: rep.macroF1, perLabel: strip(rep.perLabel), confusion: rep.confusion },
    };
  }
  return { task: "stance", n: rep.n, macroF1: rep.macroF1, perLabel: strip(rep.perLabel), confusion: rep.confusion, msPerItem: r3(ms) };
}

function strip(per: ClassificationReport["perLabel"]): Record<string, { p: number; r: number; f1: number }> {
  return Object.fromEntries(Object.entries(per).map(([l, s]) => [l, { p: s.p, r: s.r, f1: s.f1 }]));
}

async function evalMatch(queriesFile: string, corpusFile: string, task = "match"): Promise<Record<string, unknown>> {
  const queries = readJsonl(queriesFile);
  const corpus = readJsonl(corpusFile);
  const byId = new Map(corpus.map((c) => [String(c.id), text(c.text)]));
  const t0 = performance.now();
  const index = new ClaimIndex();
  for (const c of corpus) index.add(String(c.id), text(c.text));
  const indexMs = performance.now() - t0;
  const encoder = await sentenceEncoder().catch((e: unknown) => {
    // as in the app: without the encoder, matching is by words alone (and the report says so)
    console.error(`sentence encoder unavailable (${e instanceof Error ? e.message : String(e)}); measuring words only`);
    return null;
  });
  let queryVecs: Array<Int8Array | undefined> = [];
  const texts = [...queries, ...corpus].map((r) => (typeof r.text === "string" ? r.text : ""));
  const student = encoder && texts.some((t) => vectorText(t)?.encoder === "ar") ? arabicStudent() : null;
  if (encoder) {
    queryVecs = await embedMatchSet(
      encoder,
      index,
      corpus.map((c) => ({ id: String(c.id), text: text(c.text) })),
      queries.map((q) => ({ text: text(q.text) })),
    );
  }
  let map = 0,
    recall = 0,
    top1 = 0,
    scored = 0;
  const misses: string[] = [];
  const t1 = performance.now();
  for (const [qi, q] of queries.entries()) {
    const rel = new Set(((q.relevant as unknown[]) ?? []).map(String));
    const res = index.search(text(q.text), 5, { vector: queryVecs[qi] });
    if (rel.size === 0) continue;
    scored++;
    let hits = 0,
      ap = 0;
    res.forEach((r, i) => {
      if (rel.has(r.id)) {
        hits++;
        ap += hits / (i + 1);
      }
    });
    map += ap / Math.min(rel.size, 5);
    recall += hits / rel.size;
    if (res[0] && rel.has(res[0].id)) top1++;
    else
      misses.push(
        `  [${text(q.id)}] "${clip(String(q.text))}"\n      gold: "${clip(byId.get([...rel][0]) ?? "?")}"\n      got:  "${clip(byId.get(res[0]?.id ?? "") ?? "(nothing)")}" — ${res[0]?.reasons.slice(0, 2).join("; ") ?? ""}`,
      );
  }
  const msPerQuery = (performance.now() - t1) / Math.max(1, queries.length);
  const n = Math.max(1, scored);
  console.log(
    `${task} — ${queriesFile} against ${corpusFile}: ${scored} queries, ${corpus.length} stored claims (indexed in ${(indexMs / 1000).toFixed(2)} s)\n`,
  );
  console.log(`MAP@5     ${(map / n).toFixed(4)}\nrecall@5  ${(recall / n).toFixed(4)}\nP@1       ${(top1 / n).toFixed(4)}\n${msPerQuery.toFixed(3)} ms/query`);
  if (encoder)
    console.log(
      `(sentence encoder ${encoder.id}${student ? ` and Arabic student ${student.id}` : ""}: ms/query is the search; embedding an English query adds ~12–20 ms, an Arabic one under 1 ms, see npm run bench)`,
    );
  else console.log("(sentence encoder off: words, entities and aliases only)");
  if (misses.length) console.log(`\nexample misses at rank 1:\n${pickErrors(misses).join("\n")}`);
  console.log("");
  return {
    task,
    n: scored,
    map5: r3(map / n),
    recall5: r3(recall / n),
    msPerQuery: r3(msPerQuery),
    encoder: encoder?.id ?? "off",
    ...(student ? { arabicEncoder: student.id } : {}),
  };
}

async function main(argv: string[]): Promise<number> {
  const [task, ...files] = argv;
  let out: Record<string, unknown>;
  if (task === "pair" && files.length === 1) out = evalPair(files[0]);
  else if (task === "stance" && files.length === 1) out = evalStance(files[0], await import("../engine/stance.ts"));
  else if ((task === "match" || task === "xling") && files.length === 2) out = await evalMatch(files[0], files[1], task);
  else if (task === "e2e" && files.length === 1) out = await (await import("./eval-e2e.ts")).evalE2e(files[0]);
  else {
    console.error(
      "usage: npm run --silent eval -- pair FILE.jsonl | stance FILE.jsonl | match QUERIES.jsonl CORPUS.jsonl | xling QUERIES.jsonl CORPUS.jsonl | e2e STORIES.jsonl",
    );
    return 2;
  }
  console.log(JSON.stringify(out));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    console.log(JSON.stringify({ task: process.argv[2] ?? "unknown", error: err instanceof Error ? err.message : String(err) }));
    process.exitCode = 1;
  },
);
