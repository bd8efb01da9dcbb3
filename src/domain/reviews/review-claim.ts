import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { ForbiddenError, NotFoundError } from "../../errors.ts";
import { hasRole, type Actor } from "../actor.ts";
import { claimSnapshot } from "../claims/create-claim.ts";

export interface ReviewInput {
  claimId: number;
  status: "unreviewed" | "verified" | "disputed" | "unverifiable";
  /** Required: every verdict says why. */
  rationale: string;
}

/** A reviewer's verdict on a claim; the full history is kept as Review rows. */
export async function reviewClaim(tx: Tx, actor: Actor, input: ReviewInput) {
  if (!hasRole(actor, "reviewer")) throw new ForbiddenError("Only reviewers can set a verdict.");
  const before = await tx.claim.findUnique({ where: { id: input.claimId } });
  if (!before) throw new NotFoundError("The claim");
  const review = await tx.review.create({
    data: {
      claimId: input.claimId,
      reviewerId: actor.userId ?? 0,
      previousStatus: before.status,
      status: input.status,
      rationale: input.rationale.trim(),
    },
  });
  const after = await tx.claim.update({ where: { id: input.claimId }, data: { status: input.status } });
  await recordAudit(tx, actor, {
    action: "review.create",
    entityType: "claim",
    entityId: input.claimId,
    before: claimSnapshot(before),
    after: { ...claimSnapshot(after), review: { id: review.id, status: review.status, rationale: review.rationale } },
  });
  return review;
}
