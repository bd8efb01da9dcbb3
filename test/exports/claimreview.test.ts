import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClaimReport, loadTopicReport, type ReportData } from "../../src/domain/reports/report-data.ts";
import { CLAIMREVIEW_RATINGS, jsonLdScriptText, toClaimReviews } from "../../src/exports/claimreview.ts";
import { setupTestApp, type TestContext } from "../helpers.ts";
import { buildScenario, CLAIM_AR, type Scenario } from "./scenario.ts";

let ctx: TestContext;
let s: Scenario;
let all: ReportData;
const BASE = "https://crosscheck.example/";

type Json = Record<string, any>;

beforeAll(async () => {
  ctx = await setupTestApp();
  s = await buildScenario(ctx.db);
  all = await loadTopicReport(ctx.db, "sdf");
  all.claims.push(
    ...(await loadTopicReport(ctx.db, "misc")).claims,
    ...(await loadTopicReport(ctx.db, "coalition")).claims.filter((c) => c.key === "clm-meetings"),
  );
});
afterAll(() => ctx.close());

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Google Search's fact-check (ClaimReview) rules: required claimReviewed, reviewRating with
 * alternateName, url (on the site's domain); author as an Organization or Person with a name;
 * numeric ratings need a scale (worstRating < bestRating, value within it); dates ISO 8601.
 */
function expectGoogleValid(r: Json, base: string) {
  expect(r["@context"]).toBe("https://schema.org");
  expect(r["@type"]).toBe("ClaimReview");
  expect(typeof r.claimReviewed).toBe("string");
  expect(r.claimReviewed.length).toBeGreaterThan(0);
  expect(r.reviewRating["@type"]).toBe("Rating");
  expect(typeof r.reviewRating.alternateName).toBe("string");
  expect(r.reviewRating.alternateName.length).toBeGreaterThan(0);
  if ("ratingValue" in r.reviewRating) {
    const { ratingValue, bestRating, worstRating } = r.reviewRating;
    expect([ratingValue, bestRating, worstRating].every((n) => typeof n === "number")).toBe(true);
    expect(worstRating).toBeLessThan(bestRating);
    expect(ratingValue).toBeGreaterThanOrEqual(worstRating);
    expect(ratingValue).toBeLessThanOrEqual(bestRating);
  } else {
    expect(r.reviewRating).not.toHaveProperty("bestRating");
    expect(r.reviewRating).not.toHaveProperty("worstRating");
  }
  expect(new URL(r.url).origin).toBe(new URL(base).origin);
  expect(["Organization", "Person"]).toContain(r.author["@type"]);
  expect(r.author.name.length).toBeGreaterThan(0);
  expect(r.datePublished).toMatch(ISO_DATE);
  expect(r.itemReviewed["@type"]).toBe("Claim");
  if (r.itemReviewed.author) {
    expect(["Organization", "Person"]).toContain(r.itemReviewed.author["@type"]);
    expect(r.itemReviewed.author.name.length).toBeGreaterThan(0);
  }
  for (const work of r.itemReviewed.appearance ?? []) {
    expect(work["@type"]).toBe("CreativeWork");
    if (work.url) expect(() => new URL(work.url)).not.toThrow();
    if (work.datePublished) expect(work.datePublished).toMatch(ISO_DATE);
  }
  if (r.itemReviewed.datePublished) expect(r.itemReviewed.datePublished).toMatch(ISO_DATE);
}

describe("ClaimReview JSON-LD", () => {
  it("when claims are exported, then every review meets Google's ClaimReview requirements", () => {
    const reviews = toClaimReviews(all, { baseUrl: BASE }) as Json[];
    expect(reviews.length).toBe(3);
    for (const r of reviews) expectGoogleValid(r, BASE);
  });

  it("when a claim is unreviewed, then it is skipped", () => {
    const reviews = toClaimReviews(all, { baseUrl: BASE }) as Json[];
    expect(all.claims.some((c) => c.status === "unreviewed")).toBe(true);
    expect(reviews.map((r) => r.url)).toEqual([
      `https://crosscheck.example/claims/${s.claims.border.id}`,
      `https://crosscheck.example/claims/${s.claims.moved.id}`,
      `https://crosscheck.example/claims/${s.claims.english.id}`,
    ]);
    expect(JSON.stringify(reviews)).not.toContain("-1 is not a formula");
  });

  it("then each status maps to the documented rating", () => {
    const byUrl = new Map((toClaimReviews(all, { baseUrl: BASE }) as Json[]).map((r) => [r.url, r.reviewRating]));
    expect(byUrl.get(`https://crosscheck.example/claims/${s.claims.border.id}`)).toMatchObject({
      ratingValue: 2,
      bestRating: 5,
      worstRating: 1,
      alternateName: "Disputed",
    });
    expect(byUrl.get(`https://crosscheck.example/claims/${s.claims.english.id}`)).toMatchObject({ ratingValue: 5, alternateName: "True" });
    expect(byUrl.get(`https://crosscheck.example/claims/${s.claims.moved.id}`)).toEqual({
      "@type": "Rating",
      alternateName: "Unverifiable",
      ratingExplanation: "Single anonymous source.",
    });
    expect(CLAIMREVIEW_RATINGS.verified.alternateName).toBe("True");
  });

  it("then the claim, its first asserting source, its appearances and the reviewer organisation are described", async () => {
    const data = await loadClaimReport(ctx.db, s.claims.border.id);
    const [r] = toClaimReviews(data, { baseUrl: "https://crosscheck.example", orgName: "Deir ez-Zor Desk", orgUrl: "https://desk.example" }) as Json[];
    expect(r.claimReviewed).toBe(CLAIM_AR);
    expect(r.inLanguage).toBe("ar");
    expect(r.author).toEqual({ "@type": "Organization", name: "Deir ez-Zor Desk", url: "https://desk.example" });
    expect(r.reviewRating.ratingExplanation).toBe("The Iraqi army denies it; no third source.");
    expect(r.itemReviewed.author).toMatchObject({ "@type": "Organization", name: "المركز الإعلامي لقوات سوريا الديمقراطية" });
    expect(r.itemReviewed.datePublished).toBe("2019-03-28");
    expect(r.itemReviewed.appearance).toEqual([
      {
        "@type": "CreativeWork",
        url: "https://khabar.example/news/1",
        headline: "قسد والجيش العراقي: مركز مشترك لتنسيق أمن الحدود",
        datePublished: "2019-03-28",
        inLanguage: "ar",
        publisher: { "@type": "Organization", name: "قناة الخبر", alternateName: ["Al-Khabar TV"] },
      },
    ]);
    // datePublished is the date of the last final review (the one that set "disputed").
    const last = data.claims[0].reviews.filter((x) => x.status === "disputed").pop()!;
    expect(r.datePublished).toBe(last.createdAt.slice(0, 10));
    expect(r.itemReviewed.alternateName).toBe("The SDF and the Iraqi army formed a joint border-coordination centre");
  });

  it("when a later review is only pending (two-person gate), then it does not change the published verdict", async () => {
    await ctx.db.review.create({
      data: {
        claimId: s.claims.english.id,
        reviewerId: s.reviewer.id,
        previousStatus: "verified",
        status: "disputed",
        rationale: "pending",
        state: "pending",
        createdAt: new Date("2030-01-01T00:00:00Z"),
      },
    });
    const data = await loadClaimReport(ctx.db, s.claims.english.id);
    const [r] = toClaimReviews(data, { baseUrl: BASE }) as Json[];
    expect(r.reviewRating.alternateName).toBe("True");
    expect(r.datePublished).not.toBe("2030-01-01");
    // The person who made the claim is a Person.
    expect(r.itemReviewed.author).toEqual({ "@type": "Person", name: "Jia Kobani" });
  });

  it("jsonLdScriptText cannot close the script tag and parses back to the same value", () => {
    const value = { claimReviewed: "</script><script>alert(1)</script> & <b>" };
    const text = jsonLdScriptText(value);
    expect(text).not.toMatch(/[<>&]/);
    expect(JSON.parse(text)).toEqual(value);
  });
});
