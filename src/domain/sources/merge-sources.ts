import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { normalizeText, searchKey } from "../../engine/normalize.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { attributionSnapshot } from "../attributions/record-attribution.ts";
import { reanalyseClaim } from "../conflicts/reanalyse-claim.ts";
import { sourceNameKey } from "./create-source.ts";
import { sourceSnapshot } from "./snapshot.ts";

export interface MergeSourcesInput {
  /** The duplicate (B), which is retired. */
  fromId: number;
  /** The source that keeps everything (A). */
  intoId: number;
  /** Why (kept in the audit event). */
  note?: string;
}

/** The key two names are compared by: Arabic letter forms, diacritics, case and spacing folded. */
const nameCompareKey = (s: string) =>
  normalizeText(s)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();

/**
 * B's name and aliases as new aliases of A: those A does not already have once normalised
 * (قسد, «قسد» and قسـد are one name), in B's order, as written.
 */
export function mergedAliases(into: { name: string; aliases: string[] }, from: { name: string; aliases: string[] }): string[] {
  const seen = new Set([into.name, ...into.aliases].map(nameCompareKey));
  const out: string[] = [];
  for (const raw of [from.name, ...from.aliases]) {
    const alias = raw.trim();
    const k = nameCompareKey(alias);
    if (!alias || !k || seen.has(k)) continue;
    seen.add(k);
    out.push(alias);
  }
  return out;
}

/**
 * Merge source B into source A, in the caller's transaction, with its audit events:
 * every attribution naming B — as the speaker, the outlet that carried it, or the "according to"
 * intermediary — names A instead; B's documents (as publisher) and the sources that belong to B
 * move to A; B's name and aliases become A's aliases (deduplicated after Arabic normalisation).
 *
 * B is not deleted: it is marked `mergedIntoId = A` and keeps its name, so the audit trail
 * and old links (/sources/B redirects to A) stay meaningful; merged sources are left out of
 * lists, pickers, the extractor's known sources and the entity dictionary.
 *
 * Every claim that had an attribution naming B is re-analysed as after any attribution change:
 * two stances of one claim that now share a speaker are one source's stances — opposite ones
 * a reversal, by the existing rules (engine/conflicts.ts).
 */
