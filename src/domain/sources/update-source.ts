import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { searchKey } from "../../engine/normalize.ts";
import { NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { assertParent, cleanAliases, sourceNameKey, type SourceInput } from "./create-source.ts";
import { sourceSnapshot } from "./snapshot.ts";

/** Edit a source: name, kind, grade, notes, aliases. The key never changes. */
export async function updateSource(tx: Tx, actor: Actor, id: number, input: Omit<SourceInput, "key">) {
  const before = await tx.source.findUnique({ where: { id }, include: { aliases: true } });
  if (!before) throw new NotFoundError("The source");
  await assertParent(tx, input.parentId, id);
  const aliases = cleanAliases(input.name, input.aliases);
  await tx.sourceAlias.deleteMany({ where: { sourceId: id } });
  const after = await tx.source.update({
    where: { id },
    data: {
      name: input.name.trim(),
      kind: input.kind,
      reliability: input.reliability,
      notes: input.notes,
      parentId: input.parentId ?? null,
      nameKey: sourceNameKey(input.name, aliases),
      aliases: { create: aliases.map((alias) => ({ alias, aliasKey: searchKey(alias) })) },
    },
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
