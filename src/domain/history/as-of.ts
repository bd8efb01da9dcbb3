/**
 * "As of" view: a claim, its stances and its conflicts as they stood at a past moment,
 * rebuilt from the audit trail alone (the tables hold only the present). Every change is in
 * the trail with its after-state, so folding the events up to that moment gives the state.
 * Source names and document titles are today's (they are looked up, not rebuilt).
 */
import type { Tx } from "../../db/client.ts";
import { claimTrail } from "./claim-trail.ts";

type Snap = Record<string, unknown>;

export interface ClaimAsOf {
  at: Date;
  existed: boolean;
  claim: Snap | null;
  attributions: Snap[];
  conflicts: Snap[];
  reviews: Snap[];
  /** Number of events folded. */
  events: number;
}

function parse(json: string): Snap | null {
  const v = JSON.parse(json) as unknown;
  return v && typeof v === "object" ? (v as Snap) : null;
}

export async function claimAsOf(tx: Tx, claimId: number, at: Date): Promise<ClaimAsOf> {
  const { claimEvents, attributionEvents, gradeEvents, conflictEvents } = await claimTrail(tx, claimId, at);

  let claim: Snap | null = null;
  const reviews: Snap[] = [];
  for (const e of claimEvents) {
    const after = parse(e.after);
    if (!after) continue;
    const { review, ...rest } = after as Snap & { review?: Snap };
    claim = rest;
    if (review && e.action === "review.create") reviews.push({ ...review, by: e.actorName, at: e.ts });
    if (review && e.action === "review.confirm") reviews.push({ ...review, by: e.actorName, at: e.ts, confirmation: true });
  }

  const attributions = new Map<string, Snap>();
  const all = [...attributionEvents, ...gradeEvents].sort((a, b) => a.seq - b.seq);
  for (const e of all) {
    if (e.action === "attribution.delete") {
      attributions.delete(e.entityId);
    } else if (e.action === "attribution.grade") {
      const cur = attributions.get(e.entityId);
      const after = parse(e.after);
      if (cur && after) attributions.set(e.entityId, { ...cur, credibility: after.credibility });
    } else {
      const after = parse(e.after);
      if (after) attributions.set(e.entityId, after);
    }
  }

  const conflicts = new Map<string, Snap>();
  for (const e of conflictEvents) {
    const after = parse(e.after);
    if (after) conflicts.set(e.entityId, after);
  }

  return {
    at,
    existed: claim !== null,
    claim,
    attributions: [...attributions.values()],
    conflicts: [...conflicts.values()],
    reviews,
    events: claimEvents.length + all.length + conflictEvents.length,
  };
}