export async function mergeSources(tx: Tx, actor: Actor, input: MergeSourcesInput) {
  if (input.fromId === input.intoId) throw new ValidationError("A source cannot be merged into itself.", { into: "Choose another source." });
  const from = await tx.source.findUnique({ where: { id: input.fromId }, include: { aliases: { orderBy: { id: "asc" } } } });
  if (!from) throw new NotFoundError("The source");
  const into = await tx.source.findUnique({ where: { id: input.intoId }, include: { aliases: { orderBy: { id: "asc" } } } });
  if (!into) throw new ValidationError("Choose a source to merge into that exists.", { into: "This source does not exist." });
  if (from.mergedIntoId != null) throw new ConflictError(`«${from.name}» was already merged into source #${from.mergedIntoId}.`);
  if (into.mergedIntoId != null)
    throw new ValidationError(`«${into.name}» was itself merged into source #${into.mergedIntoId}; merge into that one.`, {
      into: "This source was merged into another.",
    });
  // A body merged into its own part would leave the part belonging to itself.
  for (let p = into.parentId, hops = 0; p != null && hops < 50; hops++) {
    if (p === from.id)
      throw new ConflictError(`«${into.name}» belongs to «${from.name}»: a body cannot be merged into its own part.`, {
        into: "Choose a source that does not belong to this one.",
      });
    p = (await tx.source.findUnique({ where: { id: p }, select: { parentId: true } }))?.parentId ?? null;
  }

  const [speaker, outlet, via, documents, children] = await Promise.all([
    tx.attribution.findMany({ where: { sourceId: from.id }, select: { id: true, claimId: true }, orderBy: { id: "asc" } }),
    tx.attribution.findMany({ where: { outletId: from.id }, select: { id: true, claimId: true }, orderBy: { id: "asc" } }),
    tx.attribution.findMany({ where: { viaId: from.id }, select: { id: true, claimId: true }, orderBy: { id: "asc" } }),
    tx.document.findMany({ where: { publisherId: from.id }, select: { id: true }, orderBy: { id: "asc" } }),
    tx.source.findMany({ where: { parentId: from.id }, select: { id: true }, orderBy: { id: "asc" } }),
  ]);
  const touched = [...new Set([...speaker, ...outlet, ...via].map((a) => a.id))].sort((a, b) => a - b);
  const attributionsBefore = await tx.attribution.findMany({ where: { id: { in: touched } }, orderBy: { id: "asc" } });
  await tx.attribution.updateMany({ where: { sourceId: from.id }, data: { sourceId: into.id } });
  await tx.attribution.updateMany({ where: { outletId: from.id }, data: { outletId: into.id } });
  await tx.attribution.updateMany({ where: { viaId: from.id }, data: { viaId: into.id } });
  await tx.document.updateMany({ where: { publisherId: from.id }, data: { publisherId: into.id } });
  await tx.source.updateMany({ where: { parentId: from.id }, data: { parentId: into.id } });

  const intoAliases = into.aliases.map((a) => a.alias);
  const added = mergedAliases({ name: into.name, aliases: intoAliases }, { name: from.name, aliases: from.aliases.map((a) => a.alias) });
  for (const alias of added) await tx.sourceAlias.create({ data: { sourceId: into.id, alias, aliasKey: searchKey(alias) } });
  const intoAfter = await tx.source.update({
    where: { id: into.id },
    data: { nameKey: sourceNameKey(into.name, [...intoAliases, ...added]) },
    include: { aliases: { orderBy: { id: "asc" } } },
  });
  // B's names now live on A; B keeps its own name (for the trail and old links) but no aliases.
  await tx.sourceAlias.deleteMany({ where: { sourceId: from.id } });
  const fromAfter = await tx.source.update({
    where: { id: from.id },
    data: { mergedIntoId: into.id, parentId: null, nameKey: "" },
    include: { aliases: true },
  });

  await recordAudit(tx, actor, {
    action: "source.merge",
    entityType: "source",
    entityId: from.id,
    before: sourceSnapshot(from),
    after: {
      ...sourceSnapshot(fromAfter),
      mergedIntoId: into.id,
      moved: {
        speaker: speaker.map((a) => a.id),
        outlet: outlet.map((a) => a.id),
        via: via.map((a) => a.id),
        documents: documents.map((d) => d.id),
        children: children.map((c) => c.id),
      },
      aliasesAdded: added,
      note: input.note ?? "",
    },
  });
  await recordAudit(tx, actor, {
    action: "source.update",
    entityType: "source",
    entityId: into.id,
    before: sourceSnapshot(into),
    after: { ...sourceSnapshot(intoAfter), mergedFrom: from.id },
  });
  // Each moved stance gets its own event too, so a claim's history, its as-of view and its audit
  // proof show who it is attributed to after the merge.
  const attributionsAfter = new Map((await tx.attribution.findMany({ where: { id: { in: touched } } })).map((a) => [a.id, a]));
  for (const a of attributionsBefore) {
    await recordAudit(tx, actor, {
      action: "attribution.update",
      entityType: "attribution",
      entityId: a.id,
      before: attributionSnapshot(a),
      after: { ...attributionSnapshot(attributionsAfter.get(a.id)!), sourceMerge: { from: from.id, into: into.id } },
    });
  }

  const claims = [...new Set([...speaker, ...outlet, ...via].map((a) => a.claimId))].sort((a, b) => a - b);
  if (claims.length) await tx.claim.updateMany({ where: { id: { in: claims } }, data: { updatedAt: new Date() } });
  for (const claimId of claims) await reanalyseClaim(tx, actor, claimId);
  return {
    source: intoAfter,
    merged: fromAfter,
    aliasesAdded: added,
    claims,
    moved: { speaker: speaker.length, outlet: outlet.length, via: via.length, documents: documents.length, children: children.length },
  };
}
