import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClaimReport, loadConflictReport, loadTopicReport } from "../../src/domain/reports/report-data.ts";
import { NotFoundError } from "../../src/errors.ts";
import { setupTestApp, type TestContext } from "../helpers.ts";
import { buildScenario, CLAIM_AR, QUOTE_DENY, type Scenario } from "./scenario.ts";

let ctx: TestContext;
let s: Scenario;
const now = new Date("2026-01-02T03:04:05.000Z");

beforeAll(async () => {
  ctx = await setupTestApp();
  s = await buildScenario(ctx.db);
});
afterAll(() => ctx.close());

const sorted = (ids: number[]) => [...ids].sort((a, b) => a - b);

describe("report data", () => {
  it("when a claim is loaded, then it carries its attributions with speaker, outlet, via and document, and its reviews", async () => {
    const data = await loadClaimReport(ctx.db, s.claims.border.id, { now });
    expect(data.generatedAt).toBe("2026-01-02T03:04:05.000Z");
    expect(data.claims.map((c) => c.id)).toEqual([s.claims.border.id]);
    const claim = data.claims[0];
    expect(claim.text).toBe(CLAIM_AR);
    expect(claim.tags).toEqual(["border", "iraq", "sdf"]);
    expect(claim.status).toBe("disputed");
    expect(claim.reviews.map((r) => [r.status, r.previousStatus, r.reviewer, r.state])).toEqual([
      ["verified", "unreviewed", "rana", "final"],
      ["disputed", "verified", "rana", "final"],
    ]);
    const deny = claim.attributions.find((a) => a.stance === "denied")!;
    expect(deny.quote).toBe(QUOTE_DENY);
    expect(deny.source.aliases).toEqual(["Iraqi army"]);
    expect(deny.via?.name).toBe("وسائل إعلام عربية");
    // The outlet defaults to the document's publisher.
    expect(deny.outlet?.key).toBe("src-khabar");
    expect(deny.document?.publisher?.key).toBe("src-khabar");
    expect(deny.document?.publishedAt).toBe("2019-03-28T09:30:00.000Z");
    expect(JSON.stringify(data)).not.toContain("نفى الجيش العراقي تشكيل أي مركز عمليات مشترك."); // no full text
  });

  it("when a claim has a stance conflict, then the conflict and both sides are in the report", async () => {
    const data = await loadClaimReport(ctx.db, s.claims.border.id, { now });
    expect(data.conflicts).toHaveLength(1);
    const c = data.conflicts[0];
    expect(c.kind).toBe("stance");
    expect(c.status).toBe("open");
    expect([...c.sideA, ...c.sideB].sort()).toEqual(sorted([s.attributions.assert.id, s.attributions.deny.id]));
  });

  it("then sources and documents are unique, ordered by id, and include publishers and parents", async () => {
    const data = await loadTopicReport(ctx.db, "coalition", { now });
    const ids = data.sources.map((x) => x.id);
    expect(ids).toEqual(sorted([...new Set(ids)]));
    // "private sources" belongs to Political Keys, which also published doc2.
    expect(data.sources.map((x) => x.key)).toEqual(expect.arrayContaining(["src-private", "src-pk", "src-kobani"]));
    expect(data.documents.map((d) => d.key)).toEqual(["doc-pk"]);
  });

  it("when a topic is loaded, then only claims with that exact tag come back, in id order", async () => {
    const data = await loadTopicReport(ctx.db, " SDF ", { now });
    expect(data.title).toBe("Topic: SDF");
    expect(data.claims.map((c) => c.key)).toEqual(["clm-border", "clm-kobani"]);
    expect((await loadTopicReport(ctx.db, "sd", { now })).claims).toEqual([]);
    expect((await loadTopicReport(ctx.db, "", { now })).claims).toEqual([]);
  });

  it("when a conflict is loaded, then its claim and only that conflict are in the report", async () => {
    const conflictId = (await loadClaimReport(ctx.db, s.claims.border.id)).conflicts[0].id;
    const data = await loadConflictReport(ctx.db, conflictId, { now });
    expect(data.conflicts.map((c) => c.id)).toEqual([conflictId]);
    expect(data.claims.map((c) => c.key)).toEqual(["clm-border"]);
    expect(data.title).toContain(`Conflict ${conflictId}`);
  });

  it("when loaded twice, then the data is equal (deterministic)", async () => {
    expect(await loadTopicReport(ctx.db, "sdf", { now })).toEqual(await loadTopicReport(ctx.db, "sdf", { now }));
  });

  it("when the claim or conflict does not exist, then NotFoundError", async () => {
    await expect(loadClaimReport(ctx.db, 999_999)).rejects.toBeInstanceOf(NotFoundError);
    await expect(loadConflictReport(ctx.db, 999_999)).rejects.toBeInstanceOf(NotFoundError);
  });
});
