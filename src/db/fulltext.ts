/**
 * Full-text list search over the FTS5 indexes of the normalised search keys (migration
 * 20261122000000_search_fts). A query matches a row when every query token starts a word of
 * the row's key — the same rule the former `LIKE '% token%'` scan applied, answered from an
 * index instead of reading every row.
 *
 * Lists with a search term ask this module for one ordered page of ids (and the total) in
 * SQL, then load those rows with their relations through Prisma. Prisma cannot express an
 * FTS5 MATCH, and handing it the full match set as `id IN (…)` is not an option: Prisma
 * chunks large IN lists and then applies skip/take per chunk (prisma/orm#23733).
 */
import { Prisma } from "../generated/prisma/client.ts";
import { keyTokens } from "../engine/normalize.ts";
import type { Tx } from "./client.ts";
import type { PageRequest } from "../domain/paging.ts";

/**
 * The FTS5 query for a user's search text: each normalised token as a quoted prefix term,
 * all required. Returns null when the text has no token (then the list is not filtered).
 * Quoting makes every FTS5 operator character (`"`, `*`, `:`, `^`, `-`, `AND`/`OR`/`NEAR`)
 * plain text; a quote inside a token is doubled.
 */
export function ftsQuery(text: string | undefined): string | null {
  const tokens = text ? keyTokens(text) : [];
  if (!tokens.length) return null;
  return tokens.map((t) => `"${t.replace(/"/g, '""')}"*`).join(" ");
}

export interface IdPageSpec {
  /** Base table and alias, e.g. `"Claim" c`. */
  from: Prisma.Sql;
  /** Column of the base table holding the rowid of the indexed row, e.g. `c."id"`. */
  key: Prisma.Sql;
  /** FTS5 table to match in: ClaimSearch or DocumentSearch. */
  index: "ClaimSearch" | "DocumentSearch";
  /** Further conditions (ANDed), each a complete SQL predicate over the alias. */
  where: Prisma.Sql[];
  /** ORDER BY list, ending in a unique column so pages are stable. */
  orderBy: Prisma.Sql;
  /** Primary key selected for the page, e.g. `c."id"`. */
  id: Prisma.Sql;
}

/** One page of ids of the rows matching `match` and the spec's conditions, plus the total. */
export async function matchingIdPage(tx: Tx, spec: IdPageSpec, match: string, req: PageRequest): Promise<{ ids: number[]; total: number }> {
  const index = Prisma.raw(`"${spec.index}"`);
  const conditions = [Prisma.sql`${spec.key} IN (SELECT rowid FROM ${index} WHERE ${index} MATCH ${match})`, ...spec.where];
  const where = Prisma.join(conditions, " AND ");
  const [count] = await tx.$queryRaw<Array<{ n: bigint | number }>>`SELECT count(*) AS n FROM ${spec.from} WHERE ${where}`;
  const rows = await tx.$queryRaw<Array<{ id: bigint | number }>>`SELECT ${spec.id} AS id FROM ${spec.from} WHERE ${where} ORDER BY ${spec.orderBy} LIMIT ${req.pageSize} OFFSET ${(req.page - 1) * req.pageSize}`;
  return { ids: rows.map((r) => Number(r.id)), total: Number(count?.n ?? 0) };
}

/** Rows fetched by id, put back in the page's order. */
export function inIdOrder<T extends { id: number }>(ids: number[], rows: T[]): T[] {
  const at = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => at.get(id)).filter((r): r is T => r !== undefined);
}
