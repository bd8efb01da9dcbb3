/**
 * Claim matching: an inverted index over stored claims that finds the ones stating the same
 * proposition as a new text — paraphrase, other spelling, other language.
 *
 * Retrieval is BM25 over four kinds of keys sharing one posting table: stemmed content words,
 * adjacent-word bigrams, entity ids (so "SDF" finds "قسد") and bilingual concept keys. Only the
 * posting lists of the query's keys are visited (sub-linear, never all-pairs). The top
 * candidates are then re-scored by a small learned model (models/match-rerank.json, trained by
 * scripts/train-match.ts: linear weights, optionally plus boosted shallow trees) over features
 * such as how much of the *stored* claim the query covers — tweets are long, fact-checked
 * claims short — fuzzy character n-gram similarity, word-order overlap, the rarest shared word,
 * and each candidate's standing relative to the best of its list. All per-candidate work is
 * done for the reranked top candidates only, never for the whole store.
 *
 * Meaning, not only words: when the query and candidates carry sentence vectors (an English
 * sentence encoder's, set by the caller — see src/encoder/), their cosine is one more feature
 * and a second model (models/match-rerank-dense.json, trained alongside) ranks the list.
 * "The SDF and the Iraqi army opened a joint border coordination centre" and "Kurdish-led
 * forces and Iraqi troops set up a shared command post on the frontier" share one word; their
 * vectors' cosine is 0.78, against 0.15 for an unrelated sentence (test/engine/dense.test.ts).
 * Without vectors (the encoder switched off) the lexical model ranks alone.
 *
 * Across languages: an Arabic text's vector comes from the Arabic student encoder, which
 * places it where the English encoder places its translation (src/encoder/arabic-student.ts).
 * Words cannot find an English claim for an Arabic query (or the reverse), so for an Arabic
 * query, and for claims in the other script than the query's, the nearest stored vectors are
 * added to the first-stage candidates (a brute-force int8 scan over the stored vectors), and,
 * when the list then holds a claim in the other language, a third model
 * (models/match-rerank-xling.json, fitted by scripts/train-xling-rerank.ts on held-out news
 * pairs) ranks it: the cosine, with the names, numbers, entities and cross-language concepts
 * the two texts share. English-to-English ranking is unchanged by any of this.
 */
import rerankModel from "../../models/match-rerank.json" with { type: "json" };
import denseRerankModel from "../../models/match-rerank-dense.json" with { type: "json" };
import xlingRerankModel from "../../models/match-rerank-xling.json" with { type: "json" };
import { cosineInt8, scriptOf, vectorNorm } from "./dense.ts";
import { VectorSigns } from "./vector-signs.ts";
import { defaultEntities, type EntityDictionary } from "./entities.ts";
import { analyzeForIndex, kindOf, MEDIA_WORDS, type Analyzed } from "./match-text.ts";
import { FEATURE_INDEX, LISTWISE, rerankScorer, type RerankModel } from "./match-rerank.ts";
import { charCover, charSeq, cosineOf, lcsRatio, qNameMass, wordGrams, type QueryCache } from "./match-similarity.ts";

// The public entry stays this module: text analysis, the reranker and string similarity live
// beside it (match-text.ts, match-rerank.ts, match-similarity.ts) and are re-exported here.
export { analyzeForIndex, cleanForMatch, monthYears, tweetAuthor } from "./match-text.ts";
export { RERANK_FEATURES, rerankScorer, type RerankModel } from "./match-rerank.ts";

export interface MatchResult {
  id: string;
  score: number;
  reasons: string[];
}

