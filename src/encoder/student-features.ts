/**
 * The Arabic student encoder's input: a sparse, hashed bag of what an Arabic sentence is made
 * of — its words (clitics stripped: والجيش → جيش), their light stems, adjacent-word pairs, and
 * the character 3–5-grams of each word (so unseen inflections and spellings of names still share
 * most of their features with the forms seen in training). Digits and Latin words pass through
 * as words: "2019", "ISIS" are features too. Shared by the training script
 * (scripts/train-xling.ts) and the encoder (arabic-student.ts), so both see exactly the same
 * features. Pure: no I/O.
 */
import { normalizeText, stripArabicClitics, tokenize } from "../engine/normalize.ts";
import { stem } from "../engine/text.ts";

export interface FeatureConfig {
  /** Hash buckets (a power of two). */
  buckets: number;
  /** Weights of the feature groups before the whole vector is L2-normalised. */
  word: number;
  stem: number;
  bigram: number;
  char: number;
}

export interface SparseFeatures {
  idx: Int32Array;
  val: Float32Array;
}

/** FNV-1a, 32 bits, over UTF-16 code units (stable across platforms). */
function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** The tokens the student reads: normalised (letters folded, digits ASCII), Arabic clitics stripped. */
export function studentTokens(text: string): string[] {
  return tokenize(normalizeText(text))
    .map(stripArabicClitics)
    .filter((t) => t.length > 0);
}

export function studentFeatures(text: string, cfg: FeatureConfig): SparseFeatures {
  const toks = studentTokens(text);
  const acc = new Map<number, number>();
  const mask = cfg.buckets - 1;
  const add = (key: string, w: number) => {
    const b = hash(key) & mask;
    acc.set(b, (acc.get(b) ?? 0) + w);
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    add("w\u0001" + t, cfg.word);
    const s = stem(t);
    if (s !== t) add("s\u0001" + s, cfg.stem);
    if (i + 1 < toks.length) add("b\u0001" + t + " " + toks[i + 1], cfg.bigram);
    if (/^\d+$/.test(t)) continue; // a number is one feature, not its digit n-grams
    const w = ` ${t} `;
    for (let n = 3; n <= 5; n++) for (let j = 0; j + n <= w.length; j++) add("c\u0001" + w.slice(j, j + n), cfg.char);
  }
  // sublinear term frequency, then unit length: long sentences do not dominate
  const idx = new Int32Array(acc.size);
  const val = new Float32Array(acc.size);
  let k = 0,
    sq = 0;
  for (const [b, v] of [...acc.entries()].sort((x, y) => x[0] - y[0])) {
    const x = Math.sign(v) * Math.log1p(Math.abs(v));
    idx[k] = b;
    val[k] = x;
    sq += x * x;
    k++;
  }
  const norm = Math.sqrt(sq) || 1;
  for (let i = 0; i < val.length; i++) val[i] /= norm;
  return { idx, val };
}
