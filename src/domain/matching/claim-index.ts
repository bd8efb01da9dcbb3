/**
 * The in-process claim index the engine searches (candidate retrieval is sub-linear: an
 * inverted index, never all pairs). One index per database handle, built on first use and
 * brought up to date incrementally: each use picks up claims changed since the last one
 * (cheap indexed query), so claims imported by the CLI in another process are seen too.
 *
 * Sources' names and aliases feed the entity dictionary, so an alias an analyst adds
 * (قسد = SDF) makes claims that use either spelling match. When sources change, the
 * dictionary is rebuilt (sources are few) but the index is not: only the claims whose text
 * mentions a name that changed — an alias added, removed or re-attached to another entity —
 * can resolve differently, so only those are re-analysed. The index keeps, per resolver token,
 * the claims whose text has it (ClaimIndex.claimsMentioning), which finds them exactly. A full
 * rebuild at 100,000 claims takes seconds inside the next write's transaction;
 * test/pages/claim-index-incremental.test.ts checks the incremental index answers exactly as a
 * full rebuild does.
 *
 * Several app servers on one PostgreSQL database each keep their own index and catch up the
 * same way, from what the others committed. There writers commit concurrently, so a claim
 * stamped earlier can commit after one stamped later was already seen: each catch-up therefore
 * looks back CATCH_UP_LAG_MS (longer than the longest write transaction, plus clock skew
 * between servers) and re-analyses only the rows in that window whose (id, updatedAt) it has
 * not seen yet (test/db/pg-concurrent.test.ts).
 */
import { dialectOf, type Tx } from "../../db/client.ts";
import { ClaimIndex, EntityDictionary, resolveEntities } from "../../engine/index.ts";
import { loadVectors } from "./claim-vectors.ts";

/** What each source contributes to the dictionary: the entity its names attach to, and the names. */
type SourceEntities = Map<number, { entity: string; names: string[] }>;

interface Entry {
  index: ClaimIndex;
  dict: EntityDictionary;
  sources: SourceEntities;
  claimsSeenAt: Date;
  /** How many claims had exactly `claimsSeenAt` when last looked (see catchUp). */
  atSeen: number;
  sourcesSeenAt: Date;
  /** PostgreSQL: updatedAt (ms) of each row seen inside the look-back window, by id. */
  claimStamps: Map<number, number>;
  sourceStamps: Map<number, number>;
}

/** Look-back for concurrent writers: the write-transaction timeout (20 s) plus 10 s of clock skew. */
export const CATCH_UP_LAG_MS = 30_000;

function lagOf(tx: Tx): number {
  return dialectOf(tx) === "postgres" ? CATCH_UP_LAG_MS : 0;
}

/** Rows in `rows` not seen with this updatedAt yet; records them and forgets stamps older than the window. */
function unseen<T extends { id: number; updatedAt: Date }>(stamps: Map<number, number>, rows: T[], windowStart: number): T[] {
  const out = rows.filter((r) => stamps.get(r.id) !== r.updatedAt.getTime());
  for (const r of out) stamps.set(r.id, r.updatedAt.getTime());
  for (const [id, at] of stamps) if (at < windowStart) stamps.delete(id);
  return out;
}

/** Keyed by database file, so every handle on one database shares one index. */
const cache = new Map<string, Entry>();

export async function databaseFile(tx: Tx): Promise<string> {
  if (dialectOf(tx) === "postgres") {
    const [row] = await tx.$queryRaw<
      { db: string }[]
    >`SELECT current_database() || '@' || coalesce(inet_server_addr()::text, 'local') || ':' || coalesce(inet_server_port(), 0)::text AS db`;
    return `postgres:${row?.db ?? "main"}`;
  }
  const rows = await tx.$queryRawUnsafe<{ name: string; file: string }[]>("PRAGMA database_list");
  return rows.find((r) => r.name === "main")?.file ?? "main";
}

/** Text the index and the pair classifier see for a claim: the original and its translation. */
export function matchText(c: { text: string; translation: string }): string {
  return c.translation ? `${c.text}\n${c.translation}` : c.text;
}

async function buildDictionary(tx: Tx): Promise<{ dict: EntityDictionary; sources: SourceEntities }> {
  const dict = new EntityDictionary();
  const sources: SourceEntities = new Map();
  const rows = await tx.source.findMany({ where: { mergedIntoId: null }, include: { aliases: { orderBy: { id: "asc" } } }, orderBy: { id: "asc" } });
  for (const s of rows) {
    const names = [s.name, ...s.aliases.map((a) => a.alias)];
    // Attach to a built-in entity when one of the names already resolves to it.
    const known = names.flatMap((n) => resolveEntities(n, dict)).find((m) => m.kind === "actor" || m.kind === "person");
    const entity = known?.id ?? `source:${s.id}`;
    dict.addAliases(entity, names);
    sources.set(s.id, { entity, names });
  }
  return { dict, sources };
}

/** Names whose entity changed between two dictionary builds (added, removed or re-attached). */
function changedNames(before: SourceEntities, after: SourceEntities): string[] {
  const out = new Set<string>();
  const same = (a: { entity: string; names: string[] }, b: { entity: string; names: string[] }) =>
    a.entity === b.entity && a.names.length === b.names.length && a.names.every((n, i) => n === b.names[i]);
  for (const [id, now] of after) {
    const was = before.get(id);
    if (was && same(was, now)) continue;
    for (const n of [...now.names, ...(was?.names ?? [])]) out.add(n);
  }
  for (const [id, was] of before) if (!after.has(id)) for (const n of was.names) out.add(n);
  return [...out];
}

