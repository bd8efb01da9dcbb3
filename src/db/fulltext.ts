/**
 * Full-text list search over the FTS5 indexes of the normalised search keys (migration
 * 20261122000000_search_fts). A query matches a row when every query token starts a word of
 * the row's key — the same rule the former `LIKE '% token%'` scan applied, answered from an
 * index instead of reading every row.
 *
 * The claims, conflicts and documents lists ask this module for one ordered page of ids (and
 * the total) in SQL, then load those rows with their relations through Prisma. Prisma cannot
 * express an FTS5 MATCH, and handing it the full match set as `id IN (…)` is not an option:
 * Prisma chunks large IN lists and then applies skip/take per chunk (prisma/orm#23733).
 */
import { Prisma } from "../generated/prisma/client.ts";
import { keyTokens } from "../engine/normalize.ts";
import { dialectOf, type Tx } from "./client.ts";
import { page, type Page, type PageRequest } from "../shared/paging.ts";

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

/** A LIKE pattern matching `token` at the start of a word of " " || key (`\\` escapes `%`, `_`, `\\`). */
export function likeWordPrefix(token: string): string {
  return `% ${token.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The search condition over the row key. SQLite: the FTS5 index. PostgreSQL: every token must
 * start a word of the key, `(' ' || key) LIKE '% token%'`, answered by the trigram GIN index on
 * that expression (prisma/postgres/migrations) — the same rule, so both give the same rows.
 */
function searchCondition(tx: Tx, spec: ListSpec, q: string | undefined): Prisma.Sql | null {
  const tokens = q ? keyTokens(q) : [];
  if (!tokens.length) return null;
  const key = spec.key ?? spec.id;
  if (dialectOf(tx) === "postgres") {
    const table = spec.index === "ClaimSearch" ? Prisma.raw(`"Claim"`) : Prisma.raw(`"Document"`);
    const likes = tokens.map((t) => Prisma.sql`(' ' || s."searchKey") LIKE ${likeWordPrefix(t)}`);
    return Prisma.sql`${key} IN (SELECT s."id" FROM ${table} s WHERE ${Prisma.join(likes, " AND ")})`;
  }
  const index = Prisma.raw(`"${spec.index}"`);
  return Prisma.sql`${key} IN (SELECT rowid FROM ${index} WHERE ${index} MATCH ${ftsQuery(q)})`;
}

/** `column` holds `text` as a substring (byte-exact, case-sensitive) on either database. */
export function containsText(tx: Tx, column: Prisma.Sql, text: string): Prisma.Sql {
  return dialectOf(tx) === "postgres" ? Prisma.sql`strpos(${column}, ${text}) > 0` : Prisma.sql`instr(${column}, ${text}) > 0`;
}

export interface ListSpec {
  /** Base table and alias, e.g. `"Claim" c`. */
  from: Prisma.Sql;
  /** Primary key selected for the page, e.g. `c."id"`. */
  id: Prisma.Sql;
  /** Column holding the rowid of the indexed row, when not `id` (a conflict is found by its claim: `k."claimId"`). */
  key?: Prisma.Sql;
  /** FTS5 table a search term is matched in: ClaimSearch or DocumentSearch. */
  index: "ClaimSearch" | "DocumentSearch";
  /** The list's filters (ANDed), each a complete SQL predicate over the alias. */
  where: Prisma.Sql[];
  /** ORDER BY list, ending in a unique column so pages are stable. */
  orderBy: Prisma.Sql;
}

/**
 * One page of a list and its total. The ids are chosen in SQL — the filters, the search term
 * (when `q` has a token) and the order, written once for searched and unsearched lists alike —
 * then `load` reads those rows with their relations and they are put back in page order.
 */
export async function listPage<T extends { id: number }>(
  tx: Tx,
  spec: ListSpec,
  q: string | undefined,
  req: PageRequest,
  load: (ids: number[]) => Promise<T[]>,
): Promise<Page<T>> {
  const match = searchCondition(tx, spec, q);
  const conditions = [...(match ? [match] : []), ...spec.where];
  const where = conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
  const [count] = await tx.$queryRaw<Array<{ n: bigint | number }>>`SELECT count(*) AS n FROM ${spec.from} ${where}`;
  const rows = await tx.$queryRaw<
    Array<{ id: bigint | number }>
  >`SELECT ${spec.id} AS id FROM ${spec.from} ${where} ORDER BY ${spec.orderBy} LIMIT ${req.pageSize} OFFSET ${(req.page - 1) * req.pageSize}`;
  const ids = rows.map((r) => Number(r.id));
  const at = new Map((ids.length ? await load(ids) : []).map((r) => [r.id, r]));
  return page(
    ids.map((id) => at.get(id)).filter((r): r is T => r !== undefined),
    Number(count?.n ?? 0),
    req,
  );
}
