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
  const suggestion = (await claimEvidence(tx, before.claimId)).suggestions.get(before.id);
  const after = await tx.attribution.update({ where: { id: before.id }, data: { credibility: input.credibility } });
  await recordAudit(tx, actor, {
    action: "attribution.grade",
    entityType: "attribution",
    entityId: before.id,
    before: { credibility: before.credibility },
    after: {
      credibility: after.credibility,
      suggested: suggestion?.grade ?? null,
      suggestionReasons: suggestion?.reasons ?? [],
      accepted: suggestion?.grade === input.credibility,
      note: input.note,
    },
  });
  return after;
}
