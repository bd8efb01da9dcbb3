/**
 * Features of a (claim, text) pair for the stance classifier, with the evidence behind them
 * (which sentence matched the claim best, which cue words were found where) so that every
 * reason shown to an analyst is true of the text.
 *
 * Pure: no web, database or file-system imports.
 */
import { findCues, isVerdictCue, sentenceSpans, tokens, type CueFamily, type CueHit } from "./stance-text.ts";

export interface SentenceInfo {
  text: string;
  index: number;
  cue: string[];
  stems: string[];
  stemAt: string[];
  /** Fraction of the claim's content stems found in this sentence. */
  coverage: number;
  hits: CueHit[];
}

export interface PairAnalysis {
  claimStems: string[];
  claimHits: CueHit[];
  sentences: SentenceInfo[];
  /** Sentences most similar to the claim, best first. */
  top: SentenceInfo[];
  features: number[];
  /** Number of word tokens in the text. */
  bodyTokens: number;
  /**
   * Sentence-level reading for short texts (a statement, a wire line): the cue in the
   * sentence most similar to the claim decides. [asserted, denied, unverified] given related.
   */
  rule: {
    probs: number[];
    /** Whether the reading rests on something in the text or claim (else the model alone decides). */
    decisive: boolean;
    family: CueFamily | null;
    sentence: SentenceInfo | null;
    cue: string | null;
  };
}

/**
 * How much the sentence-level reading counts, by text length: texts of up to 40 tokens are
 * read sentence by sentence; from 80 tokens on (or when the closest sentences carry no cue) the
 * trained model alone decides.
 */
export function shortTextWeight(bodyTokens: number, rule?: PairAnalysis["rule"]): number {
  if (rule && !rule.decisive) return 0;
  return Math.max(0, Math.min(1, (80 - bodyTokens) / 40));
}

const FAMILIES: CueFamily[] = ["refute", "refuteWeak", "negation", "hedge", "modal", "anon", "confirm", "contrast", "debunk"];

export const FEATURE_NAMES: string[] = [
  // relatedness
  "cov",
  "covW",
  "covLead",
  "maxSentCov",
  "top2SentCov",
  "bigramCov",
  "char4Cov",
  "cosTf",
  "covRepeated",
  "claimLenLog",
  "bodyLenLog",
  "numMatch",
  "covSq",
  "maxSentCovSq",
  // the text's language (share of Arabic letters), alone and with overlap: an authority's tweet
  // and a news article relate to a claim at different overlap levels
  "arabic",
  "arabicCov",
  "arabicMaxSentCov",
  // a text that calls something false or answers a rumour is about some circulating claim: the
  // relatedness stage may lean on it (alone, and in Arabic, where official debunks are terse)
  "relVerdict",
  "relDebunk",
  "relArabicVerdict",
  "relArabicDebunk",
  // claim cues
  ...FAMILIES.map((f) => `claim_${f}`),
  "claimQuestion",
  // cues in the sentences most similar to the claim (weighted by similarity)
  ...FAMILIES.map((f) => `top_${f}`),
  // cues in the lead (first 3 sentences)
  ...FAMILIES.map((f) => `lead_${f}`),
  // cues in the whole body (log count, and rate per 100 tokens)
  ...FAMILIES.map((f) => `body_${f}`),
  ...FAMILIES.map((f) => `rate_${f}`),
  // negation close to claim words in top sentences; polarity mismatch; question marks; quotes
  "negNearClaim",
  "polarityMismatch",
  "bodyQuestion",
  "topQuestion",
  "topQuote",
  "refuteNearClaim",
  "hedgeNearClaim",
  // polarity of the claim crossed with denial in the text (a negative claim against a text
  // without denial is a contradiction; a positive claim against a denying text too)
  "claimNeg",
  "negClaimNoRefute",
  "negClaimRefute",
  "posClaimRefute",
  "posClaimTopRefute",
  "refuteMinusConfirm",
  "refuteAny",
  "claimUncertain",
  "certainPosClaimRefute",
  "uncertainClaimRefute",
  // the sentence-level reading (see sentenceRule) as evidence for longer texts too
  "ruleAsserted",
  "ruleDenied",
  "ruleUnverified",
  // the same in Arabic texts, and the writer's own verdict / rumour framing near the claim
  "arabicRuleAsserted",
  "arabicRuleDenied",
  "arabicRuleUnverified",
  "verdictAny",
  "debunkLead",
];

