/**
 * Suggested information credibility (Admiralty scale 1–6) for one attribution, from the
 * independent origins on the claim. The analyst accepts or overrides; the suggestion always
 * says why.
 *
 *   1 confirmed      — another independent origin graded A–B says the same, no A–C origin says otherwise
 *   2 probably true  — another independent origin (A–C) says the same, nobody says otherwise
 *   3 possibly true  — a single origin graded A–C, not contradicted
 *   4 doubtful       — contradicted, but not by an origin graded A–B
 *   5 improbable     — contradicted by an origin graded A–B and not confirmed by one
 *   6 cannot be judged — a single origin graded D–F or anonymous, nothing else to weigh
 * An "unverified" (hedged) report is never suggested better than 3.
 */
import type { Corroboration, Origin } from "./corroboration.ts";

export interface CredibilitySuggestion {
  grade: 1 | 2 | 3 | 4 | 5 | 6;
  reasons: string[];
}

const reliable = (o: Origin) => o.reliability === "A" || o.reliability === "B";
const fair = (o: Origin) => reliable(o) || o.reliability === "C";
const names = (os: Origin[]) => os.map((o) => `${o.label} (${o.reliability})`).join(", ");

export function suggestCredibility(c: Corroboration, attributionId: number, stance: "asserted" | "denied" | "unverified"): CredibilitySuggestion {
  const sameSide = stance === "denied" ? c.denied : c.asserted;
  const otherSide = stance === "denied" ? c.asserted : c.denied;
  const own = [...c.asserted, ...c.denied, ...c.unverified].find((o) => o.attributionIds.includes(attributionId));
  const others = sameSide.filter((o) => o.key !== own?.key);
  const against = otherSide.filter((o) => o.key !== own?.key);
  const reasons: string[] = [];
  let grade: CredibilitySuggestion["grade"];

  if (against.some(reliable) && !others.some(reliable)) {
    grade = 5;
    reasons.push(`contradicted by ${names(against.filter(reliable))}`);
  } else if (others.some(reliable) && !against.some(fair)) {
    grade = 1;
    reasons.push(`confirmed by ${others.filter(reliable).length} other independent reliable origin(s): ${names(others.filter(reliable))}`);
  } else if (others.some(fair) && against.length === 0) {
    grade = 2;
    reasons.push(`corroborated by ${names(others.filter(fair))}`);
  } else if (against.length > 0) {
    grade = 4;
    reasons.push(`contradicted by ${names(against)}`);
    if (others.length) reasons.push(`also supported by ${names(others)}`);
  } else if (own && fair(own) && own.key.startsWith("source:")) {
    grade = 3;
    reasons.push(`single origin ${own.label} graded ${own.reliability}, not contradicted`);
  } else {
    grade = 6;
    reasons.push(
      own?.key.startsWith("anonymous:")
        ? `rests only on ${own.label}`
        : `a single origin${own ? ` (${own.label}, ${own.reliability})` : ""} with nothing to weigh it against`,
    );
  }
  if (own && own.attributionIds.length > 1) reasons.push(`${own.attributionIds.length} copies of the same origin counted once`);
  if (stance === "unverified" && grade < 3) {
    grade = 3;
    reasons.push("the report itself is hedged (unverified), so at best possibly true");
  }
  return { grade, reasons };
}
