/**
 * Related-claim cards and the stance suggestion as the claim page shows them: the engine's
 * reasons in plain words, its scores and stems behind a disclosure (presenters/reasons.ts).
 */
import type { claimLinks } from "../domain/matching/queries.ts";
import { plainReasons, strength } from "./reasons.ts";
import { reasonText } from "./reason-text.ts";

type Link = Awaited<ReturnType<typeof claimLinks>>[number];
type ClaimText = { text: string; translation: string };

const RELATIONS: Record<string, string> = {
  duplicate: "states the same",
  agree: "agrees",
  conflict: "contradicts",
  related: "related",
};

export function presentLink(l: Link, claim: ClaimText) {
  const texts = [claim.text, claim.translation, l.other.text, l.other.translation ?? ""];
  const why = plainReasons(l.reasons, texts);
  const found = plainReasons(l.foundBy, texts);
  return {
    ...l,
    details: l.details.map((d) => ({ ...d, reason: reasonText(d.reason) })),
    relationLabel: RELATIONS[l.relation] ?? l.relation,
    strength: strength(l.score),
    originLabel: l.origin === "engine" ? "found by the engine" : "recorded by an analyst",
    why: {
      plain: [...why.plain, ...found.plain.filter((r) => !why.plain.includes(r))],
      technical: [...why.technical, ...found.technical.map((r) => `found by: ${r}`), `score ${l.score}`],
    },
  };
}

export function presentStanceSuggestion<T extends { reasons: string[]; score: number; sentence: string | null }>(s: T, claim: ClaimText) {
  const why = plainReasons(s.reasons, [claim.text, claim.translation, s.sentence ?? ""]);
  return { ...s, why: { plain: why.plain, technical: [...why.technical, `score ${s.score}`] } };
}

/** A credibility suggestion with its reasons in the interface's language. */
export function presentCredibilitySuggestion<T extends { reasons: string[] }>(s: T | undefined): T | undefined {
  return s && { ...s, reasons: s.reasons.map((r) => reasonText(r)) };
}
