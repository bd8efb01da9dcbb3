/** How a conflict is written into the audit trail: its fields and both sides, so its history can be rebuilt. */
import type { Tx } from "../../db/client.ts";

export interface Sides {
  a: number[];
  b: number[];
}

/** What the trail records of a conflict, including both sides, so its history can be rebuilt. */
export function conflictSnapshot(
  c: {
    id: number;
    kind: string;
    status: string;
    active: boolean;
    evidenceHash: string;
    explanation: string;
    statusNote: string;
    claimId: number;
    otherClaimId: number | null;
  },
  sides?: Sides,
) {
  const { id, kind, status, active, evidenceHash, explanation, statusNote, claimId, otherClaimId } = c;
  return { id, kind, status, active, evidenceHash, explanation, statusNote, claimId, otherClaimId, sides: sides ?? null };
}

export async function sidesOf(tx: Tx, conflictId: number): Promise<Sides> {
  const items = await tx.conflictItem.findMany({ where: { conflictId }, orderBy: { attributionId: "asc" } });
  return { a: items.filter((i) => i.side === "a").map((i) => i.attributionId), b: items.filter((i) => i.side === "b").map((i) => i.attributionId) };
}
