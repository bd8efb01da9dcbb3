/**
 * Conflicts between two claims (a confirmed contradiction or detail mismatch) follow their
 * evidence, as stance conflicts do. Called by reanalyseClaim whenever a claim's attributions
 * change, inside the same transaction:
 * - a confirmed conflict link whose conflict never opened (one claim had nobody behind it when
 *   the analyst confirmed it) opens once both claims have a source asserting them;
 * - an open conflict's sides take in a new supporting source, or drop a removed one;
 * - a side left empty resolves the conflict (inactive), and it comes back when support returns.
 * The analyst's status survives like a stance conflict's: unchanged evidence never touches it.
 */
import { createHash } from "node:crypto";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { openClaimConflict } from "../matching/decide-link.ts";
import type { LinkReasons } from "../matching/suggest-links.ts";
import { conflictSnapshot, sidesOf, type Sides } from "./snapshot.ts";

const AUTO_RESOLVED = "Resolved automatically: one of the two claims no longer has a source asserting it.";

/** Who stands behind each claim: the attributions asserting it (or reporting it unverified). */
export async function pairSides(tx: Tx, aId: number, bId: number): Promise<Sides> {
  const [a, b] = await Promise.all(
    [aId, bId].map((id) => tx.attribution.findMany({ where: { claimId: id, stance: { in: ["asserted", "unverified"] } }, select: { id: true }, orderBy: { id: "asc" } })),
  );
  return { a: a.map((x) => x.id), b: b.map((x) => x.id) };
}

export function pairEvidenceHash(sides: Sides): string {
  return createHash("sha256").update(`${sides.a.join(",")}|${sides.b.join(",")}`).digest("hex");
}

export async function refreshPairConflicts(tx: Tx, actor: Actor, claimId: number): Promise<void> {
  const links = await tx.claimLink.findMany({ where: { relation: "conflict", status: "confirmed", OR: [{ fromId: claimId }, { toId: claimId }] } });
  for (const link of links) {
    const fingerprints = ["contradiction", "detail"].map((k) => `${k}:claims:${link.fromId}:${link.toId}`);
    const prior = await tx.conflict.findFirst({ where: { fingerprint: { in: fingerprints } } });
    if (!prior) {
      await openClaimConflict(tx, actor, link.fromId, link.toId, JSON.parse(link.reasons) as LinkReasons, link.score);
      continue;
    }
    const sides = await pairSides(tx, link.fromId, link.toId);
    const evidenceHash = pairEvidenceHash(sides);
    if (evidenceHash === prior.evidenceHash) continue;
    const priorSides = await sidesOf(tx, prior.id);
    const empty = !sides.a.length || !sides.b.length;
    if (empty) {
      if (!prior.active) continue;
      const resolve = prior.status === "open" || prior.status === "confirmed";
      const updated = await tx.conflict.update({
        where: { id: prior.id },
        data: { active: false, evidenceHash, status: resolve ? "resolved" : prior.status, statusNote: resolve ? AUTO_RESOLVED : prior.statusNote },
      });
      await recordAudit(tx, actor, { action: "conflict.resolve", entityType: "conflict", entityId: prior.id, before: conflictSnapshot(prior, priorSides), after: conflictSnapshot(updated, priorSides) });
      continue;
    }
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
