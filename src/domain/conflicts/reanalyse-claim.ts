/**
 * Re-analyses one claim's attributions and brings its stance/reversal conflicts up to date,
 * inside the caller's transaction (so the attribution change, the conflict change and their
 * audit events commit together).
 *
 * Status rules (the analyst's decision survives re-analysis):
 * - new finding → conflict opened (status open);
 * - same fingerprint, same evidence → left alone (a dismissed conflict stays dismissed);
 * - same fingerprint, changed evidence → items updated; dismissed/resolved ones re-open;
 * - finding gone → marked inactive; open/confirmed ones become resolved ("evidence no longer conflicts").
 */
import { createHash } from "node:crypto";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { analyseStances, type Stance } from "../../engine/conflicts.ts";
import type { Actor } from "../actor.ts";
import { refreshPairConflicts } from "./pair-conflicts.ts";
import { retireConflict } from "./retire-conflict.ts";
import { conflictSnapshot, sidesOf, type Sides } from "./snapshot.ts";

const STANCE_KINDS = ["stance", "reversal"];

export async function reanalyseClaim(tx: Tx, actor: Actor, claimId: number): Promise<void> {
  const attributions = await tx.attribution.findMany({
    where: { claimId },
    include: { source: { select: { name: true } } },
  });
  const findings = analyseStances(
    claimId,
    attributions.map((a) => ({
      id: a.id,
      sourceId: a.sourceId,
      sourceName: a.source.name,
      stance: a.stance as Stance,
      statedAt: a.statedAt,
      createdAt: a.createdAt,
    })),
  );
  const existing = await tx.conflict.findMany({ where: { claimId, kind: { in: STANCE_KINDS } } });
  const byFingerprint = new Map(existing.map((c) => [c.fingerprint, c]));

  for (const f of findings) {
    const evidenceHash = createHash("sha256").update(f.evidenceKey).digest("hex");
    const items = [...f.sideA.map((id) => ({ attributionId: id, side: "a" })), ...f.sideB.map((id) => ({ attributionId: id, side: "b" }))];
    const sides: Sides = { a: [...f.sideA].sort((x, y) => x - y), b: [...f.sideB].sort((x, y) => x - y) };
    const prior = byFingerprint.get(f.fingerprint);
    byFingerprint.delete(f.fingerprint);
    if (!prior) {
      const created = await tx.conflict.create({
        data: {
          kind: f.kind,
          fingerprint: f.fingerprint,
          evidenceHash,
          claimId,
          score: f.score,
          explanation: f.explanation,
          details: JSON.stringify(f.details),
          items: { create: items },
        },
      });
      await recordAudit(tx, actor, { action: "conflict.open", entityType: "conflict", entityId: created.id, after: conflictSnapshot(created, sides) });
      continue;
    }
    if (prior.evidenceHash === evidenceHash && prior.active) continue;
    const priorSides = await sidesOf(tx, prior.id);
    const reopen = prior.status === "dismissed" || prior.status === "resolved";
    const sameEvidence = prior.evidenceHash === evidenceHash;
    // Same evidence re-appearing after it went away (e.g. a deleted attribution restored by
    // an edit) keeps a dismissal; anything else new re-opens.
    const status = reopen && !(sameEvidence && prior.status === "dismissed") ? "open" : prior.status;
    await tx.conflictItem.deleteMany({ where: { conflictId: prior.id } });
    const updated = await tx.conflict.update({
      where: { id: prior.id },
      data: {
        evidenceHash,
        active: true,
        status,
        score: f.score,
        explanation: f.explanation,
        details: JSON.stringify(f.details),
        statusNote: status !== prior.status ? "Re-opened: the evidence changed since the last decision." : prior.statusNote,
        items: { create: items },
      },
    });
    await recordAudit(tx, actor, {
      action: status !== prior.status ? "conflict.reopen" : "conflict.update",
      entityType: "conflict",
      entityId: prior.id,
      before: conflictSnapshot(prior, priorSides),
      after: conflictSnapshot(updated, sides),
    });
  }

  for (const stale of byFingerprint.values()) {
    if (stale.active) await retireConflict(tx, actor, stale, "Resolved automatically: the evidence no longer shows this conflict.");
  }
  await refreshPairConflicts(tx, actor, claimId);
}
