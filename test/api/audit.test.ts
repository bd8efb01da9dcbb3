import { parse as parseCsv } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ChainVerifier } from "../../src/audit/chain.ts";
import { AUDIT_CSV_COLUMNS, csvUnescape } from "../../src/domain/audit/export-audit.ts";
import { buildClaim } from "../helpers.ts";
import { expectApiError, setupApi, type ApiContext } from "./support.ts";

let ctx: ApiContext;
beforeAll(async () => {
  ctx = await setupApi();
  // Values a spreadsheet would run as formulas, and Arabic, to go through both formats.
  await ctx.as.analyst.post("/sources", { name: '=HYPERLINK("http://evil")', kind: "other" }).expect(201);
  await ctx.as.analyst.post("/claims", { text: "قسد: لا صحة لتشكيل مركز مشترك", language: "ar" }).expect(201);
  await buildClaim(ctx.db, { text: "-2+3" });
});
afterAll(() => ctx.close());

function verify(events: unknown[]) {
  const verifier = new ChainVerifier();
  events.forEach((e, i) => verifier.push(e, i + 1));
  return verifier.result();
}

describe("GET /api/v1/audit", () => {
  it("when events exist, then they come newest first, paged, with before/after as JSON", async () => {
    const res = await ctx.as.analyst.get("/audit?pageSize=2");
    expect(res.status).toBe(200);
    const total = await ctx.db.auditEvent.count();
    expect(res.body).toMatchObject({ page: 1, pageSize: 2, total, pages: Math.ceil(total / 2) });
    expect(res.body.items.map((e: { seq: number }) => e.seq)).toEqual([total, total - 1]);
    expect(typeof res.body.items[0].after).toBe("object");
    expect(res.body.items[0].hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("when filtered by action, entity and actor, then only matching events come back", async () => {
    const res = await ctx.as.analyst.get("/audit?action=claim.create&actor=analyst-1");
    expect(res.body.total).toBe(1);
    expect(res.body.items[0]).toMatchObject({ action: "claim.create", entityType: "claim", actorName: "analyst-1", actorRole: "analyst", before: null });
    expect(res.body.items[0].after.text).toBe("قسد: لا صحة لتشكيل مركز مشترك");
    const byEntity = await ctx.as.analyst.get(`/audit?entityType=claim&entityId=${res.body.items[0].entityId}`);
    expect(byEntity.body.items.map((e: { action: string }) => e.action)).toEqual(["claim.create"]);
    const future = await ctx.as.analyst.get("/audit?from=2999-01-01");
    expect(future.body).toMatchObject({ total: 0, items: [] });
  });
});

describe("GET /api/v1/audit/export", () => {
  it("when exported as NDJSON, then every line parses and the chain verifies with ChainVerifier", async () => {
    const res = await ctx.as.reviewer
      .get("/audit/export?format=ndjson")
      .buffer(true)
      .parse((r, cb) => {
        let data = "";
        r.setEncoding("utf8");
        r.on("data", (c: string) => (data += c));
        r.on("end", () => cb(null, data));
      });
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("application/x-ndjson; charset=utf-8");
    expect(res.headers["content-disposition"]).toMatch(/attachment; filename="crosscheck-audit\.ndjson"/);
    expect(res.headers["cache-control"]).toBe("no-store");
    const text = res.body as string;
    expect(text.endsWith("\n")).toBe(true);
    const events = text
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(events).toHaveLength(await ctx.db.auditEvent.count());
    const result = verify(events);
    expect(result).toMatchObject({ ok: true, count: events.length, lastSeq: events.length });

    // and tampering with any exported line is caught
    events[1] = { ...events[1], actorName: "someone-else" };
    expect(verify(events)).toMatchObject({ ok: false, seq: 2 });
  });

  it("when no format is given, then NDJSON is the default", async () => {
    const res = await ctx.as.analyst.get("/audit/export");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toMatch(/^application\/x-ndjson/);
  });

  it("when exported as CSV, then it starts with a BOM, no cell starts like a formula, and the rows still verify", async () => {
    const res = await ctx.as.analyst.get("/audit/export?format=csv");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect(res.text.charCodeAt(0)).toBe(0xfeff);
    const rows: string[][] = parseCsv(res.text.slice(1));
    expect(rows[0]).toEqual([...AUDIT_CSV_COLUMNS]);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
    const events = rows.slice(1).map((cells) => {
      const v = Object.fromEntries(AUDIT_CSV_COLUMNS.map((c, i) => [c, csvUnescape(cells[i])]));
      return {
        ...v,
        seq: Number(v.seq),
        actorId: v.actorId === "" ? null : Number(v.actorId),
        before: JSON.parse(v.before),
        after: JSON.parse(v.after),
      };
    });
    expect(verify(events)).toMatchObject({ ok: true, count: rows.length - 1 });
  });

  it("when the format is unknown, then 422 in the error format", async () => {
    expectApiError(await ctx.as.analyst.get("/audit/export?format=xlsx"), 422, "validation_failed");
  });
});

// Last: this corrupts the trail of this file's database.
describe("GET /api/v1/audit/export of a damaged trail", () => {
  it("when an event in the middle cannot be read, then the download is aborted instead of ending as if complete", async () => {
    const last = await ctx.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    const [ts, before] = ["yesterday", "null"];
    await ctx.db
      .$executeRaw`INSERT INTO "AuditEvent" ("seq", "ts", "actorId", "actorName", "actorRole", "action", "entityType", "entityId", "requestId", "before", "after", "prevHash", "hash")
       VALUES (${last.seq + 1}, ${ts}, NULL, 'x', 'x', 'source.create', 'source', '1', 'r', ${before}, 'null', ${last.hash}, ${"f".repeat(64)})`;
    const outcome = await ctx.as.analyst.get("/audit/export").then(
      (res) => ({ completed: true, status: res.status }),
      (err: Error) => ({ completed: false, error: err.message }),
    );
    expect(outcome).toMatchObject({ completed: false });
    // The paged list still answers; the damage is for the verifier to report.
    expect((await ctx.as.analyst.get("/audit?pageSize=1")).status).toBe(200);
  });
});
