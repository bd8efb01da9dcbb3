import { t } from "../../i18n/index.ts";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { ForbiddenError, NotFoundError } from "../../errors.ts";
import { hasRole, type Actor } from "../actor.ts";
import { claimSnapshot } from "../claims/create-claim.ts";
import { getSetting } from "../settings/settings.ts";

export interface ReviewInput {
  claimId: number;
  status: "unreviewed" | "verified" | "disputed" | "unverifiable";
  /** Required: every verdict says why. */
  rationale: string;
}

/**
 * A reviewer's verdict on a claim; the full history is kept as Review rows. With the
 * two-person gate on (setting review.twoPerson), the verdict is recorded as pending and the
 * claim's status changes only when a second reviewer confirms it (confirm-review.ts).
 */
export async function reviewClaim(tx: Tx, actor: Actor, input: ReviewInput) {
  if (!hasRole(actor, "reviewer")) throw new ForbiddenError(t("claim.onlyReviewers"));
  const before = await tx.claim.findUnique({ where: { id: input.claimId } });
  if (!before) throw new NotFoundError("The claim");
  const gated = (await getSetting(tx, "review.twoPerson")) === "true";
  const review = await tx.review.create({
    data: {
      claimId: input.claimId,
      reviewerId: actor.userId ?? 0,
      previousStatus: before.status,
      status: input.status,
      rationale: input.rationale.trim(),
      state: gated ? "pending" : "final",
    },
  });
  const after = gated ? before : await tx.claim.update({ where: { id: input.claimId }, data: { status: input.status } });
  await recordAudit(tx, actor, {
    action: "review.create",
    entityType: "claim",
    entityId: input.claimId,
    before: claimSnapshot(before),
    after: { ...claimSnapshot(after), review: { id: review.id, status: review.status, rationale: review.rationale, state: review.state } },
  });
  return review;
}
