/**
 * A report as a STIX 2.1 bundle, for threat-intelligence platforms (OpenCTI, MISP, …).
 *
 * | Crosscheck            | STIX 2.1                                                                 |
 * |-----------------------|--------------------------------------------------------------------------|
 * | this instance         | `identity` (organization); the `created_by_ref` of every other object    |
 * | Source                | `identity`; identity_class by kind; Admiralty grade in `description` and `x_crosscheck_reliability` |
 * | Document              | `report`: name, published, object_refs → its notes and speakers, url in external_references |
 * | Attribution           | `note`: abstract = stance, content = quote, authors = [speaker], object_refs → [report, speaker] |
 * | Review (final/confirmed) | `opinion` on the claim's notes (see OPINIONS), explanation = rationale |
 * | Conflict (open/confirmed) | `relationship` "contradicts" from each side-A note to each side-B note |
 *
 * Identifiers are deterministic: `type--UUIDv5(namespace, name)` where the name is built from
 * the record's stable key (sources, documents and claims have globally unique keys;
 * attributions, reviews and conflicts are named under their claim's key). Exporting the same
 * data twice gives identical JSON, and an object keeps its id across exports.
 *
 * Why v5 for SDOs/SROs: STIX 2.1 §2.9 requires an RFC 4122 UUID and says SDOs and SROs
 * SHOULD use v4, adding that producers using anything else must avoid collisions with a
 * namespace of their own (and MUST NOT use the SCO namespace 00abedb4-…). A v4 id would change
 * on every export; v5 under Crosscheck's own namespace (STIX_NAMESPACE) does not, and has the
 * same layout (version nibble 5, variant 10xx), so it matches the official schemas'
 * identifier pattern `[1-5]` version digit.
 *
 * Timestamps are RFC 3339 UTC with milliseconds, taken from the records (never the clock).
 */
import { createHash } from "node:crypto";
import type { ReportAttribution, ReportClaim, ReportData, ReportSource } from "../domain/reports/report-data.ts";
import { countedReviews, currentReview, isReviewedStatus, reviewEffectiveAt, trimBase, uuidV5, type ReviewedStatus } from "./common.ts";

/** Fixed namespace for Crosscheck's name-based STIX ids. Never change it: ids would change with it. */
export const STIX_NAMESPACE = "c4b7004c-0cfe-40fd-9a33-e00dbbb86118";

/** Custom relationship type for two conflicting statements (STIX allows custom types: lower case and hyphens). */
export const CONTRADICTS = "contradicts";

/** The time of the instance identity, which has no record of its own. */
const IDENTITY_EPOCH = "2020-01-01T00:00:00.000Z";

export interface StixOptions {
  /** Public base URL of this instance, for links back to claims, sources and documents. */
  baseUrl: string;
  /** Name of the producing organisation (default "Crosscheck"). */
  orgName?: string;
}

export type StixObject = { type: string; id: string; spec_version: "2.1"; created: string; modified: string } & Record<string, unknown>;
export interface StixBundle {
  type: "bundle";
  id: string;
  objects: StixObject[];
}

export type StixOpinion = "strongly-disagree" | "disagree" | "neutral" | "agree" | "strongly-agree";

/**
 * The reviewer's verdict as a STIX opinion on the notes that STATE the claim (stance asserted
 * or unverified). Notes that DENY it get the mirror image: agreeing that a claim is true is
 * disagreeing with its denial. "disputed" is disagree, not strongly-disagree, because it
 * means the claim is contested, not shown false; "unverifiable" is neutral.
 */
export const OPINIONS: Record<ReviewedStatus, { stating: StixOpinion; denying: StixOpinion }> = {
  verified: { stating: "strongly-agree", denying: "strongly-disagree" },
  disputed: { stating: "disagree", denying: "agree" },
  unverifiable: { stating: "neutral", denying: "neutral" },
};

/** Source kind → identity_class (identity-class-ov). */
export const IDENTITY_CLASS: Record<string, string> = {
  outlet: "organization",
  official_body: "organization",
  agency: "organization",
  armed_group: "organization",
  person: "individual",
  spokesperson: "individual",
  anonymous: "unknown",
  social_account: "unknown",
  other: "unknown",
};

