/**
 * The audit trail's file formats (NDJSON and CSV): how an event is written out and how a cell
 * is read back. Pure, and here in src/audit rather than the domain because the offline
 * verifier (verify-file.ts) reads what the export (domain/audit/export-audit.ts) writes.
 */
import { stringify } from "csv-stringify/sync";
import { canonicalize } from "./canonical.ts";
import type { ChainedEvent } from "./chain.ts";

/** CSV columns, in order: the export's header row and what the verifier expects. */
export const AUDIT_CSV_COLUMNS = [
  "seq",
  "ts",
  "actorId",
  "actorName",
  "actorRole",
  "action",
  "entityType",
  "entityId",
  "requestId",
  "before",
  "after",
  "prevHash",
  "hash",
] as const;

/** One NDJSON line: the canonical (JCS) form, so exporting twice gives byte-identical files. */
export function ndjsonLine(e: ChainedEvent): string {
  return `${canonicalize(e)}\n`;
}

/**
 * Spreadsheet safety (OWASP CSV injection): a cell that starts with = + - @ tab, CR, or a
 * quote mark gets a leading ' — also when a bidi mark comes first. The verifier removes
 * exactly one leading ' from such cells, so the escaping is reversible and the trail still verifies.
 */
export function csvSafe(value: string): string {
  return /^[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]*[=+\-@\t\r']/.test(value) ? `'${value}` : value;
}

export function csvUnescape(value: string): string {
  return /^'[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]*[=+\-@\t\r']/.test(value) ? value.slice(1) : value;
}

export function csvHeader(): string {
  return `\uFEFF${stringify([AUDIT_CSV_COLUMNS])}`;
}

export function csvLine(e: ChainedEvent): string {
  const cells = AUDIT_CSV_COLUMNS.map((c) => {
    if (c === "before" || c === "after") return csvSafe(canonicalize(e[c]));
    const v = e[c];
    return v === null ? "" : csvSafe(String(v));
  });
  return stringify([cells]);
}
