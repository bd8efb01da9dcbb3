import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { retireConflict } from "../conflicts/retire-conflict.ts";
import { openClaimConflict, pairFingerprints } from "../conflicts/pair-conflicts.ts";
import { linkSnapshot, type LinkReasons } from "./suggest-links.ts";

export interface LinkClaimsInput {
  claimId: number;
  otherClaimId: number;
  /** What the analyst says of the two claims. */
  relation: "agrees" | "contradicts";
  /** The analyst's why, kept as the link's reason. */
  note: string;
}

/** The stored relation of each analyst verdict (the engine's vocabulary). */
const STORED: Record<LinkClaimsInput["relation"], "agree" | "conflict"> = { agrees: "agree", contradicts: "conflict" };

/**
 * What the engine missed, recorded by an analyst: claims A and B agree, or contradict. Stored
 * like an engine link the analyst confirmed (status "confirmed", origin "analyst", score 1, the
 * note as its reason), so it behaves as one: a contradiction opens a "contradicting claims"
 * conflict by decide-link.ts's rules (only when both claims have a source behind them — never
 * an empty side), and the claim page, the API and the bundle show it with the engine's links.
 *
 * A pair already linked is updated rather than duplicated (one link per pair): a suggestion or a
 * decision on it becomes the analyst's link. The same confirmed relation again is refused (409).
 * Turning a confirmed contradiction into agreement resolves the contradiction conflict it had
 * opened, with the analyst's note.
 */
export async function linkClaims(tx: Tx, actor: Actor, input: LinkClaimsInput) {
  if (input.claimId === input.otherClaimId) throw new ValidationError("A claim cannot be linked to itself.", { otherClaimId: "Choose another claim." });
  const claim = await tx.claim.findUnique({ where: { id: input.claimId } });
  if (!claim) throw new NotFoundError("The claim");
  const other = await tx.claim.findUnique({ where: { id: input.otherClaimId } });
  if (!other) throw new ValidationError(`Claim #${input.otherClaimId} does not exist.`, { otherClaimId: "This claim does not exist." });
  for (const c of [claim, other]) {
    if (c.mergedIntoId != null)
      throw new ValidationError(`Claim #${c.id} was merged into claim #${c.mergedIntoId}; link that one.`, {
        otherClaimId: "This claim was merged into another.",
      });
  }

  const relation = STORED[input.relation];
  const [fromId, toId] = claim.id < other.id ? [claim.id, other.id] : [other.id, claim.id];
  const note = input.note.trim();
  const reasons: LinkReasons = {
    reasons: [`linked by an analyst as ${input.relation === "agrees" ? "agreeing" : "contradicting"}${note ? `: ${note}` : ""}`],
    details: [],
    probs: {},
    retrieval: { score: 0, reasons: [] },
  };
  const existing = await tx.claimLink.findUnique({ where: { fromId_toId: { fromId, toId } } });
  if (existing && existing.status === "confirmed" && existing.relation === relation) {
    throw new ConflictError(
      `Claims #${fromId} and #${toId} are already linked as ${input.relation === "agrees" ? "agreeing" : "contradicting"} (link #${existing.id}).`,
      { otherClaimId: "Already linked this way." },
    );
  }
  const data = { relation, origin: "analyst", status: "confirmed", score: 1, reasons: JSON.stringify(reasons) };
  const link = existing ? await tx.claimLink.update({ where: { id: existing.id }, data }) : await tx.claimLink.create({ data: { fromId, toId, ...data } });
  await recordAudit(tx, actor, {
    action: existing ? "link.update" : "link.create",
    entityType: "link",
    entityId: link.id,
    before: existing ? linkSnapshot(existing) : null,
    after: { ...linkSnapshot(link), reasons: reasons.reasons, note },
  });

  const prior = await tx.conflict.findMany({ where: { fingerprint: { in: pairFingerprints(fromId, toId) } } });
  let conflict = null;
  if (relation === "conflict") {
    // A conflict already recorded for the pair (by an earlier decision) is the one; else it opens now.
    if (!prior.length) conflict = await openClaimConflict(tx, actor, fromId, toId, reasons, 1);
  } else {
    for (const c of prior.filter((p) => p.active && (p.status === "open" || p.status === "confirmed"))) {
      await retireConflict(tx, actor, c, `Resolved: an analyst linked the two claims as agreeing${note ? ` — ${note}` : ""}.`);
    }
  }
  return { link, conflict, created: !existing };
}
