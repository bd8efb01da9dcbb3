/**
 * schema.org ClaimReview JSON-LD (the "fact check" markup Google Search reads) for reviewed
 * claims. Unreviewed claims are skipped: a ClaimReview states a verdict.
 *
 * Google's requirements (developers.google.com/search/docs/appearance/structured-data/factcheck):
 * required `claimReviewed`, `reviewRating` (with `alternateName`, the text shown in results),
 * `url`; `author` (Organization with a name) is recommended and always written here, as are
 * `datePublished` and `itemReviewed` (a Claim with its `appearance`s and `author`).
 *
 * Rating scale (documented, as Google asks, so the numbers mean something):
 *
 * | status       | ratingValue | alternateName  |
 * |--------------|-------------|----------------|
 * | verified     | 5           | "True"         |
 * | disputed     | 2           | "Disputed"     |
 * | unverifiable | (none)      | "Unverifiable" |
 *
 * bestRating 5, worstRating 1. "Disputed" is deliberately 2, not 1: in Crosscheck it means
 * credible evidence contradicts the claim, not that it was shown false (1, "False", is left
 * for such a verdict). "Unverifiable" is a textual rating only — it is not a point between
 * true and false, so it carries no number and no scale.
 */
import type { ReportAttribution, ReportClaim, ReportData, ReportSource } from "../domain/reports/report-data.ts";
import { currentReview, isReviewedStatus, reviewEffectiveAt, trimBase, type ReviewedStatus } from "./common.ts";

export interface ClaimReviewOptions {
  /** Public base URL of this Crosscheck instance; each review's `url` is `${baseUrl}/claims/${id}`. */
  baseUrl: string;
  /** The reviewing organisation named as `author` (default "Crosscheck"). */
  orgName?: string;
  /** The organisation's home page, written as `author.url` when given. */
  orgUrl?: string;
}

export const CLAIMREVIEW_BEST = 5;
export const CLAIMREVIEW_WORST = 1;

export const CLAIMREVIEW_RATINGS: Record<ReviewedStatus, { ratingValue: number | null; alternateName: string }> = {
  verified: { ratingValue: 5, alternateName: "True" },
  disputed: { ratingValue: 2, alternateName: "Disputed" },
  unverifiable: { ratingValue: null, alternateName: "Unverifiable" },
};

/** Person for a named individual or spokesperson; Organization for everything else (outlets, bodies, "private sources"). */
function party(s: ReportSource): Record<string, unknown> {
  const type = s.kind === "person" || s.kind === "spokesperson" ? "Person" : "Organization";
  return { "@type": type, name: s.name, ...(s.aliases.length ? { alternateName: s.aliases } : {}) };
}

/** The day part of an ISO timestamp (Google accepts ISO 8601 dates). */
const day = (isoTime: string) => isoTime.slice(0, 10);

function appearances(attributions: ReportAttribution[]): Record<string, unknown>[] {
  const seen = new Set<number>();
  const out: Record<string, unknown>[] = [];
  for (const a of attributions) {
    const d = a.document;
    if (!d || seen.has(d.id)) continue;
    seen.add(d.id);
    out.push({
      "@type": "CreativeWork",
      ...(d.url ? { url: d.url } : {}),
      headline: d.title,
      ...(d.publishedAt ? { datePublished: day(d.publishedAt) } : {}),
      inLanguage: d.language,
      ...(d.publisher ? { publisher: party(d.publisher) } : {}),
    });
  }
  return out;
}

/** The appearance published first (undated ones last; ties keep attribution order). */
function earliest(works: Record<string, unknown>[]): Record<string, unknown> {
  const date = (w: Record<string, unknown>) => (typeof w.datePublished === "string" ? w.datePublished : "\uffff");
  return works.reduce((best, w) => (date(w) < date(best) ? w : best));
}

/** When the claim was first made: the earliest stated or publication date among its assertions. */
function firstStated(attributions: ReportAttribution[]): string | null {
  const dates = attributions.map((a) => a.statedAt ?? a.document?.publishedAt ?? null).filter((d): d is string => d !== null);
  return dates.length ? dates.sort()[0] : null;
}

function claimReview(claim: ReportClaim & { status: ReviewedStatus }, base: string, opts: ClaimReviewOptions): Record<string, unknown> {
  const rating = CLAIMREVIEW_RATINGS[claim.status];
  const review = currentReview(claim);
  // The claim as its sources made it: the asserting attributions (falling back to any, so a
  // claim only ever denied still names where it appeared).
  const asserting = claim.attributions.filter((a) => a.stance === "asserted");
  const evidence = asserting.length ? asserting : claim.attributions;
  const firstAuthor = asserting[0]?.source ?? null;
  const stated = firstStated(evidence);
  const reviewedAt = review ? reviewEffectiveAt(review) : claim.updatedAt;
  const appearance = appearances(evidence);

  return {
    "@context": "https://schema.org",
    "@type": "ClaimReview",
    url: `${base}/claims/${claim.id}`,
    claimReviewed: claim.text,
    inLanguage: claim.language,
    datePublished: day(reviewedAt),
    author: { "@type": "Organization", name: opts.orgName ?? "Crosscheck", ...(opts.orgUrl ? { url: opts.orgUrl } : {}) },
    reviewRating: {
      "@type": "Rating",
      ...(rating.ratingValue !== null ? { ratingValue: rating.ratingValue, bestRating: CLAIMREVIEW_BEST, worstRating: CLAIMREVIEW_WORST } : {}),
      alternateName: rating.alternateName,
      ...(review?.rationale ? { ratingExplanation: review.rationale } : {}),
    },
    itemReviewed: {
      "@type": "Claim",
      ...(firstAuthor ? { author: party(firstAuthor) } : {}),
      ...(stated ? { datePublished: day(stated) } : {}),
      ...(appearance.length ? { appearance, firstAppearance: earliest(appearance) } : {}),
      ...(claim.translation ? { alternateName: claim.translation } : {}),
    },
  };
}

/**
 * One ClaimReview object per reviewed claim in `data` (verified, disputed or unverifiable), in
 * claim-id order. Embed each in a page as `<script type="application/ld+json">`.
 */
export function toClaimReviews(data: ReportData, opts: ClaimReviewOptions): Record<string, unknown>[] {
  const base = trimBase(opts.baseUrl);
  return data.claims.filter((c): c is ReportClaim & { status: ReviewedStatus } => isReviewedStatus(c.status)).map((c) => claimReview(c, base, opts));
}

/**
 * JSON text safe to put inside `<script type="application/ld+json">`: `<`, `>` and `&` are
 * written as \u escapes (same JSON value), so a claim containing "</script>" cannot close the tag.
 */
export function jsonLdScriptText(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}
