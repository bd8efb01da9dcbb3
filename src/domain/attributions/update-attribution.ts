import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { reanalyseClaim } from "../conflicts/reanalyse-claim.ts";
import { recordGradeDecision } from "./grade-attribution.ts";
import { attributionData, attributionSnapshot, checkReferences, type AttributionInput } from "./record-attribution.ts";

/**
 * Change an attribution (e.g. its stance) and re-analyse the claim. A changed grade is also
 * recorded as a grading decision: the suggestion, accepted or overridden, and the analyst's
 * "why" from `credibilityNote`.
 */
export async function updateAttribution(tx: Tx, actor: Actor, id: number, input: Omit<AttributionInput, "claimId">) {
  const before = await tx.attribution.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("The attribution");
  await checkReferences(tx, input);
  const after = await tx.attribution.update({
    where: { id },
    data: attributionData(input),
  });
  await recordAudit(tx, actor, {
    action: "attribution.update",
    entityType: "attribution",
    entityId: id,
    before: attributionSnapshot(before),
    after: attributionSnapshot(after),
  });
  if (after.credibility !== null && after.credibility !== before.credibility) {
    await recordGradeDecision(tx, actor, after, before.credibility, input.credibilityNote ?? "");
  }
  await reanalyseClaim(tx, actor, before.claimId);
  return after;
}

/** Remove an attribution (recorded with its full content in the trail) and re-analyse. */
export async function deleteAttribution(tx: Tx, actor: Actor, id: number) {
  const before = await tx.attribution.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("The attribution");
  await tx.attribution.delete({ where: { id } });
  await recordAudit(tx, actor, { action: "attribution.delete", entityType: "attribution", entityId: id, before: attributionSnapshot(before) });
  await reanalyseClaim(tx, actor, before.claimId);
  return before;
}
