import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import type { LinkReasons } from "./suggest-links.ts";

/** A claim's links (engine suggestions and decisions), each seen from this claim's side. */
export async function claimLinks(tx: Tx, claimId: number) {
  const links = await tx.claimLink.findMany({
    where: { OR: [{ fromId: claimId }, { toId: claimId }] },
    include: { from: true, to: true },
    orderBy: [{ score: "desc" }, { id: "asc" }],
  });
  return links.map((l) => {
    const other = l.fromId === claimId ? l.to : l.from;
    const reasons = JSON.parse(l.reasons) as LinkReasons;
    return {
      id: l.id,
      relation: l.relation,
      status: l.status,
      origin: l.origin,
      score: Math.round(l.score * 100) / 100,
      reasons: reasons.reasons ?? [],
      details: reasons.details ?? [],
      /** Why the index offered the other claim at all (shared words, entities, meaning similarity). */
      foundBy: reasons.retrieval?.reasons ?? [],
      other: { id: other.id, text: other.text, translation: other.translation, status: other.status, mergedIntoId: other.mergedIntoId },
    };
  });
}

export async function getLink(tx: Tx, id: number) {
  const link = await tx.claimLink.findUnique({ where: { id } });
  if (!link) throw new NotFoundError("The suggestion");
  return link;
}