export interface ClaimIndexOptions {
  /** Entity dictionary (default: built-ins); pass one with Source aliases added. */
  entities?: EntityDictionary;
  k1?: number;
  b?: number;
  /** Weights of the key kinds in the first-stage score. */
  bigramWeight?: number;
  entityWeight?: number;
  conceptWeight?: number;
  /**
   * Keys found in more than this share of stored claims are not walked in the first stage
   * (they cannot separate candidates and dominate query cost); they still count in reranking
   * features and in reasons. Default 0.1.
   */
  maxDfRatio?: number;
  /** How many first-stage candidates the reranker sees (0 disables reranking). */
  rerankDepth?: number;
  /** Override the reranker (used by the training script and tests). */
  reranker?: RerankModel;
  /** Override the reranker used when sentence vectors are available. */
  denseReranker?: RerankModel;
  /** Override the reranker used when the query or a candidate is Arabic and vectors are available. */
  xlingReranker?: RerankModel;
  /** Nearest stored vectors added to the first stage for a query across languages (default 30). */
  denseRecall?: number;
  /**
   * Stored vectors up to which the nearest-vector scan is exact (default EXACT_SCAN_MAX); above
   * it, a sign-bit shortlist comes first (vector-signs.ts).
   */
  exactScanMax?: number;
}

/**
 * Up to this many stored vectors the nearest-vector scan computes every cosine (~0.6 µs each
 * here, so ~12 ms at 20,000); above it, the sign-bit shortlist of SHORTLIST_PER_RECALL × denseRecall
 * vectors is ranked exactly instead. Every evaluation set is below it.
 */
export const EXACT_SCAN_MAX = 20_000;
const SHORTLIST_PER_RECALL = 20;

/** Similarity at or above which two sentences' vectors are called "the same meaning" in reasons. */
export const SAME_MEANING_COSINE = 0.6;

/**
 * The similarity shown for an Arabic text's student vector against an English vector: the
 * student is trained to rank (its cosines with English vectors run lower than English–English
 * ones), so its cosine is mapped linearly onto the English encoder's scale, as fitted on held-out
 * news pairs (models/match-rerank-xling.json "calibration"): a translation reads about 0.8.
 */
export function crossLanguageSimilarity(cosine: number): number {
  const c = (xlingRerankModel as { calibration?: { alpha: number; beta: number } }).calibration;
  return c ? Math.max(-1, Math.min(1, c.alpha * cosine + c.beta)) : cosine;
}

/** A posting list in growable typed arrays (compact, fast to walk, little GC pressure). */
class Posting {
  docs = new Int32Array(4);
  tfs = new Uint16Array(4);
  length = 0;
  push(doc: number, tf: number): void {
    if (this.length === this.docs.length) {
      const d = new Int32Array(this.length * 2);
      d.set(this.docs);
      this.docs = d;
      const t = new Uint16Array(this.length * 2);
      t.set(this.tfs);
      this.tfs = t;
    }
    this.docs[this.length] = doc;
    this.tfs[this.length] = Math.min(tf, 65535);
    this.length++;
  }
}

export class ClaimIndex {
  private dict: EntityDictionary;
  private readonly k1: number;
  private readonly b: number;
  private readonly fieldWeight: Record<"u" | "b" | "e" | "c", number>;
  private rerankDepth: number;
  private readonly maxDfRatio: number;
  private readonly scorer: (feats: number[]) => number;
  private readonly denseScorer: (feats: number[]) => number;
  private readonly xlingScorer: (feats: number[]) => number;
  private readonly denseRecall: number;
  /** Script of each stored claim's text ("ar", "en" or "mixed": Arabic with an English translation). */
  private scripts: Array<"ar" | "en" | "mixed"> = [];

  private ids: string[] = [];
  private alive: boolean[] = [];
  private lengths: number[] = [];
  /** Unique keys per document (for features and reasons). */
  private docKeys: string[][] = [];
  private docEntities: Array<Map<string, string> | undefined> = [];
  private docDates: Array<Set<string> | undefined> = [];
  private docNames: Array<string[] | undefined> = [];
  /** Sentence vectors (int8) and their norms, when the caller has set them. */
  private vecs: Array<Int8Array | undefined> = [];
  private vecNorms: number[] = [];
  private signs = new VectorSigns();
  private vecCount = 0;
  private readonly exactScanMax: number;
  private byId = new Map<string, number>();
  private postings = new Map<string, Posting>();
  /** Resolver token key → documents whose text has it: which claims an alias change can affect. */
  private mentions = new Map<string, Posting>();
  private df = new Map<string, number>();
  private totalLength = 0;
  private liveCount = 0;
  private deadCount = 0;
  private scratch = new Float64Array(1024);
  private touchedBuf = new Int32Array(1024);
  private lengthsArr = new Float64Array(1024);

