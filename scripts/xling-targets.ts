/**
 * `npx tsx scripts/xling-targets.ts` — embed the English side of every Arabic–English training
 * pair (../shared/train/parallel-ar-en/*.tsv) with the English sentence encoder, the targets the
 * Arabic student (scripts/train-xling.ts) learns to reproduce. Cached under .tmp/encoder-cache/
 * (the same cache the eval tools use), so a second run takes seconds; the first takes ~10–20
 * minutes on two cores. Progress on stderr. train:xling runs this itself when the cache is cold.
 */
import { readFileSync } from "node:fs";
import { embedWithCache } from "../src/encoder/cache.ts";
import { sentenceEncoder } from "../src/encoder/sentence-encoder.ts";
import { readPairs } from "./xling-data.ts";

async function main(): Promise<void> {
  // news-like domains first, so a partial cache is already useful; the FLORES dev corpus (the
  // model-selection set of train:xling, never a training target) before all
  const first = ["glossary", "ud_arabic_pud", "un_testsets", "xquad", "tico19", "tatoeba", "libreoffice_7.4_ar"];
  // --domains a,b: only those files (two processes can fill the cache side by side)
  const di = process.argv.indexOf("--domains");
  const only = di >= 0 ? new Set(process.argv[di + 1].split(",")) : undefined;
  const pairs = readPairs()
    .filter((p) => !only || only.has(p.domain))
    .sort((a, b) => first.indexOf(a.domain) - first.indexOf(b.domain));
  const dev = readFileSync("../shared/eval/dev/xling-corpus.jsonl", "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => String((JSON.parse(l) as { text: string }).text));
  const enc = await sentenceEncoder();
  if (!enc) throw new Error("SENTENCE_ENCODER=off: the targets need the English encoder");
  const t0 = Date.now();
  await embedWithCache(enc, [...(only && !only.has("dev") ? [] : dev), ...pairs.map((p) => p.en)], {
    progress: (d, t) => process.stderr.write(`embedding English targets: ${d}/${t} (${((Date.now() - t0) / 1000).toFixed(0)} s)\n`),
  });
  process.stderr.write(`done: ${pairs.length} pairs\n`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
