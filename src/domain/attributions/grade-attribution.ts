import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { claimEvidence } from "../claims/claim-evidence.ts";

export interface GradeInput {
  attributionId: number;
  /** The grade the analyst settles on (the suggestion, or an override). */
  credibility: number;
  /** Why; for an accepted suggestion, the engine's reasons are recorded too. */
  note: string;
}

/**
 * Set an attribution's information credibility, recording the suggestion it was weighed
 * against, whether it was accepted or overridden, and why.
 */
export async function gradeAttribution(tx: Tx, actor: Actor, input: GradeInput) {
  const before = await tx.attribution.findUnique({ where: { id: input.attributionId } });
  if (!before) throw new NotFoundError("The attribution");
  const after = await tx.attribution.update({ where: { id: before.id }, data: { credibility: input.credibility } });
  await recordGradeDecision(tx, actor, after, before.credibility, input.note);
  return after;
}

/**
 * The audit event of a grading decision (`attribution.grade`): the grade set, the engine's
 * suggestion and its reasons at that moment, whether the analyst accepted or overrode it, and
 * the analyst's note. Written by the grade action and by an attribution edit that changes the
 * grade, so an override is explained the same way whichever form made it.
 */
export async function recordGradeDecision(
  tx: Tx,
  actor: Actor,
  attribution: { id: number; claimId: number; credibility: number | null },
  previous: number | null,
  note: string,
) {
  const suggestion = (await claimEvidence(tx, attribution.claimId)).suggestions.get(attribution.id);
  await recordAudit(tx, actor, {
    action: "attribution.grade",
    entityType: "attribution",
    entityId: attribution.id,
    before: { credibility: previous },
    after: {
      credibility: attribution.credibility,
      suggested: suggestion?.grade ?? null,
      suggestionReasons: suggestion?.reasons ?? [],
      accepted: suggestion?.grade === attribution.credibility,
      note,
    },
  });
}
