/**
 * Read-only report queries: a claim, a topic (tag) or a conflict as one plain `ReportData`
 * object that the exporters (CSV, ClaimReview, STIX) and views can share. No Prisma type
 * leaks out: dates are ISO-8601 strings, optional relations are `null`, and every list is
 * ordered by id, so loading an unchanged database twice gives equal objects (apart from
 * `generatedAt`, which the caller can pin with `opts.now`).
 *
 * A report is self-contained for its conflicts: when a conflict links a selected claim to
 * another claim (kind "contradiction"), that other claim is loaded too, so both sides'
 * attributions are present.
 */
import { t } from "../../i18n/index.ts";
import type { Tx } from "../../db/client.ts";
import { normalizeText } from "../../engine/normalize.ts";
import type { Prisma } from "../../generated/prisma/client.ts";
import { NotFoundError } from "../../errors.ts";
import { claimFields } from "../claims/create-claim.ts";

export interface ReportSource {
  id: number;
  key: string;
  name: string;
  /** outlet | official_body | spokesperson | person | anonymous | agency | social_account | armed_group | other */
  kind: string;
  /** Admiralty source reliability A–F. */
  reliability: string;
  parentId: number | null;
  aliases: string[];
  createdAt: string;
  updatedAt: string;
}

export interface ReportDocument {
  id: number;
  key: string;
  title: string;
  url: string | null;
  publishedAt: string | null;
  retrievedAt: string | null;
  language: string;
  /** Hex SHA-256 of the stored full text. */
  sha256: string;
  publisher: ReportSource | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReportReview {
  id: number;
  status: string;
  previousStatus: string;
  rationale: string;
  /** The reviewer's username. */
  reviewer: string;
  /** final | pending | confirmed | rejected — only final and confirmed verdicts count. */
  state: string;
  createdAt: string;
  confirmedAt: string | null;
}

export interface ReportAttribution {
  id: number;
  /** asserted | denied | unverified */
  stance: string;
  quote: string;
  statedAt: string | null;
  /** Admiralty information credibility 1–6. */
  credibility: number | null;
  /** The speaker. */
  source: ReportSource;
  /** The outlet that carried the statement. */
  outlet: ReportSource | null;
  /** The "according to" intermediary. */
  via: ReportSource | null;
  document: ReportDocument | null;
  createdAt: string;
  updatedAt: string;
}

export interface ReportClaim {
  id: number;
  key: string;
  text: string;
  language: string;
  translation: string;
  /** unreviewed | verified | disputed | unverifiable */
  status: string;
  tags: string[];
  eventDate: string | null;
  createdAt: string;
  updatedAt: string;
  reviews: ReportReview[];
  attributions: ReportAttribution[];
}

export interface ReportConflict {
  id: number;
  /** stance | reversal | contradiction | detail */
  kind: string;
  /** open | confirmed | dismissed | resolved */
  status: string;
  active: boolean;
  score: number;
  explanation: string;
  claimId: number;
  otherClaimId: number | null;
  /** Attribution ids on each side. */
  sideA: number[];
  sideB: number[];
  createdAt: string;
  updatedAt: string;
}

export interface ReportData {
  generatedAt: string;
  title: string;
  claims: ReportClaim[];
  conflicts: ReportConflict[];
  /** Every source referenced (speakers, outlets, intermediaries, publishers and their parents). */
  sources: ReportSource[];
  /** Every document referenced by an attribution. */
  documents: ReportDocument[];
}

export interface ReportOptions {
  /** Pin `generatedAt` (tests, reproducible exports); defaults to the current time. */
  now?: Date;
}

/** Review states whose verdict counts (a pending or rejected two-person review does not). */
export const COUNTED_REVIEW_STATES = ["final", "confirmed"] as const;

const iso = (d: Date | null | undefined): string | null => (d ? d.toISOString() : null);

/**
 * The SQLite driver adapter refuses queries with more than 999 bound parameters, so `IN`
 * lists are split; results are merged, de-duplicated and put back in id order.
 */
const IN_CHUNK = 400;
async function byChunks<T extends { id: number }>(ids: number[], fn: (part: number[]) => Promise<T[]>): Promise<T[]> {
  const out = new Map<number, T>();
  for (let i = 0; i < ids.length; i += IN_CHUNK) {
    for (const row of await fn(ids.slice(i, i + IN_CHUNK))) out.set(row.id, row);
  }
  return [...out.values()].sort((a, b) => a.id - b.id);
}

const touching = (part: number[]) => ({ OR: [{ claimId: { in: part } }, { otherClaimId: { in: part } }] });

/** One claim, with any claim it is in conflict with. */
export async function loadClaimReport(db: Tx, claimId: number, opts: ReportOptions = {}): Promise<ReportData> {
  const claim = await db.claim.findUnique({ where: { id: claimId }, select: { id: true, text: true } });
  if (!claim) throw new NotFoundError("The claim");
  const ids = await withConflictPartners(db, [claim.id]);
  return buildReport(db, ids, t("report.titleClaim", { id: claim.id, text: claim.text }), opts);
}

/** Every claim tagged `tag` (normalised the way tags are stored), with their conflict partners. */
export async function loadTopicReport(db: Tx, tag: string, opts: ReportOptions = {}): Promise<ReportData> {
  const key = normalizeText(tag.trim());
  const tagged = key ? await db.claim.findMany({ where: { tags: { contains: ` ${key} ` } }, select: { id: true }, orderBy: { id: "asc" } }) : [];
  const ids = await withConflictPartners(
    db,
    tagged.map((c) => c.id),
  );
  return buildReport(db, ids, t("report.titleTopic", { tag: tag.trim() }), opts);
}

/** One conflict: its claim(s), every attribution on them, and the conflict itself (plus the claims' other conflicts). */
export async function loadConflictReport(db: Tx, conflictId: number, opts: ReportOptions = {}): Promise<ReportData> {
  const conflict = await db.conflict.findUnique({ where: { id: conflictId }, select: { id: true, claimId: true, otherClaimId: true, explanation: true } });
  if (!conflict) throw new NotFoundError("The conflict");
  const ids = [conflict.claimId, ...(conflict.otherClaimId != null ? [conflict.otherClaimId] : [])];
  const data = await buildReport(db, ids, t("report.titleConflict", { id: conflict.id, explanation: conflict.explanation }), opts);
  // Only the requested conflict: the report is about it, not every other finding on the claims.
  data.conflicts = data.conflicts.filter((c) => c.id === conflict.id);
  return data;
}

/**
 * One page of claims matching `where`, in id order after `afterId` — for exports that stream
 * the whole database in constant memory. Conflict partners are NOT added (each claim appears
 * on its own page exactly once); conflicts touching the page's claims are.
 */
export async function loadClaimPage(
  db: Tx,
  where: Prisma.ClaimWhereInput,
  afterId: number,
  take: number,
): Promise<{ data: ReportData; lastId: number | null }> {
  const page = await db.claim.findMany({
    where: { AND: [where, { id: { gt: afterId } }] },
    select: { id: true },
    orderBy: { id: "asc" },
    take,
  });
  const ids = page.map((c) => c.id);
  const data = await buildReport(db, ids, t("title.claims"), {});
  return { data, lastId: ids.length ? ids[ids.length - 1] : null };
}

async function withConflictPartners(db: Tx, claimIds: number[]): Promise<number[]> {
  if (!claimIds.length) return [];
  const conflicts = await byChunks(claimIds, (part) =>
    db.conflict.findMany({ where: touching(part), select: { id: true, claimId: true, otherClaimId: true } }),
  );
  const ids = new Set(claimIds);
  for (const c of conflicts) {
    ids.add(c.claimId);
    if (c.otherClaimId != null) ids.add(c.otherClaimId);
  }
  return [...ids].sort((a, b) => a - b);
}

async function buildReport(db: Tx, claimIds: number[], title: string, opts: ReportOptions): Promise<ReportData> {
  const generatedAt = (opts.now ?? new Date()).toISOString();
  if (!claimIds.length) return { generatedAt, title, claims: [], conflicts: [], sources: [], documents: [] };

  const claims = await byChunks(claimIds, (part) =>
    db.claim.findMany({
      where: { id: { in: part } },
      include: {
        reviews: { orderBy: { id: "asc" }, include: { reviewer: { select: { username: true } } } },
        attributions: { orderBy: { id: "asc" } },
      },
    }),
  );

  const documentIds = new Set<number>();
  const sourceIds = new Set<number>();
  for (const c of claims) {
    for (const a of c.attributions) {
      sourceIds.add(a.sourceId);
      if (a.outletId != null) sourceIds.add(a.outletId);
      if (a.viaId != null) sourceIds.add(a.viaId);
      if (a.documentId != null) documentIds.add(a.documentId);
    }
  }
  const documentRows = await byChunks([...documentIds], (part) => db.document.findMany({ where: { id: { in: part } }, omit: { text: true, searchKey: true } }));
  for (const d of documentRows) if (d.publisherId != null) sourceIds.add(d.publisherId);

  // Sources and, transitively, their parents (an anonymous source belongs to its outlet).
  const sources = new Map<number, ReportSource>();
  let wanted = [...sourceIds];
  while (wanted.length) {
    const rows = await byChunks(wanted, (part) =>
      db.source.findMany({ where: { id: { in: part } }, include: { aliases: { orderBy: { id: "asc" }, select: { alias: true } } } }),
    );
    wanted = [];
    for (const s of rows) {
      sources.set(s.id, {
        id: s.id,
        key: s.key,
        name: s.name,
        kind: s.kind,
        reliability: s.reliability,
        parentId: s.parentId,
        aliases: s.aliases.map((a) => a.alias),
        createdAt: s.createdAt.toISOString(),
        updatedAt: s.updatedAt.toISOString(),
      });
      if (s.parentId != null && !sources.has(s.parentId)) wanted.push(s.parentId);
    }
    wanted = wanted.filter((id) => !sources.has(id));
  }
  const source = (id: number | null) => (id != null ? (sources.get(id) ?? null) : null);

  const documents = new Map<number, ReportDocument>(
    documentRows.map((d) => [
      d.id,
      {
        id: d.id,
        key: d.key,
        title: d.title,
        url: d.url,
        publishedAt: iso(d.publishedAt),
        retrievedAt: iso(d.retrievedAt),
        language: d.language,
        sha256: d.sha256,
        publisher: source(d.publisherId),
        createdAt: d.createdAt.toISOString(),
        updatedAt: d.updatedAt.toISOString(),
      },
    ]),
  );

  const conflictRows = await byChunks(claimIds, (part) =>
    db.conflict.findMany({ where: touching(part), include: { items: { orderBy: { attributionId: "asc" } } } }),
  );

  return {
    generatedAt,
    title,
    claims: claims.map((c) => ({
      ...claimFields(c),
      eventDate: iso(c.eventDate),
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
      reviews: c.reviews.map((r) => ({
        id: r.id,
        status: r.status,
        previousStatus: r.previousStatus,
        rationale: r.rationale,
        reviewer: r.reviewer.username,
        state: r.state,
        createdAt: r.createdAt.toISOString(),
        confirmedAt: iso(r.confirmedAt),
      })),
      attributions: c.attributions.map((a) => ({
        id: a.id,
        stance: a.stance,
        quote: a.quote,
        statedAt: iso(a.statedAt),
        credibility: a.credibility,
        source: source(a.sourceId)!,
        outlet: source(a.outletId),
        via: source(a.viaId),
        document: a.documentId != null ? (documents.get(a.documentId) ?? null) : null,
        createdAt: a.createdAt.toISOString(),
        updatedAt: a.updatedAt.toISOString(),
      })),
    })),
    conflicts: conflictRows.map((c) => ({
      id: c.id,
      kind: c.kind,
      status: c.status,
      active: c.active,
      score: c.score,
      explanation: c.explanation,
      claimId: c.claimId,
      otherClaimId: c.otherClaimId,
      sideA: c.items.filter((i) => i.side === "a").map((i) => i.attributionId),
      sideB: c.items.filter((i) => i.side === "b").map((i) => i.attributionId),
      createdAt: c.createdAt.toISOString(),
      updatedAt: c.updatedAt.toISOString(),
    })),
    sources: [...sources.values()].sort((a, b) => a.id - b.id),
    documents: [...documents.values()],
  };
}