const EPOCH = new Date(0);

/** A new, empty index over today's dictionary (claims are added by `catchUp`). */
async function freshEntry(tx: Tx, sourcesSeenAt: Date): Promise<Entry> {
  const { dict, sources } = await buildDictionary(tx);
  return {
    index: new ClaimIndex({ entities: dict }),
    dict,
    sources,
    claimsSeenAt: EPOCH,
    atSeen: 0,
    sourcesSeenAt,
    claimStamps: new Map(),
    sourceStamps: new Map(),
  };
}

type IndexedClaim = { id: number; text: string; translation: string; mergedIntoId: number | null };

/** (Re-)analyse these claims in the index — a merged claim leaves it — and load their stored vectors. */
async function reindex(tx: Tx, index: ClaimIndex, claims: IndexedClaim[]): Promise<void> {
  for (const c of claims) {
    if (c.mergedIntoId == null) index.add(String(c.id), matchText(c));
    else index.remove(String(c.id));
  }
  await loadVectors(tx, index, claims);
}

/**
 * Add, replace or drop the claims changed since the entry last looked. A claim committed later
 * with the same millisecond as the newest one seen must not be missed, so the claims at that
 * millisecond are counted: only when their number grew are they read again (`gte`). Reading
 * them every time was the cost of every save on a store whose claims share one timestamp (a
 * bulk import): at 10,000 such claims each save re-indexed all of them.
 */
async function catchUp(tx: Tx, entry: Entry): Promise<void> {
  const select = { id: true, text: true, translation: true, mergedIntoId: true, updatedAt: true } as const;
  const lag = lagOf(tx);
  if (lag) {
    // PostgreSQL: look back `lag` and take only rows not seen with this updatedAt (see the header).
    const since = new Date(Math.max(0, entry.claimsSeenAt.getTime() - lag));
    const recent = await tx.claim.findMany({ where: { updatedAt: { gte: since } }, select, orderBy: { updatedAt: "asc" } });
    const fresh = unseen(entry.claimStamps, recent, since.getTime());
    await reindex(tx, entry.index, fresh);
    for (const c of fresh) if (c.updatedAt > entry.claimsSeenAt) entry.claimsSeenAt = c.updatedAt;
    return;
  }
  const atSeen = entry.claimsSeenAt === EPOCH ? 0 : await tx.claim.count({ where: { updatedAt: entry.claimsSeenAt } });
  const changed = await tx.claim.findMany({
    where: { updatedAt: atSeen > entry.atSeen ? { gte: entry.claimsSeenAt } : { gt: entry.claimsSeenAt } },
    select,
    orderBy: { updatedAt: "asc" },
  });
  await reindex(tx, entry.index, changed);
  const before = entry.claimsSeenAt;
  for (const c of changed) if (c.updatedAt > entry.claimsSeenAt) entry.claimsSeenAt = c.updatedAt;
  const last = entry.claimsSeenAt.getTime();
  const atLast = changed.filter((c) => c.updatedAt.getTime() === last).length;
  entry.atSeen = entry.claimsSeenAt === before ? Math.max(atSeen, entry.atSeen) : atLast;
}

export async function claimIndex(tx: Tx): Promise<{ index: ClaimIndex; dict: EntityDictionary }> {
  const owner = await databaseFile(tx);
  const latestSource = await tx.source.findFirst({ orderBy: { updatedAt: "desc" }, select: { updatedAt: true } });
  const lag = lagOf(tx);
  let entry = cache.get(owner);
  // PostgreSQL: sources changed inside the look-back window that this server has not seen.
  const recentSources = async (e: Entry) => {
    if (!lag) return false;
    const since = Math.max(0, e.sourcesSeenAt.getTime() - lag);
    const rows = await tx.source.findMany({ where: { updatedAt: { gte: new Date(since) } }, select: { id: true, updatedAt: true } });
    return unseen(e.sourceStamps, rows, since).length > 0;
  };
  if (!entry) {
    entry = await freshEntry(tx, latestSource?.updatedAt ?? EPOCH);
    await recentSources(entry);
    cache.set(owner, entry);
  } else if (latestSource && ((await recentSources(entry)) || latestSource.updatedAt > entry.sourcesSeenAt)) {
    const { dict, sources } = await buildDictionary(tx);
    const keys = changedNames(entry.sources, sources)
      .map((n) => EntityDictionary.lookupKey(n))
      .filter((k): k is string => k !== undefined);
    const affected = entry.index.claimsMentioning(keys).map(Number);
    entry.index.setEntities(dict);
    for (let i = 0; i < affected.length; i += 500) {
      const rows = await tx.claim.findMany({
        where: { id: { in: affected.slice(i, i + 500) } },
        select: { id: true, text: true, translation: true, mergedIntoId: true },
      });
      await reindex(tx, entry.index, rows);
    }
    Object.assign(entry, { dict, sources, sourcesSeenAt: latestSource.updatedAt });
  }
  await catchUp(tx, entry);
  return { index: entry.index, dict: entry.dict };
}

/** A fresh index built from scratch, bypassing the cache (for checks against the incremental one). */
export async function fullClaimIndex(tx: Tx): Promise<{ index: ClaimIndex; dict: EntityDictionary }> {
  const entry = await freshEntry(tx, EPOCH);
  await catchUp(tx, entry);
  return { index: entry.index, dict: entry.dict };
}
