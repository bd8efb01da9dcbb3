/**
 * Claim matching, string similarity between a query and a stored claim's keys: character
 * n-gram cosines, word-order overlap (LCS) and trigram cover, cached on the analysed query.
 * Part of src/engine/match.ts (used by the reranker's features).
 */
import { kindOf, type Analyzed } from "./match-text.ts";

export type QueryCache = Analyzed & {
  grams?: Set<string>;
  tfidfGrams?: { v: Map<string, number>; norm: number };
  seqGrams?: { v: Map<string, number>; norm: number };
  nameMass?: number;
};

/** Character n-grams (3–5) of one word key, with boundary marks. */
export function wordGrams(w: string, add: (g: string) => void): void {
  const s = ` ${w} `;
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= s.length; i++) add(s.slice(i, i + n));
}

/** Character 4-grams over the word keys joined by spaces (crossing word boundaries). */
export function seqGrams(words: string[]): Map<string, number> {
  const s = ` ${words.join(" ")} `;
  const v = new Map<string, number>();
  for (let i = 0; i + 4 <= s.length; i++) {
    const g = s.slice(i, i + 4);
    v.set(g, (v.get(g) ?? 0) + 1);
  }
  return v;
}

export function cosineOf(a: Map<string, number>, aNorm: number, b: Map<string, number>): number {
  let dot = 0,
    bSq = 0;
  for (const [g, w] of b) {
    bSq += w * w;
    const x = a.get(g);
    if (x) dot += x * w;
  }
  return aNorm > 0 && bSq > 0 ? dot / (aNorm * Math.sqrt(bSq)) : 0;
}

/** idf mass of the query's proper names (that are word keys). */
export function qNameMass(q: Analyzed, qWordIdf: Map<string, number>): number {
  const qc = q as QueryCache;
  if (qc.nameMass === undefined) {
    let m = 0;
    for (const k of q.names) m += qWordIdf.get(k) ?? 0;
    qc.nameMass = m;
  }
  return qc.nameMass;
}

export function charSeq(q: Analyzed, docKeys: string[]): number {
  const qc = q as QueryCache;
  if (!qc.seqGrams) {
    const v = seqGrams(q.words);
    let sq = 0;
    for (const w of v.values()) sq += w * w;
    qc.seqGrams = { v, norm: Math.sqrt(sq) };
  }
  return cosineOf(qc.seqGrams.v, qc.seqGrams.norm, seqGrams(docKeys.filter((k) => kindOf(k) === "u")));
}

/** Longest common subsequence of the query's words and the stored claim's word keys, over the claim's word count. */
export function lcsRatio(qWords: string[], docKeys: string[]): number {
  const d = docKeys.filter((k) => kindOf(k) === "u");
  if (!d.length || !qWords.length) return 0;
  let prev = new Int32Array(d.length + 1),
    cur = new Int32Array(d.length + 1);
  for (let i = 0; i < qWords.length; i++) {
    for (let j = 0; j < d.length; j++) cur[j + 1] = qWords[i] === d[j] ? prev[j] + 1 : Math.max(prev[j + 1], cur[j]);
    [prev, cur] = [cur, prev];
  }
  return prev[d.length] / d.length;
}

/** Share of the doc's word trigrams (over its unigram keys) present in the query's. */
export function charCover(q: Analyzed, docKeys: string[]): number {
  let qg = (q as Analyzed & { grams?: Set<string> }).grams;
  if (!qg) {
    qg = new Set<string>();
    for (const w of q.words) for (let i = 0; i + 3 <= w.length + 2; i++) qg.add(` ${w} `.slice(i, i + 3));
    (q as Analyzed & { grams?: Set<string> }).grams = qg;
  }
  let n = 0,
    hit = 0;
  for (const k of docKeys) {
    if (kindOf(k) !== "u") continue;
    const w = ` ${k} `;
    for (let i = 0; i + 3 <= w.length; i++) {
      n++;
      if (qg.has(w.slice(i, i + 3))) hit++;
    }
  }
  return n ? hit / n : 0;
}
