/**
 * What the importer needs besides the use cases: lookups by key, "does the stored record
 * differ from the bundle entry" comparisons (the basis of idempotence), the attribution
 * identity, and the checks that need the database.
 */
import type { Tx } from "../../db/client.ts";
import { ConflictError, NotFoundError, ValidationError } from "../../errors.ts";
import { tagString } from "../claims/create-claim.ts";
import { cleanAliases } from "../sources/create-source.ts";
import { BundleError } from "./bundle-errors.ts";
import type { BundleClaim, BundleDocument, BundleSource } from "./bundle.schema.ts";
import type { CheckedBundle } from "./check-bundle.ts";

export const time = (d: Date | null | undefined) => (d ? d.getTime() : null);

export type StoredSource = NonNullable<Awaited<ReturnType<typeof findSources>>>[number];
export type StoredDocument = NonNullable<Awaited<ReturnType<typeof findDocuments>>>[number];

export function findSources(tx: Tx, keys: string[]) {
  return tx.source.findMany({ where: { key: { in: keys } }, include: { aliases: { orderBy: { id: "asc" } } } });
}
export function findDocuments(tx: Tx, keys: string[]) {
  return tx.document.findMany({ where: { key: { in: keys } } });
}

/** Look keys up in chunks (SQLite caps bound parameters). */
export async function byKey<T extends { key: string }>(keys: Iterable<string>, find: (keys: string[]) => Promise<T[]>): Promise<Map<string, T>> {
  const all = [...new Set(keys)];
  const out = new Map<string, T>();
  for (let i = 0; i < all.length; i += 500) for (const row of await find(all.slice(i, i + 500))) out.set(row.key, row);
  return out;
}

export function sourceDiffers(stored: StoredSource, s: BundleSource, parentId: number | null): boolean {
  const aliases = cleanAliases(s.name, s.aliases);
  return (
    stored.name !== s.name.trim() ||
    stored.kind !== s.kind ||
    stored.reliability !== s.reliability ||
    stored.notes !== s.notes ||
    stored.parentId !== parentId ||
    JSON.stringify(stored.aliases.map((a) => a.alias)) !== JSON.stringify(aliases)
  );
}

export function documentDiffers(stored: StoredDocument, d: BundleDocument, publisherId: number | null): boolean {
  return (
    stored.title !== d.title.trim() ||
    stored.url !== (d.url || null) ||
    stored.publisherId !== publisherId ||
    time(stored.publishedAt) !== time(d.publishedAt) ||
    // An absent (or null) retrievedAt keeps the stored one.
    (d.retrievedAt != null && time(stored.retrievedAt) !== time(d.retrievedAt)) ||
    stored.language !== d.language
  );
}

export function claimDiffers(stored: { text: string; language: string; translation: string; tags: string; eventDate: Date | null }, c: BundleClaim): boolean {
  return (
    stored.text !== c.text.trim() ||
    stored.language !== c.language ||
    stored.translation !== c.translation.trim() ||
    stored.tags !== tagString(c.tags) ||
    time(stored.eventDate) !== time(c.eventDate)
  );
}

export function attributionIdentity(sourceId: number, documentId: number | null, a: { stance: string; quote: string; statedAt: Date | null }): string {
  return JSON.stringify([sourceId, documentId, a.stance, a.quote, time(a.statedAt)]);
}

/**
 * A use case that still refuses an entry (all was checked up front, so this is rare: e.g. a
 * record changed by someone else meanwhile) is reported like every other problem, at its path.
 */
export async function atEntry<T>(path: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    if (err instanceof BundleError) throw err;
    if (err instanceof ValidationError || err instanceof ConflictError || err instanceof NotFoundError) throw new BundleError([`${path}: ${err.message}`]);
    throw err;
  }
}

/**
 * A bundle source whose parent is a stored source must not close a loop through the stored
 * parent chain (b → a stored, a → b in the bundle). Chains inside the bundle were checked already.
 */
export async function parentCyclesThroughDatabase(tx: Tx, checked: CheckedBundle): Promise<string[]> {
  const inBundle = new Map(checked.bundle.sources.map((s) => [s.key, s.parent ?? null]));
  const problems: string[] = [];
  for (const [i, s] of checked.bundle.sources.entries()) {
    if (s.parent == null || !checked.externalSources.has(s.parent)) continue;
    const chain = [s.key];
    let key: string | null = s.parent;
    for (let hops = 0; key != null && hops < 1000; hops++) {
      chain.push(key);
      if (key === s.key) {
        problems.push(`sources[${i}].parent: the parent chain ${chain.join(" → ")} is a cycle`);
        break;
      }
      if (inBundle.has(key)) key = inBundle.get(key) ?? null;
      else key = (await tx.source.findUnique({ where: { key }, select: { parent: { select: { key: true } } } }))?.parent?.key ?? null;
    }
  }
  return problems;
}

/** Follow a merge chain to the claim that holds the evidence now. */
export async function survivingClaim(tx: Tx, id: number): Promise<{ id: number; key: string }> {
  let claim = await tx.claim.findUniqueOrThrow({ where: { id }, select: { id: true, key: true, mergedIntoId: true } });
  for (let hops = 0; claim.mergedIntoId != null && hops < 100; hops++) {
    claim = await tx.claim.findUniqueOrThrow({ where: { id: claim.mergedIntoId }, select: { id: true, key: true, mergedIntoId: true } });
  }
  return claim;
}

/** Edit distance, for "did you mean" on a mistyped key (keys are short; O(n·m) is fine). */
function distance(a: string, b: string): number {
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length];
}

/** ` (did you mean "iraqi-army"?)` when one known key is within two edits, else "". */
export function didYouMean(key: string, known: Iterable<string>): string {
  let best: string | null = null;
  let bestDistance = 3;
  for (const k of known) {
    const d = distance(key, k);
    if (d < bestDistance) [best, bestDistance] = [k, d];
  }
  return best ? ` (did you mean "${best}"?)` : "";
}
