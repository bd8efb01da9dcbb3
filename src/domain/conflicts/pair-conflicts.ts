/**
 * Conflicts between two claims (a confirmed contradiction or detail mismatch). openClaimConflict
 * opens one when an analyst confirms the link (decide-link.ts, link-claims.ts); after that it
 * follows its evidence, as stance conflicts do: refreshPairConflicts runs from reanalyseClaim
 * whenever a claim's attributions change, inside the same transaction:
 * - a confirmed conflict link whose conflict never opened (one claim had nobody behind it when
 *   the analyst confirmed it) opens once both claims have a source asserting them;
 * - an open conflict's sides take in a new supporting source, or drop a removed one;
 * - a side left empty resolves the conflict (inactive), and it comes back when support returns.
 * The analyst's status survives like a stance conflict's: unchanged evidence never touches it.
 */
import { createHash } from "node:crypto";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { ConflictError } from "../../errors.ts";
import { t } from "../../i18n/index.ts";
import type { Actor } from "../actor.ts";
import type { LinkReasons } from "../matching/suggest-links.ts";
import { retireConflict } from "./retire-conflict.ts";
import { conflictSnapshot, sidesOf, type Sides } from "./snapshot.ts";

const AUTO_RESOLVED = "Resolved automatically: one of the two claims no longer has a source asserting it.";

/** Who stands behind each claim: the attributions asserting it (or reporting it unverified). */
export async function pairSides(tx: Tx, aId: number, bId: number): Promise<Sides> {
  const [a, b] = await Promise.all(
    [aId, bId].map((id) =>
      tx.attribution.findMany({ where: { claimId: id, stance: { in: ["asserted", "unverified"] } }, select: { id: true }, orderBy: { id: "asc" } }),
    ),
  );
  return { a: a.map((x) => x.id), b: b.map((x) => x.id) };
}

export function pairEvidenceHash(sides: Sides): string {
  return createHash("sha256")
    .update(`${sides.a.join(",")}|${sides.b.join(",")}`)
    .digest("hex");
}

/** The fingerprint of a conflict between two claims (a contradiction, or a detail mismatch between two accounts of one event). */
export function pairFingerprint(kind: "contradiction" | "detail", aId: number, bId: number): string {
  return `${kind}:claims:${aId}:${bId}`;
}

/** Both kinds' fingerprints for a pair: a pair has at most one such conflict, of either kind. */
export function pairFingerprints(aId: number, bId: number): string[] {
  return [pairFingerprint("contradiction", aId, bId), pairFingerprint("detail", aId, bId)];
}

export async function openClaimConflict(tx: Tx, actor: Actor, aId: number, bId: number, reasons: LinkReasons, score: number) {
  const kind = reasons.details?.length && reasons.probs?.agree > (reasons.probs?.conflict ?? 0) ? "detail" : "contradiction";
  const fingerprint = pairFingerprint(kind, aId, bId);
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

export async function refreshPairConflicts(tx: Tx, actor: Actor, claimId: number): Promise<void> {
  const links = await tx.claimLink.findMany({ where: { relation: "conflict", status: "confirmed", OR: [{ fromId: claimId }, { toId: claimId }] } });
  for (const link of links) {
    const prior = await tx.conflict.findFirst({ where: { fingerprint: { in: pairFingerprints(link.fromId, link.toId) } } });
    if (!prior) {
      await openClaimConflict(tx, actor, link.fromId, link.toId, JSON.parse(link.reasons) as LinkReasons, link.score);
      continue;
    }
    const sides = await pairSides(tx, link.fromId, link.toId);
    const evidenceHash = pairEvidenceHash(sides);
    if (evidenceHash === prior.evidenceHash) continue;
    if (!sides.a.length || !sides.b.length) {
      // the hash of the emptied sides is kept, so the same support returning is seen as a change
      if (prior.active) await retireConflict(tx, actor, prior, AUTO_RESOLVED, { evidenceHash });
      continue;
    }
    const priorSides = await sidesOf(tx, prior.id);
    // Support came back after an automatic resolution: the conflict is open again. Any other
    // status (an analyst's dismissal, say) stays as the analyst left it, with the new sides.
    const reopen = !prior.active && prior.status === "resolved" && prior.statusNote === AUTO_RESOLVED;
    const status = reopen ? "open" : prior.status;
    await tx.conflictItem.deleteMany({ where: { conflictId: prior.id } });
    const updated = await tx.conflict.update({
      where: { id: prior.id },
      data: {
        active: true,
        evidenceHash,
        status,
        statusNote: reopen ? "Re-opened: both claims have a source asserting them again." : prior.statusNote,
        items: { create: [...sides.a.map((id) => ({ attributionId: id, side: "a" })), ...sides.b.map((id) => ({ attributionId: id, side: "b" }))] },
      },
    });
    await recordAudit(tx, actor, {
      action: reopen ? "conflict.reopen" : "conflict.update",
      entityType: "conflict",
      entityId: prior.id,
      before: conflictSnapshot(prior, priorSides),
      after: conflictSnapshot(updated, sides),
    });
  }
}
