import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import type { Conflict } from "../../generated/prisma/client.ts";
import type { Actor } from "../actor.ts";
import { conflictSnapshot, sidesOf } from "./snapshot.ts";

/**
 * Take a conflict off the list when its evidence no longer shows it (or an analyst's link settles
 * it): it becomes inactive, an open or confirmed one is resolved with `note`, and any other status
 * (an analyst's dismissal) is kept. Audited as conflict.resolve, with both sides.
 */
export async function retireConflict(tx: Tx, actor: Actor, c: Conflict, note: string, data: { evidenceHash?: string } = {}) {
  const sides = await sidesOf(tx, c.id);
  const resolve = c.status === "open" || c.status === "confirmed";
  const updated = await tx.conflict.update({
    where: { id: c.id },
    data: { ...data, active: false, status: resolve ? "resolved" : c.status, statusNote: resolve ? note : c.statusNote },
  });
  await recordAudit(tx, actor, {
    action: "conflict.resolve",
    entityType: "conflict",
    entityId: c.id,
    before: conflictSnapshot(c, sides),
    after: conflictSnapshot(updated, sides),
  });
  return updated;
}
