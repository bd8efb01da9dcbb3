import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { searchKey } from "../../engine/normalize.ts";
import { NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { sourceNameKey } from "./create-source.ts";
import { mergedAliases } from "./merge-sources.ts";
import { sourceSnapshot } from "./snapshot.ts";

/**
 * Add other names to a source — the spelling a report used for it, say — keeping those it does
 * not already have once normalised. Audited as a source update; nothing is written (and no
 * event) when every name is already known.
 */
export async function addSourceAliases(tx: Tx, actor: Actor, sourceId: number, names: string[]): Promise<string[]> {
  const source = await tx.source.findUnique({ where: { id: sourceId }, include: { aliases: { orderBy: { id: "asc" } } } });
  if (!source) throw new NotFoundError("The source");
  const have = source.aliases.map((a) => a.alias);
  const added = mergedAliases({ name: source.name, aliases: have }, { name: "", aliases: names });
  if (!added.length) return [];
  for (const alias of added) await tx.sourceAlias.create({ data: { sourceId, alias, aliasKey: searchKey(alias) } });
  const after = await tx.source.update({
    where: { id: sourceId },
    data: { nameKey: sourceNameKey(source.name, [...have, ...added]) },
    include: { aliases: { orderBy: { id: "asc" } } },
  });
  await recordAudit(tx, actor, {
    action: "source.update",
    entityType: "source",
    entityId: sourceId,
    before: sourceSnapshot(source),
    after: { ...sourceSnapshot(after), aliasesAdded: added },
  });
  return added;
}
