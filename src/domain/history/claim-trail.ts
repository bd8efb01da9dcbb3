/**
 * The audit events that make up one claim's history: the claim's own events (edits, verdicts,
 * merges), its attributions' events (found by the `claimId` in their before/after state, so
 * deleted attributions count too) with their grading decisions, and the events of the
 * conflicts it is part of. Used by the "as of" view and by the claim's audit proof.
 */
import type { Tx } from "../../db/client.ts";

export async function claimTrail(tx: Tx, claimId: number, until?: Date) {
  const ts = until ? { ts: { lte: until.toISOString() } } : {};
  const claimEvents = await tx.auditEvent.findMany({ where: { entityType: "claim", entityId: String(claimId), ...ts }, orderBy: { seq: "asc" } });
  // Canonical JSON sorts keys, so `"claimId":N,` is followed by the next key: an exact match.
  const needle = `"claimId":${claimId},`;
  const attributionEvents = await tx.auditEvent.findMany({
    where: { entityType: "attribution", ...ts, OR: [{ after: { contains: needle } }, { before: { contains: needle } }] },
    orderBy: { seq: "asc" },
  });
  const gradeEvents = await tx.auditEvent.findMany({
    where: { action: "attribution.grade", ...ts, entityId: { in: [...new Set(attributionEvents.map((e) => e.entityId))] } },
    orderBy: { seq: "asc" },
  });
  const conflictIds = (await tx.conflict.findMany({ where: { OR: [{ claimId }, { otherClaimId: claimId }] }, select: { id: true } })).map((c) => String(c.id));
  const conflictEvents = await tx.auditEvent.findMany({ where: { entityType: "conflict", entityId: { in: conflictIds }, ...ts }, orderBy: { seq: "asc" } });
  return { claimEvents, attributionEvents, gradeEvents, conflictEvents };
}
