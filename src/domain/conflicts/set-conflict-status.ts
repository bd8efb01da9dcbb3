import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { conflictSnapshot, sidesOf } from "./snapshot.ts";

export interface ConflictStatusInput {
  conflictId: number;
  status: "open" | "confirmed" | "dismissed" | "resolved";
  /** Why: recorded with the change. */
  note: string;
}

/** An analyst's decision on a conflict (confirm, dismiss, resolve, re-open). */
export async function setConflictStatus(tx: Tx, actor: Actor, input: ConflictStatusInput) {
  const before = await tx.conflict.findUnique({ where: { id: input.conflictId } });
  if (!before) throw new NotFoundError("The conflict");
  const after = await tx.conflict.update({
    where: { id: input.conflictId },
    data: { status: input.status, statusNote: input.note.trim() },
  });
  await recordAudit(tx, actor, {
    action: "conflict.status",
    entityType: "conflict",
    entityId: input.conflictId,
    before: conflictSnapshot(before, await sidesOf(tx, before.id)),
    after: conflictSnapshot(after, await sidesOf(tx, after.id)),
  });
  return after;
}
