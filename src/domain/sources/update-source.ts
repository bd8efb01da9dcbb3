import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { assertParent, sourceData, type SourceInput } from "./create-source.ts";
import { sourceSnapshot } from "./snapshot.ts";

/** Edit a source: name, kind, grade, notes, aliases. The key never changes. */
export async function updateSource(tx: Tx, actor: Actor, id: number, input: Omit<SourceInput, "key">) {
  const before = await tx.source.findUnique({ where: { id }, include: { aliases: true } });
  if (!before) throw new NotFoundError("The source");
  if (before.mergedIntoId != null) throw new ConflictError(`This source was merged into source #${before.mergedIntoId}; edit that one.`);
  await assertParent(tx, input.parentId, id);
  await tx.sourceAlias.deleteMany({ where: { sourceId: id } });
  const after = await tx.source.update({
    where: { id },
    data: sourceData(input),
    include: { aliases: true },
  });
  await recordAudit(tx, actor, {
    action: "source.update",
    entityType: "source",
    entityId: id,
    before: sourceSnapshot(before),
    after: sourceSnapshot(after),
  });
  return after;
}
