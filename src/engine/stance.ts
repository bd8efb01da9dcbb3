/**
 * Stance of a text towards a claim: does the text assert it, deny it, report it without
 * confirming (hedged / reported speech / anonymous sources), or is it unrelated?
 *
 * Two stages over explainable features (src/engine/stance-features.ts):
 *   1. related vs unrelated, from claim/text overlap (token, bigram, char-4-gram, lead, best
 *      sentence);
 *   2. among related: asserted / denied / unverified, from denial, negation, hedge, anonymous-
 *      source and confirmation cues (Arabic and English) in the sentences most similar to the
 *      claim, in the lead, and in the whole text.
 * The two logistic regressions are trained by scripts/train-stance.ts (weights in
 * models/stance.json). Every reason returned is a fact about the text (a cue and the sentence
 * it is in, an overlap value).
 *
 * Pure: no web, database or file-system imports.
 */
import { analyse, FEATURE_NAMES, isNegativeClaim, shortTextWeight, type PairAnalysis, type SentenceInfo } from "./stance-features.ts";
import { MODEL, relatedLogit, sigmoid, softmax, standardize, stanceLogits } from "./stance-model.ts";
import type { CueFamily } from "./stance-text.ts";

export type StanceLabel = "asserted" | "denied" | "unverified" | "unrelated";
export const STANCE_LABELS: StanceLabel[] = ["asserted", "denied", "unverified", "unrelated"];

export interface StanceResult {
  label: StanceLabel;
  /** Probability of the chosen label. */
  score: number;
  probs: Record<StanceLabel, number>;
  /** The sentence of the text the decision relied on, verbatim. */
  sentence?: string;
  /** Readable reasons, each true of the text. */
  reasons: string[];
}

if (MODEL.featureNames.join(",") !== FEATURE_NAMES.join(",")) {
  throw new Error("models/stance.json does not match the stance features; run scripts/train-stance.ts");
}

const FAMILY_NAME: Record<CueFamily, string> = {
  refute: "denial cue",
  refuteWeak: "doubt cue",
  negation: "negation",
  hedge: "hedge",
  modal: "modal hedge",
  anon: "anonymous-source cue",
  confirm: "confirmation cue",
  contrast: "contrast",
  speech: "reported speech",
  debunk: "rumour-debunk cue",
};

const SURFACE_RE = /[\p{L}\p{N}][\p{L}\p{N}\p{M}\u0640\u200C\u200D]*/gu;

/** The cue as written in the sentence (falls back to its normalised form). */
function surface(s: SentenceInfo, pos: number, cue: string): string {
  const words = s.text.match(SURFACE_RE) ?? [];
  if (words.length !== s.cue.length) return cue;
  const n = cue.split(" ").length;
  return words.slice(pos, pos + n).join(" ");
}

function clip(text: string, max = 160): string {
  return text.length <= max ? text : text.slice(0, max - 1).trimEnd() + "…";
}

/** The sentence carrying the most claim overlap among those with a cue of one of the families. */
function cueSentence(a: PairAnalysis, fams: CueFamily[]): { s: SentenceInfo; fam: CueFamily; cue: string } | null {
  const pools = [a.top, a.sentences.slice(0, 3), a.sentences];
  for (const pool of pools) {
    const ranked = [...pool].sort((x, y) => y.coverage - x.coverage || x.index - y.index);
    for (const fam of fams)
      for (const s of ranked) {
        const h = s.hits.find((h) => h.family === fam);
        if (h) return { s, fam, cue: surface(s, h.pos, h.cue) };
      }
  }
  return null;
}

function cueReason(c: { s: SentenceInfo; fam: CueFamily; cue: string }): string {
  return `${FAMILY_NAME[c.fam]} '${c.cue}' in: «${clip(c.s.text)}»`;
}