  constructor(opts: ClaimIndexOptions = {}) {
    this.dict = opts.entities ?? defaultEntities;
    this.k1 = opts.k1 ?? 1.2;
    this.b = opts.b ?? 0.75;
    this.fieldWeight = { u: 1, b: opts.bigramWeight ?? 0.3, e: opts.entityWeight ?? 1, c: opts.conceptWeight ?? 0.3 };
    this.rerankDepth = opts.rerankDepth ?? 30;
    this.maxDfRatio = opts.maxDfRatio ?? 0.1;
    this.scorer = rerankScorer(opts.reranker ?? (rerankModel as unknown as RerankModel));
    this.denseScorer = rerankScorer(opts.denseReranker ?? (denseRerankModel as unknown as RerankModel));
    this.xlingScorer = rerankScorer(opts.xlingReranker ?? (xlingRerankModel as unknown as RerankModel));
    this.denseRecall = opts.denseRecall ?? 30;
    this.exactScanMax = opts.exactScanMax ?? EXACT_SCAN_MAX;
  }

  get size(): number {
    return this.liveCount;
  }

  /**
   * Switch the entity dictionary without rebuilding: later adds and searches use it. Claims
   * already indexed keep the entity keys they were analysed with, so the caller re-adds those
   * whose text mentions an alias that changed (src/domain/matching/claim-index.ts does).
   */
  setEntities(dict: EntityDictionary): void {
    this.dict = dict;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Add (or replace) a claim. */
  add(id: string, text: string): void {
    if (this.byId.has(id)) this.remove(id);
    const a = analyzeForIndex(text, this.dict, true);
    const doc = this.ids.length;
    this.ids.push(id);
    this.alive.push(true);
    this.lengths.push(a.length);
    this.docKeys.push([...a.tf.keys()]);
    this.docEntities.push(a.entities.size ? a.entities : undefined);
    this.docDates.push(a.dates.size ? a.dates : undefined);
    this.docNames.push(a.names.size ? [...a.names] : undefined);
    this.vecs.push(undefined);
    this.vecNorms.push(0);
    this.scripts.push(scriptOf(text));
    this.byId.set(id, doc);
    for (const [key, f] of a.tf) {
      let p = this.postings.get(key);
      if (!p) this.postings.set(key, (p = new Posting()));
      p.push(doc, f);
      this.df.set(key, (this.df.get(key) ?? 0) + 1);
    }
    for (const key of a.mentionKeys) {
      let p = this.mentions.get(key);
      if (!p) this.mentions.set(key, (p = new Posting()));
      p.push(doc, 1);
    }
    this.totalLength += a.length;
    this.liveCount++;
    if (this.scratch.length < this.ids.length) {
      this.scratch = new Float64Array(this.scratch.length * 2);
      this.touchedBuf = new Int32Array(this.scratch.length);
      const l = new Float64Array(this.scratch.length);
      l.set(this.lengthsArr);
      this.lengthsArr = l;
    }
    this.lengthsArr[doc] = a.length;
  }

  /**
   * Attach a sentence vector to a stored claim (replacing any). It lasts until the claim is
   * removed or re-added, so a changed text never keeps its old vector.
   */
  setVector(id: string, v: Int8Array): void {
    const doc = this.byId.get(id);
    if (doc === undefined) return;
    if (!this.vecs[doc]) this.vecCount++;
    this.vecs[doc] = v;
    this.vecNorms[doc] = vectorNorm(v);
    this.signs.set(doc, v, this.scripts[doc] === "ar");
  }

  vectorOf(id: string): Int8Array | undefined {
    const doc = this.byId.get(id);
    return doc === undefined ? undefined : this.vecs[doc];
  }

  hasVector(id: string): boolean {
    return this.vectorOf(id) !== undefined;
  }

  /** Ids of the first-stage candidates the reranker would see (to give them vectors before a search). */
  candidateIds(text: string, opts: { exclude?: string } = {}): string[] {
    if (this.liveCount === 0) return [];
    return this.retrieve(text, this.rerankDepth, opts.exclude).top.map((c) => this.ids[c.doc]);
  }

  /** Remove a claim; postings are compacted lazily. */
  remove(id: string): boolean {
    const doc = this.byId.get(id);
    if (doc === undefined) return false;
    this.byId.delete(id);
    this.alive[doc] = false;
    for (const key of this.docKeys[doc]) {
      const d = (this.df.get(key) ?? 1) - 1;
      if (d <= 0) this.df.delete(key);
      else this.df.set(key, d);
    }
    this.totalLength -= this.lengths[doc];
    this.docKeys[doc] = [];
    this.docEntities[doc] = undefined;
    this.docDates[doc] = undefined;
    this.docNames[doc] = undefined;
    if (this.vecs[doc]) this.vecCount--;
    this.vecs[doc] = undefined;
    this.signs.clear(doc);
    this.liveCount--;
    this.deadCount++;
    if (this.deadCount > 1000 && this.deadCount > this.liveCount / 4) this.compact();
    return true;
  }

  private compact(): void {
    for (const table of [this.postings, this.mentions]) {
      for (const [key, p] of table) {
        const q = new Posting();
        for (let i = 0; i < p.length; i++) if (this.alive[p.docs[i]]) q.push(p.docs[i], p.tfs[i]);
        if (q.length) table.set(key, q);
        else table.delete(key);
      }
    }
    this.deadCount = 0;
  }

  /**
   * Ids of the stored claims whose text contains one of these entity lookup keys
   * (EntityDictionary.lookupKey of an alias): the only claims a change of those aliases can
   * resolve differently.
   */
  claimsMentioning(lookupKeys: Iterable<string>): string[] {
    const docs = new Set<number>();
    for (const key of lookupKeys) {
      const p = this.mentions.get(key);
      if (!p) continue;
      for (let i = 0; i < p.length; i++) if (this.alive[p.docs[i]]) docs.add(p.docs[i]);
    }
    return [...docs].sort((a, b) => a - b).map((d) => this.ids[d]);
  }

  /** idf of a key seen once. */
  private maxIdf(): number {
    const N = Math.max(1, this.liveCount);
    return Math.log(1 + (N - 0.5) / 1.5);
  }

  private idf(key: string): number {
    const df = this.df.get(key) ?? 0;
    const N = Math.max(1, this.liveCount);
    return Math.log(1 + (N - df + 0.5) / (df + 0.5));
  }

  /**
   * The k stored claims most likely to state the same proposition as `text`, best first, each
   * with reasons (shared entities, shared words).
   */
  search(text: string, k = 10, opts: { exclude?: string; vector?: Int8Array } = {}): MatchResult[] {
    if (this.liveCount === 0) return [];
    const { q, top, qIdf, qScript } = this.retrieveAll(text, Math.max(k, this.rerankDepth), opts.exclude, opts.vector);
    if (top.length === 0) return [];
    const { feats, dense } = this.candidateFeatures(q, qIdf, top, opts.vector);
    const xling = dense && this.crossesLanguage(qScript, top);
    const scorer = xling ? this.xlingScorer : dense ? this.denseScorer : this.scorer;
    const results = top.map((c, i) => ({ doc: c.doc, bm25: c.score, score: this.rerankDepth > 0 ? scorer(feats[i]) : c.score, feats: feats[i] }));
    if (this.rerankDepth > 0) results.sort((x, y) => y.score - x.score || x.doc - y.doc);
    return results.slice(0, k).map((r) => ({ id: this.ids[r.doc], score: round(r.score), reasons: this.reasons(q, r.doc, r.bm25, r.feats, dense, qScript) }));
  }

  /**
   * Feature vectors of the first-stage candidates (with the dense-recall ones, as search sees
   * them), in first-stage order, and whether the cross-language model would rank them — for
   * training the rerankers.
   */
  candidates(text: string, depth = 30, vector?: Int8Array): Array<{ id: string; feats: number[]; xling: boolean }> {
    if (this.liveCount === 0) return [];
    const { q, top, qIdf, qScript } = this.retrieveAll(text, depth, undefined, vector);
    if (top.length === 0) return [];
    const { feats, dense } = this.candidateFeatures(q, qIdf, top, vector);
    const xling = dense && this.crossesLanguage(qScript, top);
    return top.map((c, i) => ({ id: this.ids[c.doc], feats: feats[i], xling }));
  }

  /**
   * The cross-language model ranks a list that holds a claim in the other script than the
   * query's (an English claim for an Arabic query, an Arabic one for an English query). A list
   * of Arabic claims for an Arabic query is ranked by the dense model, as English lists are:
   * words and the cosine together.
   */
  private crossesLanguage(qScript: "ar" | "en" | "mixed", top: Array<{ doc: number }>): boolean {
    if (qScript === "mixed") return false;
    const other = qScript === "ar" ? "en" : "ar";
    return top.some((c) => this.scripts[c.doc] === other);
  }

  /** First stage: BM25, plus — for a query with a vector — the nearest vectors across languages (and, for an Arabic query, all). */
  private retrieveAll(text: string, depth: number, exclude?: string, vector?: Int8Array) {
    const r = this.retrieve(text, depth, exclude);
    const qScript = scriptOf(text);
    if (!vector || this.denseRecall <= 0) return { ...r, qScript };
    const excludeDoc = exclude !== undefined ? this.byId.get(exclude) : undefined;
    const have = new Set(r.top.map((c) => c.doc));
    const qNorm = vectorNorm(vector);
    if (qNorm === 0) return { ...r, qScript };
    const eligible = (d: number) => this.alive[d] && d !== excludeDoc && !have.has(d) && (qScript === "ar" || this.scripts[d] === "ar"); // English ↔ English stays lexical-first
    const scan =
      this.vecCount > this.exactScanMax && this.signs.usable
        ? this.signs.shortlist(vector, this.denseRecall * SHORTLIST_PER_RECALL + have.size + 1, qScript !== "ar")
        : null;
    const near: Array<{ doc: number; sim: number }> = [];
    let floor = -Infinity;
    const consider = (d: number) => {
      const v = this.vecs[d];
      if (!v || !eligible(d)) return;
      const sim = cosineInt8(vector, qNorm, v, this.vecNorms[d]);
      if (near.length >= this.denseRecall && sim <= floor) return;
      near.push({ doc: d, sim });
      if (near.length > this.denseRecall * 4) {
        near.sort((a, b) => b.sim - a.sim || a.doc - b.doc);
        near.length = this.denseRecall;
        floor = near[near.length - 1].sim;
      }
    };
    if (scan) for (const d of scan) consider(d);
    else for (let d = 0; d < this.vecs.length; d++) consider(d);
    near.sort((a, b) => b.sim - a.sim || a.doc - b.doc);
    const top = [...r.top, ...near.slice(0, this.denseRecall).map((n) => ({ doc: n.doc, score: 0 }))];
    return { ...r, top, qScript };
  }

  /** Analyse a query and take its `depth` best first-stage candidates (leaving out the claim `exclude`). */
  private retrieve(text: string, depth: number, exclude?: string) {
    const q = analyzeForIndex(text, this.dict);
    return { q, ...this.firstStage(q, depth, exclude !== undefined ? this.byId.get(exclude) : undefined) };
  }

  /** BM25 over the posting lists of the query's keys: the `depth` best documents, best first. */
  private firstStage(q: Analyzed, depth: number, excludeDoc: number | undefined): { top: Array<{ doc: number; score: number }>; qIdf: Map<string, number> } {
    const avgdl = this.totalLength / Math.max(1, this.liveCount);
    const scores = this.scratch;
    const touched = this.touchedBuf;
    const lengths = this.lengthsArr;
    const alive = this.alive;
    const checkAlive = this.deadCount > 0;
    let nTouched = 0;
    const { k1, b } = this;
    const qIdf = new Map<string, number>();
    for (const [key, qtf] of q.tf) {
      const p = this.postings.get(key);
      if (!p) continue;
      const idf = this.idf(key);
      qIdf.set(key, idf);
      const w = idf * this.fieldWeight[kindOf(key)] * (qtf > 1 ? 1 + Math.log(qtf) : 1);
      if (w <= 0.05) continue; // near-stopword: not worth walking its postings
      if ((this.df.get(key) ?? 0) > this.maxDfRatio * this.liveCount && this.liveCount > 1000) continue;
      const { docs, tfs, length } = p;
      const wk = w * (k1 + 1),
        c0 = k1 * (1 - b),
        c1 = (k1 * b) / avgdl;
      for (let i = 0; i < length; i++) {
        const d = docs[i];
        if (checkAlive && !alive[d]) continue;
        const f = tfs[i];
        if (scores[d] === 0) touched[nTouched++] = d;
        scores[d] += (wk * f) / (f + c0 + c1 * lengths[d]);
      }
    }
    const top = topK(touched, nTouched, scores, depth, excludeDoc);
    for (let i = 0; i < nTouched; i++) scores[touched[i]] = 0;
    return { top, qIdf };
  }

  /**
   * Reranker features of a first-stage list (per candidate, then the list-relative ones).
   * `dense` says whether sentence vectors were used: the query has one and so does at least
   * one candidate; a candidate without one gets the mean of the others' (neither helped nor
   * hurt relative to the list).
   */
  private candidateFeatures(
    q: Analyzed,
    qIdf: Map<string, number>,
    top: Array<{ doc: number; score: number }>,
    qVec?: Int8Array,
  ): { feats: number[][]; dense: boolean } {
    const best = top[0].score;
    const qWordIdf = new Map<string, number>();
    let qMass = 0;
    for (const key of q.tf.keys()) {
      if (kindOf(key) !== "u") continue;
      const idf = qIdf.get(key) ?? this.idf(key);
      qWordIdf.set(key, idf);
      qMass += idf;
    }
    const feats = top.map((c, rank) => this.features(q, qWordIdf, qMass, c.doc, c.score, best, rank, top[rank + 1]?.score ?? 0));
    let dense = false;
    if (qVec) {
      const qNorm = vectorNorm(qVec),
        fd = FEATURE_INDEX.dense;
      const sims = top.map((c) => {
        const v = this.vecs[c.doc];
        return v ? cosineInt8(qVec, qNorm, v, this.vecNorms[c.doc]) : undefined;
      });
      const known = sims.filter((s): s is number => s !== undefined);
      if (known.length && qNorm > 0) {
        dense = true;
        const mean = known.reduce((a, b) => a + b, 0) / known.length;
        sims.forEach((s, i) => (feats[i][fd] = s ?? mean));
      }
    }
    for (const [to, from] of LISTWISE) {
      const t = FEATURE_INDEX[to],
        f = FEATURE_INDEX[from];
      let max = -Infinity;
      for (const x of feats) if (x[f] > max) max = x[f];
      for (const x of feats) x[t] = x[f] - max;
    }
    return { feats, dense };
  }

  private features(q: Analyzed, qWordIdf: Map<string, number>, qMass: number, doc: number, score: number, best: number, rank: number, next: number): number[] {
    let qHit = 0,
      dMass = 0,
      dHit = 0,
      bigrams = 0,
      docBigrams = 0,
      concepts = 0,
      numShared = 0,
      numOnlyDoc = 0,
      dSq = 0,
      dot = 0;
    let maxShared = 0,
      secondShared = 0,
      maxMissing = 0,
      qNameHit = 0,
      rare = 0;
    const rareIdf = this.maxIdf() / 2;
    for (const key of this.docKeys[doc]) {
      const kind = kindOf(key);
      if (kind === "u") {
        const idf = this.idf(key);
        dMass += idf;
        dSq += idf * idf;
        if (q.tf.has(key)) {
          dot += idf * idf;
          dHit += idf;
          qHit += qWordIdf.get(key) ?? 0;
          if (idf > maxShared) {
            secondShared = maxShared;
            maxShared = idf;
          } else if (idf > secondShared) secondShared = idf;
          if (idf > rareIdf) rare++;
          if (q.names.has(key)) qNameHit += qWordIdf.get(key) ?? idf;
        } else if (idf > maxMissing) maxMissing = idf;
        if (/^\d/.test(key)) {
          if (q.tf.has(key)) numShared++;
          else numOnlyDoc++;
        }
      } else if (kind === "e") {
        // a shared entity is a shared word for the rarity features, whatever language names it
        if (q.tf.has(key)) {
          const idf = this.idf(key);
          if (idf > maxShared) {
            secondShared = maxShared;
            maxShared = idf;
          } else if (idf > secondShared) secondShared = idf;
          if (idf > rareIdf) rare++;
        }
      } else if (kind === "b") {
        docBigrams++;
        if (q.tf.has(key)) {
          bigrams++;
        }
      } else if (kind === "c" && q.tf.has(key)) concepts++;
    }
    const de = this.docEntities[doc];
    let entShared = 0,
      entOnlyDoc = 0;
    const dd = this.docDates[doc];
    const dn = this.docNames[doc];
    let nameHits = 0;
    if (dn) for (const k of dn) if (q.tf.has(k) || q.names.has(k)) nameHits++;
    let qSq = 0;
    for (const v of qWordIdf.values()) qSq += v * v;
    let authorHits = 0,
      docMedia = false;
    for (const key of this.docKeys[doc]) {
      if (q.author?.has(key)) authorHits = 1;
      if (MEDIA_WORDS.has(key)) docMedia = true;
    }
    if (de)
      for (const id of de.keys())
        if (q.entities.has(id)) entShared++;
        else entOnlyDoc++;
    return [
      1,
      best > 0 ? score / best : 0,
      Math.log1p(score),
      qMass > 0 ? qHit / qMass : 0,
      dMass > 0 ? dHit / dMass : 0,
      Math.log1p(bigrams),
      entShared,
      entOnlyDoc,
      numShared,
      numOnlyDoc,
      1 / (1 + rank),
      Math.log(this.lengths[doc]),
      Math.log1p(Math.max(0, dMass - dHit)),
      docBigrams ? bigrams / docBigrams : 0,
      Math.log1p(concepts),
      dd ? ([...dd].some((x) => !x.startsWith("y") && q.dates.has(x)) ? 1 : 0) : 0,
      dd ? ([...dd].some((x) => !x.startsWith("y") && !q.dates.has(x)) ? 1 : 0) : 0,
      authorHits,
      q.media && docMedia ? 1 : 0,
      !q.media && docMedia ? 1 : 0,
      dn ? nameHits / dn.length : 0,
      dn ? Math.log1p(dn.length - nameHits) : 0,
      qSq > 0 && dSq > 0 ? dot / Math.sqrt(qSq * dSq) : 0,
      charCover(q, this.docKeys[doc]),
      dd ? ([...dd].some((x) => x.startsWith("y") && q.dates.has(x)) ? 1 : 0) : 0,
      dd && [...dd].some((x) => x.startsWith("y")) && ![...dd].some((x) => x.startsWith("y") && q.dates.has(x)) ? 1 : 0,
      this.charTfidf(q, qWordIdf, doc),
      charSeq(q, this.docKeys[doc]),
      lcsRatio(q.words, this.docKeys[doc]),
      best > 0 ? (score - next) / best : 0,
      0, // list-relative features: filled by candidateFeatures
      0,
      0,
      0,
      qNameMass(q, qWordIdf) > 0 ? qNameHit / qNameMass(q, qWordIdf) : 0,
      maxShared / this.maxIdf(),
      maxMissing / this.maxIdf(),
      secondShared / this.maxIdf(),
      Math.log1p(rare),
      0, // dense, denseVsMax: filled by candidateFeatures when there are vectors
      0,
    ];
  }

  private charTfidf(q: Analyzed, qWordIdf: Map<string, number>, doc: number): number {
    const qc = q as QueryCache;
    if (!qc.tfidfGrams) {
      const v = new Map<string, number>();
      for (const [w, idf] of qWordIdf) wordGrams(w, (g) => v.set(g, (v.get(g) ?? 0) + idf));
      let sq = 0;
      for (const x of v.values()) sq += x * x;
      qc.tfidfGrams = { v, norm: Math.sqrt(sq) };
    }
    const dv = new Map<string, number>();
    for (const k of this.docKeys[doc]) {
      if (kindOf(k) !== "u") continue;
      const idf = this.idf(k);
      wordGrams(k, (g) => dv.set(g, (dv.get(g) ?? 0) + idf));
    }
    return cosineOf(qc.tfidfGrams.v, qc.tfidfGrams.norm, dv);
  }

  private reasons(q: Analyzed, doc: number, bm25: number, feats: number[], dense: boolean, qScript: "ar" | "en" | "mixed" = "en"): string[] {
    const out: string[] = [];
    const de = this.docEntities[doc];
    const shared = de ? [...de.entries()].filter(([id]) => q.entities.has(id)).map(([, l]) => l) : [];
    if (shared.length) out.push(`shared entities: ${shared.join(", ")}`);
    const words = this.docKeys[doc]
      .filter((k) => kindOf(k) === "u" && q.tf.has(k))
      .sort((x, y) => this.idf(y) - this.idf(x))
      .slice(0, 6);
    if (words.length) out.push(`shared words: ${words.join(", ")}`);
    const concepts = this.docKeys[doc].filter((k) => kindOf(k) === "c" && q.tf.has(k)).length;
    if (concepts && !words.length) out.push(`${concepts} shared concept(s) across languages`);
    if (bm25 > 0) out.push(`covers ${Math.round(feats[4] * 100)}% of the stored claim's key words (BM25 ${bm25.toFixed(2)})`);
    else out.push("found by meaning, not by shared words");
    if (dense && this.vecs[doc]) {
      const sim = feats[FEATURE_INDEX.dense];
      const ds = this.scripts[doc];
      const across = (qScript === "ar" && ds === "en") || (qScript === "en" && ds === "ar");
      const x = crossLanguageSimilarity(sim);
      if (across)
        out.unshift(
          x >= SAME_MEANING_COSINE ? `same meaning across languages, similarity ${x.toFixed(2)}` : `meaning similarity across languages ${x.toFixed(2)}`,
        );
      else if (qScript === "ar" || ds === "ar")
        out.unshift(
          sim >= SAME_MEANING_COSINE
            ? `same meaning in other words, similarity ${sim.toFixed(2)}`
            : `sentence meaning similarity ${sim.toFixed(2)} (Arabic sentence encoder)`,
        );
      else out.push(`sentence meaning similarity ${sim.toFixed(2)} (English sentence encoder)`);
    }
    return out;
  }
}

function round(x: number): number {
  return Math.round(x * 1e4) / 1e4;
}

/** Top-k by score with a small binary heap (ties: lower doc first, for determinism). */
function topK(docs: Int32Array, n: number, scores: Float64Array, k: number, exclude?: number): Array<{ doc: number; score: number }> {
  const heap: Array<{ doc: number; score: number }> = [];
  const worse = (x: { doc: number; score: number }, y: { doc: number; score: number }) => x.score < y.score || (x.score === y.score && x.doc > y.doc);
  for (let j = 0; j < n; j++) {
    const d = docs[j];
    if (d === exclude) continue;
    const sc = scores[d];
    if (heap.length >= k && (sc < heap[0].score || (sc === heap[0].score && d > heap[0].doc))) continue;
    const item = { doc: d, score: sc };
    if (heap.length < k) {
      heap.push(item);
      let i = heap.length - 1;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!worse(heap[i], heap[p])) break;
        [heap[i], heap[p]] = [heap[p], heap[i]];
        i = p;
      }
    } else if (worse(heap[0], item)) {
      heap[0] = item;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1,
          r = l + 1;
        let m = i;
        if (l < heap.length && worse(heap[l], heap[m])) m = l;
        if (r < heap.length && worse(heap[r], heap[m])) m = r;
        if (m === i) break;
        [heap[i], heap[m]] = [heap[m], heap[i]];
        i = m;
      }
    }
  }
  return heap.sort((x, y) => y.score - x.score || x.doc - y.doc);
}
