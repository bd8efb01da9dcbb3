import { t } from "../../i18n/index.ts";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { ConflictError, ForbiddenError, NotFoundError } from "../../errors.ts";
import { hasRole, type Actor } from "../actor.ts";
import { claimSnapshot } from "../claims/create-claim.ts";

export interface ConfirmInput {
  reviewId: number;
  approve: boolean;
  note: string;
}

/** The second reviewer confirms (the verdict then counts) or rejects a pending verdict. */
export async function confirmReview(tx: Tx, actor: Actor, input: ConfirmInput) {
  if (!hasRole(actor, "reviewer")) throw new ForbiddenError(t("errors.onlyReviewersConfirm"));
  const review = await tx.review.findUnique({ where: { id: input.reviewId } });
  if (!review) throw new NotFoundError("The verdict");
  if (review.state !== "pending") throw new ConflictError(t("errors.notPending"));
  if (review.reviewerId === actor.userId) throw new ForbiddenError(t("errors.secondReviewer"));
  const before = await tx.claim.findUniqueOrThrow({ where: { id: review.claimId } });
  const updated = await tx.review.update({
    where: { id: review.id },
    data: { state: input.approve ? "confirmed" : "rejected", confirmedById: actor.userId, confirmedAt: new Date(), confirmNote: input.note.trim() },
  });
  const after = input.approve ? await tx.claim.update({ where: { id: review.claimId }, data: { status: review.status } }) : before;
  await recordAudit(tx, actor, {
    action: "review.confirm",
    entityType: "claim",
    entityId: review.claimId,
    before: claimSnapshot(before),
    after: { ...claimSnapshot(after), review: { id: review.id, status: review.status, state: updated.state, note: updated.confirmNote } },
  });
  return updated;
}
