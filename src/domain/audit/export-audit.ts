/**
 * Streams the whole audit trail in seq order, in batches (constant memory for any size).
 * Each event is checked against the event schema and its hash on the way out, so a trail
 * corrupted in the database is reported instead of exported as if it were sound.
 */
import { stringify } from "csv-stringify/sync";
import { canonicalize } from "../../audit/canonical.ts";
import { auditEventSchema, type ChainedEvent } from "../../audit/chain.ts";
import type { Db } from "../../db/client.ts";

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

export async function* auditEvents(db: Db, batch = 1000): AsyncGenerator<ChainedEvent> {
  let after = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: batch });
    if (!rows.length) return;
    for (const r of rows) {
      yield auditEventSchema.parse({ ...r, before: JSON.parse(r.before), after: JSON.parse(r.after) });
    }
    after = rows[rows.length - 1].seq;
  }
}

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
  return `\uFEFF${stringify([AUDIT_CSV_COLUMNS as unknown as string[]])}`;
}

export function csvLine(e: ChainedEvent): string {
  const cells = AUDIT_CSV_COLUMNS.map((c) => {
    const v = e[c];
    if (c === "before" || c === "after") return csvSafe(canonicalize(v));
    return v === null ? "" : csvSafe(String(v));
  });
  return stringify([cells]);
}
