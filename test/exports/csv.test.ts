import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClaimReport, loadTopicReport } from "../../src/domain/reports/report-data.ts";
import { CSV_COLUMNS, CSV_PAGE_SIZE, exportCsv, safeCell, streamClaimsCsv } from "../../src/exports/csv.ts";
import { setupTestApp, type TestContext } from "../helpers.ts";
import { buildScenario, CLAIM_AR, HOSTILE, QUOTE_ASSERT, QUOTE_DENY, type Scenario } from "./scenario.ts";

let ctx: TestContext;
let s: Scenario;

beforeAll(async () => {
  ctx = await setupTestApp();
  s = await buildScenario(ctx.db);
});
afterAll(() => ctx.close());

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const c of chunks) out.push(c);
  return out;
}

/** Parse as a spreadsheet would, after checking and removing the BOM. */
function rows(text: string): Record<string, string>[] {
  expect(text.startsWith("\uFEFF")).toBe(true);
  return parse<Record<string, string>>(text.slice(1), { columns: true, relax_column_count: false });
}

describe("CSV stance matrix", () => {
  it("when exported, then the bytes start with the UTF-8 BOM and the header, with CRLF line ends", async () => {
    const text = (await collect(exportCsv(await loadClaimReport(ctx.db, s.claims.border.id)))).join("");
    const bytes = Buffer.from(text, "utf8");
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(text.slice(1).split("\r\n")[0]).toBe(CSV_COLUMNS.join(","));
    expect(text.endsWith("\r\n")).toBe(true);
  });

  it("when a claim has two attributions, then there is one row per attribution with source, stance, outlet, via, document and conflict", async () => {
    const data = await loadClaimReport(ctx.db, s.claims.border.id);
    const parsed = rows((await collect(exportCsv(data))).join(""));
    expect(parsed).toHaveLength(2);
    const conflictId = String(data.conflicts[0].id);
    const [assert, deny] = parsed;
    expect(assert).toMatchObject({
      claim_id: String(s.claims.border.id),
      claim_text: CLAIM_AR,
      claim_status: "disputed",
      claim_tags: "border iraq sdf",
      attribution_id: String(s.attributions.assert.id),
      source_name: "المركز الإعلامي لقوات سوريا الديمقراطية",
      source_kind: "official_body",
      source_reliability: "B",
      stance: "asserted",
      quote: QUOTE_ASSERT,
      outlet: "قناة الخبر",
      via: "",
      document_title: "قسد والجيش العراقي: مركز مشترك لتنسيق أمن الحدود",
      document_url: "https://khabar.example/news/1",
      document_published_at: "2019-03-28T09:30:00.000Z",
      stated_at: "2019-03-28T08:00:00.000Z",
      credibility: "3",
      conflict_ids: conflictId,
    });
    expect(deny).toMatchObject({ stance: "denied", quote: QUOTE_DENY, via: "وسائل إعلام عربية", credibility: "6", conflict_ids: conflictId });
  });

  it("then Arabic evidence is written byte-exact (no normalisation, no escaping)", async () => {
    const text = (await collect(exportCsv(await loadClaimReport(ctx.db, s.claims.border.id)))).join("");
    const bytes = Buffer.from(text, "utf8");
    for (const evidence of [CLAIM_AR, QUOTE_ASSERT, QUOTE_DENY]) {
      expect(bytes.includes(Buffer.from(evidence, "utf8"))).toBe(true);
    }
  });

  it("when a cell starts with = + - @ tab or CR, also after bidi marks, then it is prefixed with a single quote", async () => {
    const parsed = rows((await collect(exportCsv(await loadClaimReport(ctx.db, s.claims.hostile.id)))).join(""));
    expect(parsed.map((r) => r.quote)).toEqual(HOSTILE.map((q) => `'${q}`));
    expect(parsed[0].claim_text).toBe("'-1 is not a formula");
  });

  it("safeCell leaves ordinary text alone and guards every formula start", () => {
    for (const ok of ["", "a=b", "1+1", "نفى", "\u200Fنفى", " =not at start", "'=already quoted", "2019-03-28T08:00:00.000Z"]) {
      expect(safeCell(ok)).toBe(ok);
    }
    for (const bad of ["=1", "+1", "-1", "@x", "\t=1", "\r=1", "\u200E=1", "\u202A+1", "\u202E-1", "\u2066@x", "\u2069=1", "\u200F\u200E=1", "＝1", "＠x"]) {
      expect(safeCell(bad)).toBe(`'${bad}`);
    }
    expect(safeCell(null)).toBe("");
    expect(safeCell(7)).toBe("7");
  });

  it("when a claim has no attribution, then it still gets one row with empty attribution columns", async () => {
    const bare = await ctx.db.claim.create({ data: { key: "clm-bare", text: "Nobody said this yet", language: "en", tags: " bare " } });
    const parsed = rows((await collect(exportCsv(await loadClaimReport(ctx.db, bare.id)))).join(""));
    expect(parsed).toHaveLength(1);
    expect(parsed[0]).toMatchObject({ claim_key: "clm-bare", attribution_id: "", stance: "", quote: "", conflict_ids: "" });
  });

  it("when streamed from the database, then the rows equal the export of the loaded report", async () => {
    const fromReport = (await collect(exportCsv(await loadTopicReport(ctx.db, "sdf")))).join("");
    const fromDb = (await collect(streamClaimsCsv(ctx.db, { tags: { contains: " sdf " } }))).join("");
    expect(fromDb).toBe(fromReport);
  });

  it("when 1,200 claims are streamed, then every row comes back, in pages of 500 (no cap)", async () => {
    const n = 1200;
    await ctx.db.claim.createMany({
      data: Array.from({ length: n }, (_, i) => ({ key: `clm-bulk-${i}`, text: `Bulk claim ${i}: ادعاء ${i}`, language: "ar", tags: " bulk " })),
    });
    const bulk = await ctx.db.claim.findMany({ where: { tags: { contains: " bulk " } }, select: { id: true }, orderBy: { id: "asc" } });
    await ctx.db.attribution.createMany({
      data: bulk.map((c, i) => ({ claimId: c.id, sourceId: s.sources.army.id, stance: i % 2 ? "denied" : "asserted", quote: `اقتباس ${i}` })),
    });
    // One claim with two attributions: rows are per attribution, not per claim.
    await ctx.db.attribution.create({ data: { claimId: bulk[0].id, sourceId: s.sources.sdf.id, stance: "asserted", quote: "second" } });

    const chunks = await collect(streamClaimsCsv(ctx.db, { tags: { contains: " bulk " } }));
    expect(chunks).toHaveLength(1 + Math.ceil(n / CSV_PAGE_SIZE)); // header, then one chunk per page
    const parsed = rows(chunks.join(""));
    expect(parsed).toHaveLength(n + 1);
    expect(new Set(parsed.map((r) => r.claim_id)).size).toBe(n);
    expect(parsed[parsed.length - 1].quote).toBe(`اقتباس ${n - 1}`);

    // A loaded topic report of the same size works too (IN lists are split under SQLite's limit).
    expect(rows((await collect(exportCsv(await loadTopicReport(ctx.db, "bulk")))).join(""))).toHaveLength(n + 1);

    // Everything: every attribution, plus one row for each claim without any.
    const all = rows((await collect(streamClaimsCsv(ctx.db))).join(""));
    const attributions = await ctx.db.attribution.count();
    const bare = await ctx.db.claim.count({ where: { attributions: { none: {} } } });
    expect(all).toHaveLength(attributions + bare);
  });
});