export function classifyStance(claim: string, text: string): StanceResult {
  const a = analyse(claim, text);
  if (a.claimStems.length === 0 || a.bodyTokens === 0) {
    const probs: Record<StanceLabel, number> = { asserted: 0, denied: 0, unverified: 0, unrelated: 1 };
    const what = a.claimStems.length === 0 ? "the claim has no content words" : "the text is empty";
    return { label: "unrelated", score: 1, probs, reasons: [`low overlap with the claim: 0.00 (${what})`] };
  }
  const xs = standardize(MODEL, a.features);
  const arabic = a.features[FEATURE_NAMES.indexOf("arabic")] > 0.5;
  const pRel = sigmoid(relatedLogit(MODEL, xs, arabic));
  // short texts (a statement, a wire line) are read from the sentence closest to the claim
  const w = MODEL.useShortTextRule === false ? 0 : shortTextWeight(a.bodyTokens, a.rule);
  const q = softmax(stanceLogits(MODEL, xs, arabic)).map((v, k) => (1 - w) * v + w * a.rule.probs[k]);
  const probs: Record<StanceLabel, number> = {
    asserted: pRel * q[0],
    denied: pRel * q[1],
    unverified: pRel * q[2],
    unrelated: 1 - pRel,
  };
  let label: StanceLabel = "unrelated";
  for (const l of STANCE_LABELS) if (probs[l] > probs[label]) label = l;

  const f = (name: string) => a.features[FEATURE_NAMES.indexOf(name)];
  const claimNegative = isNegativeClaim(claim, a.claimHits);
  const best = a.top[0];
  const reasons: string[] = [];
  let sentence: string | undefined = best?.text;

  const ruleHit = w >= 0.5 && a.rule.family && a.rule.sentence && a.rule.cue !== null;
  const overlap = `overlap with the claim: ${f("cov").toFixed(2)} of its words in the text, best sentence ${f("maxSentCov").toFixed(2)}`;
  if (label === "unrelated") {
    reasons.push(`low ${overlap}`);
  } else {
    reasons.push(overlap);
    const ruleLabel = (["asserted", "denied", "unverified"] as const)[a.rule.probs.indexOf(Math.max(...a.rule.probs))];
    if (ruleHit && ruleLabel === label) {
      const s = a.rule.sentence!;
      const pos = s.hits.find((h) => h.family === a.rule.family && h.cue === a.rule.cue)?.pos ?? 0;
      reasons.push(cueReason({ s, fam: a.rule.family!, cue: surface(s, pos, a.rule.cue!) }));
      sentence = s.text;
    } else if (label === "denied") {
      const c = cueSentence(a, ["refute", "debunk", "refuteWeak", "negation"]);
      const refutes = a.sentences.some((s) => s.hits.some((h) => h.family === "refute"));
      if (claimNegative && !refutes) {
        reasons.push("the claim is negative but the text carries no denial cue: it states what the claim denies");
      } else if (c) {
        reasons.push(cueReason(c));
        sentence = c.s.text;
      }
    } else if (label === "unverified") {
      const c = cueSentence(a, ["anon", "hedge", "modal"]);
      if (c) {
        reasons.push(cueReason(c));
        sentence = c.s.text;
      }
      if (f("topQuestion") > 0) reasons.push("the sentences closest to the claim ask a question");
    } else {
      const c = cueSentence(a, ["confirm"]);
      if (c) {
        reasons.push(cueReason(c));
        sentence = c.s.text;
      }
      const refuteNear = a.top.some((s) => s.hits.some((h) => h.family === "refute"));
      const hedgeNear = a.top.some((s) => s.hits.some((h) => h.family === "hedge" || h.family === "anon"));
      if (!refuteNear && !hedgeNear) reasons.push("no denial or hedge cue in the sentences closest to the claim");
    }
  }
  if (claimNegative) {
    const cues = [...new Set(a.claimHits.filter((h) => h.family === "refute" || h.family === "negation").map((h) => h.cue))];
    reasons.push(`the claim itself is negative ('${cues.join("', '")}')`);
  }
  return { label, score: probs[label], probs, sentence, reasons };
}
