import { t } from "../../i18n/index.ts";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { pairEvidenceHash, pairSides } from "../conflicts/pair-conflicts.ts";
import { conflictSnapshot } from "../conflicts/snapshot.ts";
import { linkSnapshot, type LinkReasons } from "./suggest-links.ts";

export interface DecideLinkInput {
  linkId: number;
  decision: "confirm" | "dismiss";
  note: string;
}

/**
 * The analyst's decision on an engine suggestion. A confirmed contradiction (or a detail
 * mismatch between two accounts of one event) becomes a conflict in the conflict list, with
 * each claim's stances on its side; confirmed duplicates can then be merged (merge-claims.ts).
 */
export async function decideLink(tx: Tx, actor: Actor, input: DecideLinkInput) {
  const link = await tx.claimLink.findUnique({ where: { id: input.linkId } });
  if (!link) throw new NotFoundError("The suggestion");
  const status = input.decision === "confirm" ? "confirmed" : "dismissed";
  const after = await tx.claimLink.update({ where: { id: link.id }, data: { status, origin: link.origin } });
  await recordAudit(tx, actor, { action: "link.update", entityType: "link", entityId: link.id, before: linkSnapshot(link), after: { ...linkSnapshot(after), note: input.note } });
  if (status === "confirmed" && link.relation === "conflict") await openClaimConflict(tx, actor, link.fromId, link.toId, JSON.parse(link.reasons) as LinkReasons, link.score);
  return after;
}

export async function openClaimConflict(tx: Tx, actor: Actor, aId: number, bId: number, reasons: LinkReasons, score: number) {
  const kind = reasons.details?.length && reasons.probs?.agree > (reasons.probs?.conflict ?? 0) ? "detail" : "contradiction";
  const fingerprint = `${kind}:claims:${aId}:${bId}`;
  if (await tx.conflict.findUnique({ where: { fingerprint } })) throw new ConflictError(t("errors.conflictRecorded"));
  const sides = await pairSides(tx, aId, bId);
  const [sideA, sideB] = [sides.a.map((id) => ({ id })), sides.b.map((id) => ({ id }))];
  // A conflict sets sources against each other: with no source standing behind one of the two
  // claims (a claim only ever denied, say) there is nobody on that side, and an empty side is a
  // false report. The confirmed link stays; the conflict opens once both claims have support.
  if (!sideA.length || !sideB.length) return null;
  const detailText = (reasons.details ?? []).map((d) => `${d.reason}`).join("; ");
  const explanation =
    kind === "detail"
      ? `Two accounts of the same event disagree on a detail: ${detailText}.`
      : `The two claims contradict each other: ${(reasons.reasons ?? []).slice(0, 3).join("; ") || "confirmed by an analyst"}.`;
  const evidenceHash = pairEvidenceHash(sides);
  const created = await tx.conflict.create({
    data: {
      kind,
      fingerprint,
      evidenceHash,
      claimId: aId,
      otherClaimId: bId,
      score,
      explanation,
      details: JSON.stringify({ reasons: reasons.reasons ?? [], details: reasons.details ?? [] }),
      items: { create: [...sideA.map((a) => ({ attributionId: a.id, side: "a" })), ...sideB.map((a) => ({ attributionId: a.id, side: "b" }))] },
    },
  });
  await recordAudit(tx, actor, {
    action: "conflict.open",
    entityType: "conflict",
    entityId: created.id,
    after: conflictSnapshot(created, { a: sideA.map((a) => a.id), b: sideB.map((a) => a.id) }),
  });
  return created;
}
