import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { openClaimConflict } from "../conflicts/pair-conflicts.ts";
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
  await recordAudit(tx, actor, {
    action: "link.update",
    entityType: "link",
    entityId: link.id,
    before: linkSnapshot(link),
    after: { ...linkSnapshot(after), note: input.note },
  });
  if (status === "confirmed" && link.relation === "conflict")
    await openClaimConflict(tx, actor, link.fromId, link.toId, JSON.parse(link.reasons) as LinkReasons, link.score);
  return after;
}
