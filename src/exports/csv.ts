/**
 * The stance matrix as CSV: one row per attribution (who said what about which claim, where,
 * with what stance), for spreadsheets.
 *
 * - UTF-8 with a byte-order mark first, so Excel opens Arabic text as UTF-8 instead of the
 *   local ANSI code page; CRLF line ends (RFC 4180).
 * - Evidence is written byte-exact (no normalisation); the only change ever made to a cell is
 *   the formula-injection guard below.
 * - A claim with no attribution yet still gets one row (attribution columns empty), so an
 *   export of claims never silently drops a claim nobody has been recorded saying.
 */
import { stringify } from "csv-stringify/sync";
import type { Tx } from "../db/client.ts";
import type { Prisma } from "../generated/prisma/client.ts";
import { loadClaimPage, type ReportAttribution, type ReportClaim, type ReportData } from "../domain/reports/report-data.ts";

export const CSV_BOM = "\uFEFF";

/** Claims fetched per database round trip by `streamClaimsCsv`. */
export const CSV_PAGE_SIZE = 500;

export const CSV_COLUMNS = [
  "claim_id",
  "claim_key",
  "claim_text",
  "claim_translation",
  "claim_language",
  "claim_status",
  "claim_tags",
  "attribution_id",
  "source_name",
  "source_kind",
  "source_reliability",
  "stance",
  "quote",
  "outlet",
  "via",
  "document_title",
  "document_url",
  "document_published_at",
  "stated_at",
  "credibility",
  "conflict_ids",
] as const;

/**
 * Spreadsheets run a cell that starts with = + - @ (or tab/CR, which some of them skip first)
 * as a formula (OWASP "CSV injection"). Bidi controls are invisible and some applications drop
 * them before parsing, so "\u200F=HYPERLINK(…)" is just as dangerous: look past them. Full-width
 * ＝＋－＠ are included because some locales fold them to ASCII on input. The guard is the
 * OWASP one: a leading single quote, which makes the cell text.
 */
const FORMULA_START = /^[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]*[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** The cell as written to the CSV: unchanged, or prefixed with ' when it could run as a formula. */
export function safeCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  const text = String(value);
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function row(claim: ReportClaim, a: ReportAttribution | null, conflictIds: Map<number, number[]>): string[] {
  const cells: (string | number | null)[] = [
    claim.id,
    claim.key,
    claim.text,
    claim.translation,
    claim.language,
    claim.status,
    claim.tags.join(" "),
    a?.id ?? null,
    a?.source.name ?? null,
    a?.source.kind ?? null,
    a?.source.reliability ?? null,
    a?.stance ?? null,
    a?.quote ?? null,
    a?.outlet?.name ?? null,
    a?.via?.name ?? null,
    a?.document?.title ?? null,
    a?.document?.url ?? null,
    a?.document?.publishedAt ?? null,
    a?.statedAt ?? null,
    a?.credibility ?? null,
    a ? (conflictIds.get(a.id) ?? []).join(" ") : null,
  ];
  return cells.map(safeCell);
}

function encode(rows: string[][]): string {
  return stringify(rows, { record_delimiter: "\r\n", quoted_match: /^\s|\s$/ });
}

/** Attribution id → ids of the conflicts it is a side of (ascending). */
function conflictIndex(data: ReportData): Map<number, number[]> {
  const index = new Map<number, number[]>();
  for (const c of data.conflicts) {
    for (const id of [...c.sideA, ...c.sideB]) {
      const list = index.get(id) ?? [];
      if (!list.includes(c.id)) list.push(c.id);
      index.set(id, list);
    }
  }
  for (const list of index.values()) list.sort((x, y) => x - y);
  return index;
}

/** Rows for every attribution of `claims`, as one CSV chunk (no header). */
function bodyChunk(claims: ReportClaim[], conflictIds: Map<number, number[]>): string {
  const rows: string[][] = [];
  for (const claim of claims) {
    if (!claim.attributions.length) rows.push(row(claim, null, conflictIds));
    for (const a of claim.attributions) rows.push(row(claim, a, conflictIds));
  }
  return rows.length ? encode(rows) : "";
}

function headChunk(): string {
  return CSV_BOM + encode([[...CSV_COLUMNS]]);
}

/** The stance matrix of a loaded report as CSV text chunks (BOM and header first). */
export async function* exportCsv(data: ReportData): AsyncGenerator<string> {
  yield headChunk();
  const conflictIds = conflictIndex(data);
  // One chunk per claim keeps each write small for a large topic report.
  for (const claim of data.claims) {
    const chunk = bodyChunk([claim], conflictIds);
    if (chunk) yield chunk;
  }
}

/**
 * Every claim matching `where` (all claims by default) as stance-matrix CSV, read from the
 * database in pages of `CSV_PAGE_SIZE` claims in id order: no row cap, and memory stays
 * constant however large the database is. Pages are separate reads (keyset on id), so a claim
 * added during the export appears if its id is past the current page.
 */
export async function* streamClaimsCsv(db: Tx, where: Prisma.ClaimWhereInput = {}): AsyncGenerator<string> {
  yield headChunk();
  let afterId = 0;
  for (;;) {
    const { data, lastId } = await loadClaimPage(db, where, afterId, CSV_PAGE_SIZE);
    if (lastId === null) return;
    const chunk = bodyChunk(data.claims, conflictIndex(data));
    if (chunk) yield chunk;
    afterId = lastId;
  }
}
