/**
 * JSON shapes of claims, attributions, reviews and conflicts for the API (/api/v1).
 * Tags come out as a list (stored as " a b "), conflict details as parsed JSON, dates as ISO.
 */
import type { Attribution, Claim, Conflict, Document, Review, Source } from "../generated/prisma/client.ts";
import { claimFields } from "../domain/claims/create-claim.ts";
import type { claimLinks } from "../domain/matching/queries.ts";
import { iso, sourceRef } from "./api.ts";

export function presentClaim(c: Claim) {
  return {
    ...claimFields(c),
    eventDate: iso(c.eventDate),
    mergedIntoId: c.mergedIntoId,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

type ClaimListRow = Claim & { attributions: { stance: string }[]; _count: { conflicts: number } };

/** A claim in a list: with how many sources asserted, denied or left it unverified, and its live conflicts. */
export function presentClaimSummary(c: ClaimListRow) {
  const stances = { asserted: 0, denied: 0, unverified: 0 };
  for (const a of c.attributions) if (a.stance in stances) stances[a.stance as keyof typeof stances] += 1;
  return { ...presentClaim(c), stances, openConflicts: c._count.conflicts };
}

type DocumentRef = Pick<Document, "id" | "title" | "url" | "publishedAt">;

/** An attribution; `source`, `outlet` and `document` are included when the query loaded them. */
export function presentAttribution(a: Attribution & { source?: Source; outlet?: Source | null; via?: Source | null; document?: DocumentRef | null }) {
  return {
    id: a.id,
    claimId: a.claimId,
    sourceId: a.sourceId,
    outletId: a.outletId,
    viaId: a.viaId,
    documentId: a.documentId,
    stance: a.stance,
    quote: a.quote,
    statedAt: iso(a.statedAt),
    credibility: a.credibility,
    ...(a.source !== undefined ? { source: sourceRef(a.source) } : {}),
    ...(a.outlet !== undefined ? { outlet: sourceRef(a.outlet) } : {}),
    ...(a.via !== undefined ? { via: sourceRef(a.via) } : {}),
    ...(a.document !== undefined
      ? { document: a.document ? { id: a.document.id, title: a.document.title, url: a.document.url, publishedAt: iso(a.document.publishedAt) } : null }
      : {}),
    createdAt: iso(a.createdAt),
    updatedAt: iso(a.updatedAt),
  };
}

export function presentReview(r: Review & { reviewer?: { username: string; displayName: string } }) {
  return {
    id: r.id,
    claimId: r.claimId,
    status: r.status,
    previousStatus: r.previousStatus,
    rationale: r.rationale,
    reviewerId: r.reviewerId,
    // Two-person gate: final | pending (awaits a second reviewer) | confirmed | rejected.
    state: r.state,
    confirmedById: r.confirmedById,
    confirmedAt: iso(r.confirmedAt),
    confirmNote: r.confirmNote,
    ...(r.reviewer ? { reviewer: { username: r.reviewer.username, displayName: r.reviewer.displayName } } : {}),
    createdAt: iso(r.createdAt),
  };
}

/** A conflict's stored details JSON (engine reasons, values side by side); {} if unreadable. */
export function parseDetails(details: string): unknown {
  try {
    return JSON.parse(details);
  } catch {
    return {};
  }
}

/** A conflict's own fields (the response to a status change). */
export function presentConflict(c: Conflict) {
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    active: c.active,
    score: c.score,
    explanation: c.explanation,
    details: parseDetails(c.details),
    statusNote: c.statusNote,
    claimId: c.claimId,
    otherClaimId: c.otherClaimId,
    createdAt: iso(c.createdAt),
    updatedAt: iso(c.updatedAt),
  };
}

type ConflictRow = Conflict & {
  claim: Claim;
  otherClaim: Claim | null;
  items: { side: string; attribution: Attribution & { source: Source; outlet: Source | null; document: DocumentRef | null } }[];
};

/** A conflict with its claim(s) and both sides: each item says which side (a or b) it stands on. */
export function presentConflictDetail(c: ConflictRow) {
  return {
    ...presentConflict(c),
    claim: { id: c.claim.id, text: c.claim.text, status: c.claim.status },
    otherClaim: c.otherClaim ? { id: c.otherClaim.id, text: c.otherClaim.text, status: c.otherClaim.status } : null,
    items: c.items.map((i) => ({ side: i.side, attribution: presentAttribution(i.attribution) })),
  };
}

type ClaimDetailRow = Claim & {
  attributions: (Attribution & { source: Source; outlet: Source | null; document: DocumentRef | null })[];
  reviews: (Review & { reviewer: { username: string; displayName: string } })[];
  conflicts: Conflict[];
};

type ClaimLinkView = Awaited<ReturnType<typeof claimLinks>>[number];

/**
 * One of a claim's links, seen from that claim (as its page shows it): the other claim, the
 * relation (agree | conflict | related | duplicate), the score, the reasons and detail
 * mismatches, whether suggested, confirmed or dismissed, and whether the engine or an analyst made it.
 */
export function presentClaimLink(l: ClaimLinkView) {
  return {
    id: l.id,
    claimId: l.other.id,
    relation: l.relation,
    score: l.score,
    reasons: l.reasons,
    details: l.details,
    foundBy: l.foundBy,
    status: l.status,
    origin: l.origin,
    claim: { id: l.other.id, text: l.other.text, translation: l.other.translation, status: l.other.status, mergedIntoId: l.other.mergedIntoId },
  };
}

/** GET /claims/:id: the claim with who said what (and where), its links, its conflicts and its review history. */
export function presentClaimDetail(c: ClaimDetailRow, links: ClaimLinkView[] = []) {
  return {
    ...presentClaim(c),
    attributions: c.attributions.map(presentAttribution),
    links: links.map(presentClaimLink),
    conflicts: c.conflicts.map(presentConflict),
    reviews: c.reviews.map(presentReview),
  };
}
