/** /api/v1/audit: the trail, filtered and paged, and the whole trail streamed for offline verification. */
import { once } from "node:events";
import { Router, type Response } from "express";
import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { auditEvents, csvHeader, csvLine, ndjsonLine } from "../../domain/audit/export-audit.ts";
import { listAudit } from "../../domain/audit/queries.ts";
import { logger } from "../../logger.ts";
import { presentPage } from "../../presenters/api.ts";
import { presentAuditEvent } from "../../presenters/api-audit.ts";
import { auditListQuery } from "../schemas.ts";
import { parse } from "../validate.ts";

export const auditExportQuery = z.object({
  format: z.enum(["ndjson", "csv"], { error: "Format must be ndjson or csv." }).default("ndjson"),
});

const FORMATS = {
  ndjson: { type: "application/x-ndjson; charset=utf-8", ext: "ndjson", header: () => "", line: ndjsonLine },
  csv: { type: "text/csv; charset=utf-8", ext: "csv", header: csvHeader, line: csvLine },
} as const;

/** Write with backpressure; false once the client has gone away. */
async function write(res: Response, chunk: string): Promise<boolean> {
  if (res.destroyed) return false;
  if (!res.write(chunk)) await Promise.race([once(res, "drain"), once(res, "close")]);
  return !res.destroyed;
}

export function auditRoutes(db: Db): Router {
  const router = Router();

  router.get("/audit", async (req, res) => {
    const query = parse(auditListQuery, req.query);
    res.json(presentPage(await listAudit(db, query), presentAuditEvent));
  });

  router.get("/audit/export", async (req, res) => {
    const { format } = parse(auditExportQuery, req.query);
    const f = FORMATS[format];
    // Read the first event before answering, so a trail that cannot be read at all gets a
    // proper error response instead of a started download.
    const events = auditEvents(db);
    let next = await events.next();
    res.status(200);
    res.set({ "Content-Type": f.type, "Content-Disposition": `attachment; filename="crosscheck-audit.${f.ext}"` });
    try {
      let open = await write(res, f.header());
      while (open && !next.done) {
        open = await write(res, f.line(next.value));
        if (open) next = await events.next();
      }
      if (open) res.end();
      else await events.return(undefined); // the client went away: stop reading the trail
    } catch (err) {
      // Once the body has started, a clean end would make a truncated trail look complete:
      // abort the connection so the client sees a failed download instead.
      if (!res.headersSent) throw err;
      logger.error({ err, requestId: res.locals.requestId }, "audit export failed mid-stream");
      res.destroy(err as Error);
    }
  });

  return router;
}
