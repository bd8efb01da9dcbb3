/** Helpers shared by the exporters. */
import { createHash } from "node:crypto";
import { COUNTED_REVIEW_STATES, type ReportClaim, type ReportReview } from "../domain/reports/report-data.ts";

/** Claim statuses that carry a reviewer's verdict (everything but "unreviewed"). */
export const REVIEWED_STATUSES = ["verified", "disputed", "unverifiable"] as const;
export type ReviewedStatus = (typeof REVIEWED_STATUSES)[number];

export function isReviewedStatus(status: string): status is ReviewedStatus {
  return (REVIEWED_STATUSES as readonly string[]).includes(status);
}

/** When a review took effect: a two-person review counts from its confirmation. */
export function reviewEffectiveAt(r: ReportReview): string {
  return r.confirmedAt ?? r.createdAt;
}

/** Reviews whose verdict counts (final, or confirmed by a second reviewer), oldest first. */
export function countedReviews(claim: ReportClaim): ReportReview[] {
  return claim.reviews.filter((r) => (COUNTED_REVIEW_STATES as readonly string[]).includes(r.state));
}

/** The counted review that set the claim's current status, if any. */
export function currentReview(claim: ReportClaim): ReportReview | null {
  const counted = countedReviews(claim).filter((r) => r.status === claim.status);
  return counted.length ? counted[counted.length - 1] : null;
}

/**
 * A name-based (SHA-1, version 5) UUID per RFC 9562 §5.5. The same namespace and name always
 * give the same UUID, which is what makes re-exports byte-identical.
 */
export function uuidV5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ""), "hex");
  if (ns.length !== 16) throw new Error(`Not a UUID: ${namespace}`);
  const bytes = createHash("sha1").update(ns).update(name, "utf8").digest().subarray(0, 16);
  bytes[6] = (bytes[6] & 0x0f) | 0x50;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = bytes.toString("hex");
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** `baseUrl` without a trailing slash, so `${base}/claims/1` never doubles it. */
export function trimBase(baseUrl: string): string {
  return baseUrl.replace(/\/+$/, "");
}
