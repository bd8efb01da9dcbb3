/**
 * Streams the whole audit trail in seq order, in batches (constant memory for any size).
 * Each event is checked against the event schema and its hash on the way out, so a trail
 * corrupted in the database is reported instead of exported as if it were sound.
 */
import { auditEventSchema, type ChainedEvent } from "../../audit/chain.ts";
import type { Db } from "../../db/client.ts";

// The file formats live beside the verifier that reads them; re-exported for the export's callers.
export { AUDIT_CSV_COLUMNS, csvHeader, csvLine, csvSafe, csvUnescape, ndjsonLine } from "../../audit/file-format.ts";

export async function* auditEvents(db: Db, batch = 1000): AsyncGenerator<ChainedEvent> {
  let after = 0;
  for (;;) {
    const rows = await db.auditEvent.findMany({ where: { seq: { gt: after } }, orderBy: { seq: "asc" }, take: batch });
    if (!rows.length) return;
    for (const r of rows) {
      yield auditEventSchema.parse({ ...r, before: JSON.parse(r.before) as unknown, after: JSON.parse(r.after) as unknown });
    }
    after = rows[rows.length - 1].seq;
  }
}
