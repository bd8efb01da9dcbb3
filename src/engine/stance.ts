/**
 * Stance of a text towards a claim (first working version: keyword rules).
 * Pure: no web, database or file-system imports.
 */
import { keyTokens } from "./normalize.ts";

export type StanceLabel = "asserted" | "denied" | "unverified" | "unrelated";
export const STANCE_LABELS: StanceLabel[] = ["asserted", "denied", "unverified", "unrelated"];

export interface StanceResult {
  label: StanceLabel;
  score: number;
  probs: Record<StanceLabel, number>;
  sentence?: string;
  reasons: string[];
}

const DENY = /(نفى|ينفي|نفيا|نفت|لا صحة|عار عن الصحة|كذب|دحض|\bden(y|ied|ies)\b|\brefute|no truth|\bfalse\b|\bfake\b|\bhoax\b|\bdebunk)/i;
const HEDGE = /(مصادر|بحسب|وفق|نقلا عن|sources said|reportedly|allegedly|unconfirmed|\bclaims?\b|according to)/i;

function splitSentences(text: string): string[] {
  return text.split(/(?<=[.!?؟\n])\s+/).map((s) => s.trim()).filter(Boolean);
}

export function classifyStance(claim: string, text: string): StanceResult {
  const c = new Set(keyTokens(claim).filter((t) => t.length > 2));
  let best = "";
  let bestOv = 0;
  for (const s of splitSentences(text)) {
    const toks = new Set(keyTokens(s));
    let hit = 0;
    for (const t of c) if (toks.has(t)) hit++;
    const ov = c.size ? hit / c.size : 0;
    if (ov > bestOv) { bestOv = ov; best = s; }
  }
  const probs: Record<StanceLabel, number> = { asserted: 0.1, denied: 0.1, unverified: 0.1, unrelated: 0.7 };
  const reasons: string[] = [`overlap with the claim: ${bestOv.toFixed(2)}`];
  let label: StanceLabel = "unrelated";
  if (bestOv >= 0.25) {
    const norm = best.normalize("NFKC").replace(/[\u064B-\u065F\u0640]/g, "");
    if (DENY.test(norm)) label = "denied";
    else if (HEDGE.test(norm)) label = "unverified";
    else label = "asserted";
    for (const l of STANCE_LABELS) probs[l] = l === label ? 0.7 : 0.1;
  }
  return { label, score: probs[label], probs, sentence: best || undefined, reasons };
}
