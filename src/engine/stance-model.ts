/**
 * The stance model: two small logistic regressions over the features of stance-features.ts.
 *   stage 1: related vs unrelated (binary);
 *   stage 2: among related, asserted / denied / unverified (multinomial, class-weighted).
 * P(unrelated) = 1 - P(related); P(x) = P(related) * P(x | related) for the other labels.
 * Weights are trained by scripts/train-stance.ts and committed in models/stance.json.
 *
 * Pure: no web, database or file-system imports (the JSON is bundled by the module loader).
 */
import model from "../../models/stance.json" with { type: "json" };

export type RelatedLabel = "asserted" | "denied" | "unverified";

export interface StanceModel {
  version: number;
  featureNames: string[];
  mean: number[];
  std: number[];
  related: { w: number[]; b: number };
  stance: { labels: RelatedLabel[]; W: number[][]; b: number[] };
  /** Added to the stage-2 logits (selected by grouped cross-validation). */
  offsets?: number[];
  /**
   * Decision offsets for Arabic texts (more than half of the letters Arabic), which replace
   * `offsets` and add to the related logit: the Arabic training rows (official accounts'
   * tweets) and the English ones (news articles) calibrate differently. Selected by grouped
   * cross-validation like `offsets`.
   */
  arabicOffsets?: { related: number; stance: number[] };
  /** Whether short texts are read from their closest sentence (see shortTextWeight). */
  useShortTextRule?: boolean;
  meta?: Record<string, unknown>;
}

export const MODEL = model as unknown as StanceModel;

export function standardize(m: StanceModel, x: number[]): number[] {
  return x.map((v, i) => (v - m.mean[i]) / (m.std[i] || 1));
}

export function sigmoid(z: number): number {
  return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
}

export function softmax(z: number[]): number[] {
  const mx = Math.max(...z);
  const e = z.map((v) => Math.exp(v - mx));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((v) => v / s);
}

export function relatedLogit(m: StanceModel, xs: number[], arabic = false): number {
  let z = m.related.b + (arabic ? (m.arabicOffsets?.related ?? 0) : 0);
  for (let i = 0; i < xs.length; i++) z += m.related.w[i] * xs[i];
  return z;
}

export function stanceLogits(m: StanceModel, xs: number[], arabic = false): number[] {
  const off = arabic && m.arabicOffsets ? m.arabicOffsets.stance : m.offsets;
  return m.stance.W.map((row, k) => {
    let z = m.stance.b[k] + (off?.[k] ?? 0);
    for (let i = 0; i < xs.length; i++) z += row[i] * xs[i];
    return z;
  });
}

/** Per-feature contribution to a logit (for explanations). */
export function contributions(w: number[], xs: number[]): number[] {
  return xs.map((v, i) => v * w[i]);
}
