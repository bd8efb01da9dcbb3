/**
 * Stance conflicts on one claim, from its attributions. Pure: plain objects in, findings out.
 *
 * - stance:   one source asserts the claim and a *different* source denies it; or, when no one
 *             asserts it, a source reports it unconfirmed ("reportedly", "sources said") and a
 *             different source denies it — a denial answering a circulating report is the case
 *             analysts most need flagged, hedged or not (the founding example, with the
 *             announcement relayed through "sources", is still an SDF claim the army denies).
 * - reversal: one source asserted and later denied it (or the reverse), ordered by when stated.
 *
 * Each finding carries a fingerprint (its identity across re-analyses) and an evidence key
 * (what it rests on), so an analyst's decision survives re-analysis until the evidence changes.
 */
export type Stance = "asserted" | "denied" | "unverified";

export interface AttributionFact {
  id: number;
  sourceId: number;
  sourceName: string;
  stance: Stance;
  statedAt: Date | null;
  /** Fallback order when `statedAt` is unknown. */
  createdAt: Date;
}

export interface StanceFinding {
  kind: "stance" | "reversal";
  fingerprint: string;
  /** Sorted "id:stance" list; changes exactly when the evidence changes. */
  evidenceKey: string;
  sideA: number[];
  sideB: number[];
  score: number;
  explanation: string;
  details: { sideA: string[]; sideB: string[]; sourceId?: number };
}

function names(facts: AttributionFact[]): string[] {
  return [...new Set(facts.map((f) => f.sourceName))];
}

function list(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function evidenceKey(facts: AttributionFact[]): string {
  return facts
    .map((f) => `${f.id}:${f.sourceId}:${f.stance}`)
    .sort()
    .join(",");
}

function day(d: Date | null): string {
  return d ? d.toISOString().slice(0, 10) : "an unknown date";
}

function order(a: AttributionFact, b: AttributionFact): number {
  const ta = (a.statedAt ?? a.createdAt).getTime();
  const tb = (b.statedAt ?? b.createdAt).getTime();
  return ta - tb || a.id - b.id;
}

/** Whether some statement on one side comes from a source other than some on the other (one source is never in conflict with itself). */
function fromOthers(sideA: AttributionFact[], sideB: AttributionFact[]): boolean {
  return sideA.some((a) => sideB.some((b) => b.sourceId !== a.sourceId));
}

/** The claim's stance conflict between two sides, explained by who is on each. */
function stanceFinding(
  claimId: number,
  sideA: AttributionFact[],
  sideB: AttributionFact[],
  score: number,
  explain: (a: string, b: string) => string,
): StanceFinding {
  const [a, b] = [names(sideA), names(sideB)];
  return {
    kind: "stance",
    fingerprint: `stance:claim:${claimId}`,
    evidenceKey: evidenceKey([...sideA, ...sideB]),
    sideA: sideA.map((f) => f.id),
    sideB: sideB.map((f) => f.id),
    score,
    explanation: explain(list(a), list(b)),
    details: { sideA: a, sideB: b },
  };
}

export function analyseStances(claimId: number, facts: AttributionFact[]): StanceFinding[] {
  const findings: StanceFinding[] = [];
  const asserted = facts.filter((f) => f.stance === "asserted");
  const denied = facts.filter((f) => f.stance === "denied");
  const reported = facts.filter((f) => f.stance === "unverified");

  // Opposite stances from different sources. A source that both asserted and denied is a
  // reversal (below), not a conflict with itself.
  if (fromOthers(asserted, denied)) {
    findings.push(stanceFinding(claimId, asserted, denied, 1, (a, b) => `Opposite stances on the same claim: ${a} asserted it; ${b} denied it.`));
  } else if (fromOthers(reported, denied)) {
    // No one asserts it, but it was reported unconfirmed and someone else denies it: the report
    // and the denial are the two sides. With an assertion on file the assertion is side A as
    // before (its evidence key unchanged, so analysts' decisions on such conflicts stand).
    findings.push(stanceFinding(claimId, reported, denied, 0.8, (a, b) => `A report denied: ${a} reported it without confirming it; ${b} denied it.`));
  }

  // Reversals: a source whose successive statements flip between asserted and denied.
  const bySource = new Map<number, AttributionFact[]>();
  for (const f of facts) {
    if (f.stance === "unverified") continue;
    bySource.set(f.sourceId, [...(bySource.get(f.sourceId) ?? []), f]);
  }
  for (const [sourceId, own] of bySource) {
    const sorted = [...own].sort(order);
    for (let i = 1; i < sorted.length; i++) {
      const prev = sorted[i - 1];
      const cur = sorted[i];
      if (prev.stance === cur.stance) continue;
      findings.push({
        kind: "reversal",
        fingerprint: `reversal:claim:${claimId}:source:${sourceId}`,
        evidenceKey: evidenceKey(sorted),
        sideA: [prev.id],
        sideB: [cur.id],
        score: 0.9,
        explanation: `${cur.sourceName} reversed itself: it ${prev.stance} the claim on ${day(prev.statedAt)} and ${cur.stance} it on ${day(cur.statedAt)}.`,
        details: { sideA: [cur.sourceName], sideB: [cur.sourceName], sourceId },
      });
      break; // one reversal conflict per source; its evidence key covers all its statements
    }
  }
  return findings;
}
