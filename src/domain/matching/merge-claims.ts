import { t } from "../../i18n/index.ts";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { claimSnapshot } from "../claims/create-claim.ts";
import { reanalyseClaim } from "../conflicts/reanalyse-claim.ts";

export interface MergeInput {
  /** The duplicate, which is retired. */
  fromId: number;
  /** The claim that keeps everything. */
  intoId: number;
  note: string;
}

/**
 * Merge a confirmed duplicate into another claim: its attributions move over (audited one
 * by one in the merge event), the duplicate is marked merged (never deleted, so its history
 * and reviews stay readable), and both claims are re-analysed. Merging is always an
 * analyst's decision; normalised matching never merges on its own.
 */
export async function mergeClaims(tx: Tx, actor: Actor, input: MergeInput) {
  if (input.fromId === input.intoId) throw new ConflictError(t("errors.mergeSelf"));
  const [from, into] = await Promise.all([tx.claim.findUnique({ where: { id: input.fromId } }), tx.claim.findUnique({ where: { id: input.intoId } })]);
  if (!from || !into) throw new NotFoundError("The claim");
  if (from.mergedIntoId != null || into.mergedIntoId != null) throw new ConflictError(t("errors.mergedAlready"));
  const moved = await tx.attribution.findMany({ where: { claimId: from.id }, select: { id: true } });
  await tx.attribution.updateMany({ where: { claimId: from.id }, data: { claimId: into.id } });
  const after = await tx.claim.update({ where: { id: from.id }, data: { mergedIntoId: into.id } });
  await tx.claim.update({ where: { id: into.id }, data: { updatedAt: new Date() } });
  await recordAudit(tx, actor, {
    action: "claim.merge",
    entityType: "claim",
    entityId: from.id,
    before: claimSnapshot(from),
    after: { ...claimSnapshot(after), movedAttributions: moved.map((m) => m.id), into: into.id, note: input.note },
  });
  await reanalyseClaim(tx, actor, from.id);
  await reanalyseClaim(tx, actor, into.id);
  return after;
}
