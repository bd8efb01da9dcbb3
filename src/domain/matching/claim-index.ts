/**
 * The in-process claim index the engine searches (candidate retrieval is sub-linear: an
 * inverted index, never all pairs). One index per database handle, built on first use and
 * brought up to date incrementally: each use picks up claims changed since the last one
 * (cheap indexed query), so claims imported by the CLI in another process are seen too.
 *
 * Sources' names and aliases feed the entity dictionary, so an alias an analyst adds
 * (قسد = SDF) makes claims that use either spelling match. When sources change the
 * dictionary is rebuilt and the index with it.
 */
import type { Tx } from "../../db/client.ts";
import { ClaimIndex, EntityDictionary, resolveEntities } from "../../engine/index.ts";

interface Entry {
  index: ClaimIndex;
  dict: EntityDictionary;
  claimsSeenAt: Date;
  sourcesSeenAt: Date;
}

/** Keyed by database file, so every handle on one database shares one index. */
const cache = new Map<string, Entry>();

async function databaseFile(tx: Tx): Promise<string> {
  const rows = await tx.$queryRawUnsafe<{ name: string; file: string }[]>("PRAGMA database_list");
  return rows.find((r) => r.name === "main")?.file ?? "main";
}

/** Text the index and the pair classifier see for a claim: the original and its translation. */
export function matchText(c: { text: string; translation: string }): string {
  return c.translation ? `${c.text}\n${c.translation}` : c.text;
}

async function buildDictionary(tx: Tx): Promise<EntityDictionary> {
  const dict = new EntityDictionary();
  const sources = await tx.source.findMany({ include: { aliases: true }, orderBy: { id: "asc" } });
  for (const s of sources) {
    const names = [s.name, ...s.aliases.map((a) => a.alias)];
    // Attach to a built-in entity when one of the names already resolves to it.
    const known = names.flatMap((n) => resolveEntities(n, dict)).find((m) => m.kind === "actor" || m.kind === "person");
    dict.addAliases(known?.id ?? `source:${s.id}`, names);
  }
  return dict;
}

const EPOCH = new Date(0);

export async function claimIndex(tx: Tx): Promise<{ index: ClaimIndex; dict: EntityDictionary }> {
  const owner = await databaseFile(tx);
  const latestSource = await tx.source.findFirst({ orderBy: { updatedAt: "desc" }, select: { updatedAt: true } });
  let entry = cache.get(owner);
  if (!entry || (latestSource && latestSource.updatedAt > entry.sourcesSeenAt)) {
    const dict = await buildDictionary(tx);
    entry = { index: new ClaimIndex({ entities: dict }), dict, claimsSeenAt: EPOCH, sourcesSeenAt: latestSource?.updatedAt ?? EPOCH };
    cache.set(owner, entry);
  }
  const changed = await tx.claim.findMany({
    // gte, not gt: a claim committed later with the same millisecond must not be missed.
    where: { updatedAt: { gte: entry.claimsSeenAt } },
    select: { id: true, text: true, translation: true, mergedIntoId: true, updatedAt: true },
    orderBy: { updatedAt: "asc" },
  });
  for (const c of changed) {
    const id = String(c.id);
    if (entry.index.has(id)) entry.index.remove(id);
    if (c.mergedIntoId == null) entry.index.add(id, matchText(c));
    if (c.updatedAt > entry.claimsSeenAt) entry.claimsSeenAt = c.updatedAt;
  }
  return { index: entry.index, dict: entry.dict };
}
