/**
 * Presenters: shape database rows into what the templates show. Templates never receive
 * raw Prisma rows (no password hashes, no internal keys by accident).
 */
import { tagList } from "../domain/claims/create-claim.ts";
import { parseDetails } from "./api-claims.ts";
import { reasonText } from "./reason-text.ts";

const BIDI = /[\u200B-\u200F\u202A-\u202E\u2066-\u2069\u061C\uFEFF]/g;

/** Make invisible bidi/zero-width controls visible (⟨U+202E⟩) for audit views. */
export function visibleControls(s: string): string {
  return s.replace(BIDI, (c) => `⟨U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}⟩`);
}

type SourceLike = { id: number; name: string; kind: string; reliability: string };
export function presentSourceRef(s: SourceLike | null | undefined) {
  return s ? { id: s.id, name: s.name, kind: s.kind, reliability: s.reliability } : null;
}

type AttributionLike = {
  id: number;
  stance: string;
  quote: string;
  statedAt: Date | null;
  credibility: number | null;
  source: SourceLike;
  outlet?: SourceLike | null;
  document?: { id: number; title: string; url: string | null; publishedAt: Date | null } | null;
};

export function presentAttribution(a: AttributionLike) {
  return {
    id: a.id,
    stance: a.stance,
    quote: a.quote,
    statedAt: a.statedAt,
    credibility: a.credibility,
    source: presentSourceRef(a.source),
    outlet: presentSourceRef(a.outlet),
    document: a.document ? { id: a.document.id, title: a.document.title, url: a.document.url, publishedAt: a.document.publishedAt } : null,
  };
}

type ClaimLike = { id: number; text: string; language: string; translation: string; status: string; tags: string; updatedAt: Date };
export function presentClaimSummary(c: ClaimLike & { attributions?: { stance: string }[]; _count?: { conflicts: number } }) {
  const counts = { asserted: 0, denied: 0, unverified: 0 };
  for (const a of c.attributions ?? []) counts[a.stance as keyof typeof counts] += 1;
  return {
    id: c.id,
    text: c.text,
    language: c.language,
    translation: c.translation,
    status: c.status,
    tags: tagList(c.tags),
    updatedAt: c.updatedAt,
    counts,
    openConflicts: c._count?.conflicts ?? 0,
  };
}

type ConflictLike = {
  id: number;
  kind: string;
  status: string;
  active: boolean;
  score: number;
  explanation: string;
  statusNote: string;
  details: string;
  createdAt: Date;
  updatedAt: Date;
  claim: ClaimLike;
  otherClaim?: ClaimLike | null;
  items: { side: string; attribution: AttributionLike }[];
};

/**
 * A side as a list shows it: one line per source and stance, with how many of its statements
 * (two quotes of one denial in one report are one voice, not two); the conflict page lists
 * every statement.
 */
function sideVoices(sides: ReturnType<typeof presentAttribution>[]) {
  const out: Array<{ stance: string; source: ReturnType<typeof presentSourceRef>; statements: number }> = [];
  for (const a of sides) {
    const same = out.find((v) => v.stance === a.stance && v.source?.id === a.source?.id);
    if (same) same.statements += 1;
    else out.push({ stance: a.stance, source: a.source, statements: 1 });
  }
  return out;
}

export function presentConflict(c: ConflictLike) {
  const sideA = c.items.filter((i) => i.side === "a").map((i) => presentAttribution(i.attribution));
  const sideB = c.items.filter((i) => i.side === "b").map((i) => presentAttribution(i.attribution));
  const details = parseDetails(c.details);
  return {
    id: c.id,
    kind: c.kind,
    status: c.status,
    active: c.active,
    score: c.score,
    explanation: reasonText(c.explanation),
    statusNote: c.statusNote,
    details,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
    claim: presentClaimSummary(c.claim),
    otherClaim: c.otherClaim ? presentClaimSummary(c.otherClaim) : null,
    sideA,
    sideB,
    voicesA: sideVoices(sideA),
    voicesB: sideVoices(sideB),
  };
}
