/**
 * `npx tsx scripts/xling-distractors.ts [OUT.jsonl]` — the FLORES dev corpus (dev/xling-corpus.jsonl)
 * with twice the candidates: every English sentence of the UD Arabic-PUD news pairs
 * (../shared/train/parallel-ar-en/ud_arabic_pud.tsv, 1,000 news sentences) added as distractors, so
 * `npm run eval -- xling dev/xling-queries.jsonl OUT.jsonl` checks that a gain on dev holds when
 * each Arabic query has news sentences to confuse it with (the target is measured "on unseen
 * news with twice the candidates"). The distractors are never a query's answer. Written to
 * .tmp/xling-corpus-2x.jsonl by default.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { readTsvPairs } from "./xling-data.ts";

const OUT = process.argv[2] ?? ".tmp/xling-corpus-2x.jsonl";
const corpus = readFileSync("../shared/eval/dev/xling-corpus.jsonl", "utf8")
  .split("\n")
  .filter((l) => l.trim());
const extra = readTsvPairs()
  .filter((p) => p.domain === "ud_arabic_pud")
  .map((p, i) => JSON.stringify({ id: `distractor-${i}`, text: p.en }));
mkdirSync(dirname(OUT), { recursive: true });
writeFileSync(OUT, [...corpus, ...extra].join("\n") + "\n");
console.error(`wrote ${OUT}: ${corpus.length} dev sentences + ${extra.length} news distractors`);
