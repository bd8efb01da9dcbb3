import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { suggestLinks } from "../matching/suggest-links.ts";
import { claimData, claimSnapshot, type ClaimInput } from "./create-claim.ts";

/** Edit a claim's wording, language, translation or tags. Its status changes only by review. */
export async function updateClaim(tx: Tx, actor: Actor, id: number, input: Omit<ClaimInput, "key">) {
  const before = await tx.claim.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("The claim");
  const after = await tx.claim.update({
    where: { id },
    data: claimData(input),
  });
  await recordAudit(tx, actor, { action: "claim.update", entityType: "claim", entityId: id, before: claimSnapshot(before), after: claimSnapshot(after) });
  if (before.text !== after.text || before.translation !== after.translation) await suggestLinks(tx, actor, id);
  return after;
}