const LEAD = 3;
const TOP = 3;

function bigrams(stems: string[]): Set<string> {
  const s = new Set<string>();
  for (let i = 0; i + 1 < stems.length; i++) s.add(stems[i] + " " + stems[i + 1]);
  return s;
}

function char4(stems: Iterable<string>): Set<string> {
  const s = new Set<string>();
  for (const w of stems) {
    const p = ` ${w} `;
    if (p.length <= 4) s.add(p);
    else for (let i = 0; i + 4 <= p.length; i++) s.add(p.slice(i, i + 4));
  }
  return s;
}

function coverage(claimSet: Set<string>, stems: string[]): number {
  if (!claimSet.size) return 0;
  const seen = new Set<string>();
  for (const s of stems) if (claimSet.has(s)) seen.add(s);
  return seen.size / claimSet.size;
}

const lg = (x: number) => Math.log1p(x);

export function analyse(claim: string, text: string): PairAnalysis {
  const ct = tokens(claim);
  const claimStems = ct.stems;
  const claimSet = new Set(claimStems);
  const claimHits = findCues(ct.cue);

  const spans = sentenceSpans(text);
  const sentences: SentenceInfo[] = spans.map((sp, index) => {
    const t = tokens(sp.text);
    return { text: sp.text, index, cue: t.cue, stems: t.stems, stemAt: t.stemAt, coverage: coverage(claimSet, t.stems), hits: findCues(t.cue) };
  });

  // body-level token statistics
  const tf = new Map<string, number>();
  let bodyTokens = 0;
  for (const s of sentences) {
    bodyTokens += s.cue.length;
    for (const w of s.stems) tf.set(w, (tf.get(w) ?? 0) + 1);
  }

  const ranked = [...sentences].sort((a, b) => b.coverage - a.coverage || a.index - b.index);
  const top = ranked.slice(0, TOP).filter((s) => s.coverage > 0);
  const lead = sentences.slice(0, LEAD);

  // --- relatedness
  const n = claimSet.size || 1;
  let found = 0;
  let foundW = 0;
  let totalW = 0;
  let repeated = 0;
  for (const w of claimSet) {
    // rarer-looking words (longer, or containing digits) weigh more
    const weight = Math.min(3, 0.5 + w.length / 4) * (/\d/.test(w) ? 1.5 : 1);
    totalW += weight;
    const c = tf.get(w) ?? 0;
    if (c > 0) {
      found++;
      foundW += weight;
    }
    if (c > 1) repeated++;
  }
  const cov = found / n;
  const covW = totalW ? foundW / totalW : 0;
  const leadStems = lead.flatMap((s) => s.stems);
  const covLead = coverage(claimSet, leadStems);
  const maxSentCov = ranked.length ? ranked[0].coverage : 0;
  const top2SentCov = ranked.length ? (ranked[0].coverage + (ranked[1]?.coverage ?? 0)) / 2 : 0;

  const cb = bigrams(claimStems);
  let bHit = 0;
  if (cb.size) {
    const bodyB = new Set<string>();
    for (const s of sentences) for (const b of bigrams(s.stems)) bodyB.add(b);
    for (const b of cb) if (bodyB.has(b)) bHit++;
  }
  const bigramCov = cb.size ? bHit / cb.size : 0;

  const cc = char4(claimSet);
  const bc = char4(tf.keys());
  let c4 = 0;
  for (const g of cc) if (bc.has(g)) c4++;
  const char4Cov = cc.size ? c4 / cc.size : 0;

  // cosine of log-tf vectors (claim vs body)
  let dot = 0;
  let nb = 0;
  for (const [, c] of tf) nb += (1 + Math.log(c)) ** 2;
  for (const w of claimSet) {
    const c = tf.get(w);
    if (c) dot += 1 + Math.log(c);
  }
  const cosTf = nb && claimSet.size ? dot / Math.sqrt(nb * claimSet.size) : 0;

  const claimNums = claimStems.filter((w) => /\d/.test(w));
  const numMatch = claimNums.length ? claimNums.filter((w) => tf.has(w)).length / claimNums.length : 0.5;

  // --- cues
  const famCount = (hits: CueHit[], f: CueFamily) => hits.reduce((a, h) => a + (h.family === f ? 1 : 0), 0);
  const claimCue = FAMILIES.map((f) => Math.min(1, famCount(claimHits, f)));
  const claimQuestion = /[?؟]/.test(claim) ? 1 : 0;

  const topCue = FAMILIES.map((f) => {
    let v = 0;
    for (const s of top) v += s.coverage * Math.min(2, famCount(s.hits, f));
    return v;
  });
  const leadCue = FAMILIES.map((f) => lg(lead.reduce((a, s) => a + famCount(s.hits, f), 0)));
  const bodyCounts = FAMILIES.map((f) => sentences.reduce((a, s) => a + famCount(s.hits, f), 0));
  const bodyCue = bodyCounts.map(lg);
  const rateCue = bodyCounts.map((c) => Math.min(5, (100 * c) / Math.max(20, bodyTokens)));

  // cue within a few tokens of a claim word, in the top sentences
  const near = (fam: CueFamily, win: number) => {
    let v = 0;
    for (const s of top) {
      const claimPos: number[] = [];
      s.stemAt.forEach((w, i) => {
        if (w && claimSet.has(w)) claimPos.push(i);
      });
      for (const h of s.hits) {
        if (h.family !== fam) continue;
        if (claimPos.some((p) => Math.abs(p - h.pos) <= win)) {
          v += s.coverage;
          break;
        }
      }
    }
    return v;
  };
  const negNearClaim = near("negation", 4);
  const refuteNearClaim = near("refute", 8);
  const hedgeNearClaim = near("hedge", 8);
  const claimNeg = isNegativeClaim(claim, claimHits) ? 1 : 0;
  const topNeg = top.length && top[0].hits.some((h) => h.family === "negation" || h.family === "refute") ? 1 : 0;
  const polarityMismatch = claimNeg !== topNeg ? 1 : 0;
  const bodyQuestion = lg(sentences.filter((s) => /[?؟]\W*$/.test(s.text)).length);
  const topQuestion = top.some((s) => /[?؟]/.test(s.text)) ? 1 : 0;
  const topQuote = top.some((s) => /["“”«»]/.test(s.text)) ? 1 : 0;

  const refuteCount = bodyCounts[0];
  const strongClaimNeg = claimNeg;
  const topRefute = topCue[0];
  const claimUncertain = claimQuestion || claimHits.some((h) => h.family === "hedge" || h.family === "modal") ? 1 : 0;
  const letters = text.match(/\p{L}/gu)?.length ?? 0;
  const arabic = letters ? (text.match(/[\u0621-\u064A]/g)?.length ?? 0) / letters : 0;
  const verdictAny = sentences.some((s) => s.hits.some((h) => h.family === "refute" && isVerdictCue(h.cue))) ? 1 : 0;
  const debunkAny = sentences.some((s) => s.hits.some((h) => h.family === "debunk")) ? 1 : 0;
  const debunkLead = lead.some((s) => s.hits.some((h) => h.family === "debunk")) ? 1 : 0;
  const rule = sentenceRule(claimSet, claimHits, top, claimQuestion === 1, claimNeg === 1, sentences.slice(0, 2));
  const features = [
    cov,
    covW,
    covLead,
    maxSentCov,
    top2SentCov,
    bigramCov,
    char4Cov,
    cosTf,
    repeated / n,
    lg(claimSet.size),
    lg(bodyTokens),
    numMatch,
    cov * cov,
    maxSentCov * maxSentCov,
    arabic,
    arabic * cov,
    arabic * maxSentCov,
    verdictAny,
    debunkAny,
    arabic * verdictAny,
    arabic * debunkAny,
    ...claimCue,
    claimQuestion,
    ...topCue,
    ...leadCue,
    ...bodyCue,
    ...rateCue,
    negNearClaim,
    polarityMismatch,
    bodyQuestion,
    topQuestion,
    topQuote,
    refuteNearClaim,
    hedgeNearClaim,
    strongClaimNeg,
    strongClaimNeg * (refuteCount === 0 ? 1 : 0),
    strongClaimNeg * lg(refuteCount),
    (1 - strongClaimNeg) * lg(refuteCount),
    (1 - strongClaimNeg) * topRefute,
    lg(refuteCount) - lg(bodyCounts[6]),
    refuteCount > 0 ? 1 : 0,
    claimUncertain,
    (1 - strongClaimNeg) * (1 - claimUncertain) * lg(refuteCount),
    claimUncertain * lg(refuteCount),
    ...rule.probs,
    ...rule.probs.map((p) => arabic * p),
    verdictAny,
    debunkLead,
  ];
  return { claimStems, claimHits, sentences, top, features, bodyTokens, rule };
}

/**
 * The sentence-level reading: among the sentences sharing the most words with the claim, a
 * denial cue (or a negation next to the claim's words) → denied, unless the claim is itself
 * negative (then the text agrees with it); a hedge or anonymous source → unverified; otherwise
 * asserted (more firmly with an announcement / confirmation cue).
 */
/**
 * Whether the claim is itself negative: a denial cue ("X denies Y", "… is a hoax"), or a
 * negation ("not", "never", "لم", "ليس"). A bare English "no" counts only as the answer "No, …"
 * ("no joke", "no-show fee" are not negations of the claim).
 */
export function isNegativeClaim(claim: string, claimHits: CueHit[]): boolean {
  return claimHits.some((h) => h.family === "refute" || (h.family === "negation" && h.cue !== "no")) || /(^|[^\p{L}])no\s*,/iu.test(claim);
}

function sentenceRule(
  claimSet: Set<string>,
  claimHits: CueHit[],
  top: SentenceInfo[],
  claimQuestion: boolean,
  negative: boolean,
  lead: SentenceInfo[] = [],
): PairAnalysis["rule"] {
  const best = top[0];
  if (!best) return { probs: [1 / 3, 1 / 3, 1 / 3], decisive: false, family: null, sentence: null, cue: null };
  const cands = top.filter((s) => s.coverage >= 0.6 * best.coverage);
  const claimNegative = negative;
  // a claim that is itself a report or a question ("Report: …", "may", "?") is not denied by a
  // denial of the reported fact — the text then discusses it
  const claimUncertain = claimQuestion || claimHits.some((h) => h.family === "hedge" || h.family === "modal" || h.family === "anon");
  const find = (fams: CueFamily[], nearOnly = false) => {
    for (const s of cands)
      for (const h of s.hits) {
        if (!fams.includes(h.family)) continue;
        if (nearOnly) {
          const near = s.stemAt.some((w, i) => w && claimSet.has(w) && Math.abs(i - h.pos) <= 4 && i > h.pos);
          if (!near) continue;
        }
        return { s, h };
      }
    return null;
  };
  const denial = find(["refute"]) ?? find(["negation"], true);
  // rumour framing by the writer ("حقيقة ما يتم تداوله", "تنويه", "شائعة"), in the sentences
  // closest to the claim or in the opening of the text (an official debunk opens with it)
  let debunk = find(["debunk"]);
  if (!debunk)
    for (const s of lead) {
      const h = s.hits.find((x) => x.family === "debunk");
      if (h) {
        debunk = { s, h };
        break;
      }
    }
  if (denial) {
    // the writer's own verdict ("لا صحة", "خبر كاذب", "fake") or a debunk framing denies even a
    // rumour that was itself hedged ("أنباء عن …"); a denial merely reported of someone else
    // against a hedged claim is discussion
    const authored = debunk !== null || (denial.h.family === "refute" && isVerdictCue(denial.h.cue));
    const probs = claimNegative ? [0.7, 0.15, 0.15] : claimUncertain && !authored ? [0.1, 0.35, 0.55] : [0.1, 0.8, 0.1];
    return { probs, decisive: true, family: denial.h.family, sentence: denial.s, cue: denial.h.cue };
  }
  if (debunk) {
    const probs = claimNegative ? [0.6, 0.2, 0.2] : [0.15, 0.65, 0.2];
    return { probs, decisive: true, family: "debunk", sentence: debunk.s, cue: debunk.h.cue };
  }
  const hedge = find(["anon", "hedge"]) ?? find(["modal"]);
  if (hedge) return { probs: [0.15, 0.05, 0.8], decisive: true, family: hedge.h.family, sentence: hedge.s, cue: hedge.h.cue };
  // a negative claim ("X did not …") against a plain statement of X: the text contradicts it
  if (claimNegative && !claimUncertain) return { probs: [0.2, 0.6, 0.2], decisive: true, family: null, sentence: best, cue: null };
  const conf = find(["confirm"]);
  if (conf) return { probs: [0.85, 0.05, 0.1], decisive: true, family: "confirm", sentence: conf.s, cue: conf.h.cue };
  return { probs: [0.6, 0.1, 0.3], decisive: false, family: null, sentence: best, cue: null };
}