/** Admiralty source-reliability grades. */
const RELIABILITY: Record<string, string> = {
  A: "completely reliable",
  B: "usually reliable",
  C: "fairly reliable",
  D: "not usually reliable",
  E: "unreliable",
  F: "reliability cannot be judged",
};

/**
 * Admiralty information credibility 1–6 → STIX confidence 0–100, per the STIX 2.1
 * "Admiralty Credibility" confidence scale (Appendix A); 6 (cannot be judged) has no value.
 */
const CONFIDENCE: Record<number, number> = { 1: 90, 2: 70, 3: 50, 4: 30, 5: 10 };

export function stixId(type: string, name: string): string {
  return `${type}--${uuidV5(`${type}:${name}`, STIX_NAMESPACE)}`;
}

const later = (a: string, b: string) => (a > b ? a : b);

/** The report as one STIX 2.1 bundle; see the table at the top of this file. */
export function toStixBundle(data: ReportData, opts: StixOptions): StixBundle {
  const base = trimBase(opts.baseUrl);
  const orgName = opts.orgName ?? "Crosscheck";
  const producer = stixId("identity", `crosscheck-instance:${base}`);
  const common = (type: string, id: string, created: string, modified: string) => ({
    type,
    spec_version: "2.1" as const,
    id,
    created_by_ref: producer,
    created,
    modified: later(created, modified),
  });
  const link = (path: string, externalId?: string) => ({
    source_name: "crosscheck",
    url: `${base}${path}`,
    ...(externalId ? { external_id: externalId } : {}),
  });

  const identityId = (s: ReportSource) => stixId("identity", s.key);
  const sourceById = new Map(data.sources.map((s) => [s.id, s]));
  const documentRef = (key: string) => stixId("report", key);
  const noteId = (claim: ReportClaim, a: ReportAttribution) => stixId("note", `${claim.key}#attribution-${a.id}`);

  const objects: StixObject[] = [];
  objects.push({
    type: "identity",
    spec_version: "2.1",
    id: producer,
    created: IDENTITY_EPOCH,
    modified: IDENTITY_EPOCH,
    name: orgName,
    identity_class: "organization",
    description: "Producer of this bundle: a Crosscheck source-verification instance.",
    external_references: [{ source_name: "crosscheck", url: base }],
  });

  for (const s of data.sources) {
    const parent = s.parentId != null ? sourceById.get(s.parentId) : undefined;
    objects.push({
      ...common("identity", identityId(s), s.createdAt, s.updatedAt),
      name: s.name,
      identity_class: IDENTITY_CLASS[s.kind] ?? "unknown",
      description: `Crosscheck source (${s.kind.replace(/_/g, " ")}); Admiralty reliability ${s.reliability}: ${RELIABILITY[s.reliability] ?? "unknown grade"}.`,
      external_references: [link(`/sources/${s.id}`, s.key)],
      x_crosscheck_kind: s.kind,
      x_crosscheck_reliability: s.reliability,
      ...(s.aliases.length ? { x_crosscheck_aliases: s.aliases } : {}),
      ...(parent ? { x_crosscheck_parent_ref: identityId(parent) } : {}),
    });
  }

  // Notes first (reports list them), grouped by document as we go.
  const notes: StixObject[] = [];
  const notesByDocument = new Map<number, { notes: string[]; speakers: Set<string> }>();
  const notesByAttribution = new Map<number, { id: string; stance: string }>();
  for (const claim of data.claims) {
    for (const a of claim.attributions) {
      const id = noteId(claim, a);
      notesByAttribution.set(a.id, { id, stance: a.stance });
      const refs = [...(a.document ? [documentRef(a.document.key)] : []), identityId(a.source)];
      if (a.document) {
        const entry = notesByDocument.get(a.document.id) ?? { notes: [], speakers: new Set<string>() };
        entry.notes.push(id);
        entry.speakers.add(identityId(a.source));
        notesByDocument.set(a.document.id, entry);
      }
      notes.push({
        ...common("note", id, a.createdAt, a.updatedAt),
        abstract: a.stance,
        // A note's content is required; with no quote recorded, the claim itself is the content.
        content: a.quote || claim.text,
        authors: [a.source.name],
        object_refs: refs,
        lang: a.document?.language ?? claim.language,
        ...(a.credibility != null && CONFIDENCE[a.credibility] !== undefined ? { confidence: CONFIDENCE[a.credibility] } : {}),
        external_references: [link(`/claims/${claim.id}`, claim.key)],
        x_crosscheck_stance: a.stance,
        x_crosscheck_claim: {
          id: claim.id,
          key: claim.key,
          text: claim.text,
          language: claim.language,
          status: claim.status,
          ...(claim.translation ? { translation: claim.translation } : {}),
        },
        ...(a.credibility != null ? { x_crosscheck_credibility: a.credibility } : {}),
        ...(a.statedAt ? { x_crosscheck_stated_at: a.statedAt } : {}),
        ...(a.outlet ? { x_crosscheck_outlet_ref: identityId(a.outlet) } : {}),
        ...(a.via ? { x_crosscheck_via_ref: identityId(a.via) } : {}),
      });
    }
  }

  for (const d of data.documents) {
    const entry = notesByDocument.get(d.id);
    if (!entry) continue; // object_refs must not be empty; every loaded document has notes.
    objects.push({
      ...common("report", documentRef(d.key), d.createdAt, d.updatedAt),
      name: d.title,
      report_types: ["threat-report"],
      published: d.publishedAt ?? d.retrievedAt ?? d.createdAt,
      object_refs: [...entry.notes, ...[...entry.speakers].sort()],
      lang: d.language,
      external_references: [...(d.url ? [{ source_name: d.publisher?.name ?? "web", url: d.url }] : []), link(`/documents/${d.id}`, d.key)],
      x_crosscheck_sha256: d.sha256,
      ...(d.publisher ? { x_crosscheck_publisher_ref: identityId(d.publisher) } : {}),
    });
  }
  objects.push(...notes);

  for (const claim of data.claims) {
    const current = currentReview(claim);
    const stating = claim.attributions.filter((a) => a.stance !== "denied").map((a) => noteId(claim, a));
    const denying = claim.attributions.filter((a) => a.stance === "denied").map((a) => noteId(claim, a));
    for (const r of countedReviews(claim)) {
      if (!isReviewedStatus(r.status)) continue; // a reset to "unreviewed" is no opinion
      for (const [polarity, refs] of [
        ["stating", stating],
        ["denying", denying],
      ] as const) {
        if (!refs.length) continue;
        objects.push({
          ...common("opinion", stixId("opinion", `${claim.key}#review-${r.id}:${polarity}`), r.createdAt, reviewEffectiveAt(r)),
          opinion: OPINIONS[r.status][polarity],
          explanation: r.rationale,
          authors: [r.reviewer],
          object_refs: refs,
          external_references: [link(`/claims/${claim.id}`, claim.key)],
          x_crosscheck_review: { id: r.id, status: r.status, previous_status: r.previousStatus, state: r.state, polarity },
          x_crosscheck_current: current?.id === r.id,
        });
      }
    }
  }

  for (const c of data.conflicts) {
    // A dismissed or resolved conflict is the analyst's (or the evidence's) word that the
    // statements do not contradict; exporting a "contradicts" edge for it would mislead.
    if (c.status !== "open" && c.status !== "confirmed") continue;
    const claimKey = data.claims.find((cl) => cl.id === c.claimId)?.key;
    if (!claimKey) continue;
    for (const a of c.sideA) {
      for (const b of c.sideB) {
        const from = notesByAttribution.get(a);
        const to = notesByAttribution.get(b);
        if (!from || !to) continue;
        objects.push({
          ...common("relationship", stixId("relationship", `${claimKey}#conflict-${c.id}:${a}:${b}`), c.createdAt, c.updatedAt),
          relationship_type: CONTRADICTS,
          source_ref: from.id,
          target_ref: to.id,
          description: c.explanation,
          external_references: [link(`/conflicts/${c.id}`)],
          x_crosscheck_conflict: { id: c.id, kind: c.kind, status: c.status, active: c.active, score: c.score },
        });
      }
    }
  }

  // The bundle id names its content: the same objects give the same bundle id.
  const digest = createHash("sha256").update(JSON.stringify(objects)).digest("hex");
  return { type: "bundle", id: `bundle--${uuidV5(`bundle:${digest}`, STIX_NAMESPACE)}`, objects };
}
