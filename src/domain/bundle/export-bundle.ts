/**
 * The database as a bundle (see bundle.schema.ts): sources, documents and claims with their
 * attributions, plus the read-only `conflicts` (status and both sides' attributions),
 * `reviews` (who, verdict, rationale, when) and `links` (claims that agree, conflict or
 * duplicate each other, suggested or decided).
 *
 * Deterministic: sources, documents and claims are ordered by key, attributions by creation
 * within their claim, every field is always written (null when empty), and nothing depends on
 * the clock — so exporting the same database twice gives identical bytes, and an exported
 * bundle imported into a fresh database exports the same sources, documents, claims and
 * attributions again (the read-only sections are recomputed or not imported).
 */
import type { Tx } from "../../db/client.ts";
import { tagList } from "../claims/create-claim.ts";
import { BUNDLE_VERSION, type BundleJson } from "./bundle.schema.ts";

type Source = NonNullable<BundleJson["sources"]>[number];
type Attribution = NonNullable<NonNullable<BundleJson["claims"]>[number]["attributions"]>[number];
type Conflict = NonNullable<BundleJson["conflicts"]>[number];
type Review = NonNullable<BundleJson["reviews"]>[number];
type Link = NonNullable<BundleJson["links"]>[number];
type AttributionRef = Conflict["sideA"][number];

const iso = (d: Date | null) => (d ? d.toISOString() : null);
/** Code-unit order, not locale order: the same on every machine. */
const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

export async function exportBundle(tx: Tx): Promise<BundleJson> {
  // A merged source has nothing left (attributions, documents, children and names moved on).
  const sources = await tx.source.findMany({
    where: { mergedIntoId: null },
    include: { aliases: { orderBy: { id: "asc" } }, parent: { select: { key: true } } },
  });
  const sourceKey = new Map(sources.map((s) => [s.id, s.key]));
  const documents = await tx.document.findMany();
  const documentKey = new Map(documents.map((d) => [d.id, d.key]));
  const claims = await tx.claim.findMany({ include: { attributions: { orderBy: { id: "asc" } } } });
  const claimKey = new Map(claims.map((c) => [c.id, c.key]));
  sources.sort((a, b) => byString(a.key, b.key));
  documents.sort((a, b) => byString(a.key, b.key));
  claims.sort((a, b) => byString(a.key, b.key));

  const refs = new Map<number, AttributionRef>();
  for (const c of claims) {
    c.attributions.forEach((a, index) => {
      refs.set(a.id, { claim: c.key, index, source: sourceKey.get(a.sourceId)!, stance: a.stance as Attribution["stance"] });
    });
  }

  const conflicts = await tx.conflict.findMany({ include: { items: { orderBy: { id: "asc" } } } });
  const exportedConflicts = conflicts
    .map((c) => ({
      claim: claimKey.get(c.claimId)!,
      otherClaim: c.otherClaimId != null ? claimKey.get(c.otherClaimId)! : null,
      kind: c.kind as Conflict["kind"],
      status: c.status as Conflict["status"],
      active: c.active,
      score: c.score,
      explanation: c.explanation,
      statusNote: c.statusNote,
      sideA: c.items.filter((i) => i.side === "a").map((i) => refs.get(i.attributionId)!),
      sideB: c.items.filter((i) => i.side === "b").map((i) => refs.get(i.attributionId)!),
    }))
    .sort((a, b) =>
      byString(JSON.stringify([a.claim, a.kind, a.otherClaim, a.sideA, a.sideB]), JSON.stringify([b.claim, b.kind, b.otherClaim, b.sideA, b.sideB])),
    );

  const reviews = await tx.review.findMany({ include: { reviewer: { select: { username: true } } }, orderBy: { id: "asc" } });
  const confirmers = new Map(
    (
      await tx.user.findMany({
        where: { id: { in: reviews.flatMap((r) => (r.confirmedById != null ? [r.confirmedById] : [])) } },
        select: { id: true, username: true },
      })
    ).map((u) => [u.id, u.username]),
  );
  const exportedReviews = reviews
    .map((r) => ({
      claim: claimKey.get(r.claimId)!,
      reviewer: r.reviewer.username,
      previousStatus: r.previousStatus as Review["status"],
      status: r.status as Review["status"],
      rationale: r.rationale,
      createdAt: r.createdAt.toISOString(),
      state: r.state as Review["state"],
      confirmedBy: r.confirmedById != null ? (confirmers.get(r.confirmedById) ?? null) : null,
      confirmedAt: iso(r.confirmedAt),
    }))
    // Stable sort: within one claim, reviews stay in the order they were made.
    .sort((a, b) => byString(a.claim, b.claim));

  // Every relation is symmetric; the stored direction follows row ids, so name the pair in key order.
  const links = (await tx.claimLink.findMany())
    .map((l) => {
      const [from, to] = [claimKey.get(l.fromId)!, claimKey.get(l.toId)!].sort(byString);
      return {
        from,
        to,
        relation: l.relation as Link["relation"],
        origin: l.origin as Link["origin"],
        status: l.status as Link["status"],
        score: l.score,
      };
    })
    .sort((a, b) => byString(a.from, b.from) || byString(a.to, b.to));

  return {
    version: BUNDLE_VERSION,
    sources: sources.map((s) => ({
      key: s.key,
      name: s.name,
      aliases: s.aliases.map((a) => a.alias),
      kind: s.kind as Source["kind"],
      reliability: s.reliability as Source["reliability"],
      notes: s.notes,
      parent: s.parent?.key ?? null,
    })),
    documents: documents.map((d) => ({
      key: d.key,
      title: d.title,
      url: d.url,
      publisher: d.publisherId != null ? sourceKey.get(d.publisherId)! : null,
      publishedAt: iso(d.publishedAt),
      retrievedAt: iso(d.retrievedAt),
      language: d.language,
      text: d.text,
    })),
    claims: claims.map((c) => ({
      key: c.key,
      text: c.text,
      language: c.language,
      translation: c.translation,
      tags: tagList(c.tags),
      eventDate: iso(c.eventDate),
      attributions: c.attributions.map((a) => ({
        source: sourceKey.get(a.sourceId)!,
        outlet: a.outletId != null ? sourceKey.get(a.outletId)! : null,
        via: a.viaId != null ? sourceKey.get(a.viaId)! : null,
        document: a.documentId != null ? documentKey.get(a.documentId)! : null,
        stance: a.stance as Attribution["stance"],
        quote: a.quote,
        statedAt: iso(a.statedAt),
        credibility: a.credibility,
      })),
      mergedInto: c.mergedIntoId != null ? claimKey.get(c.mergedIntoId)! : null,
    })),
    conflicts: exportedConflicts,
    reviews: exportedReviews,
    links,
  };
}

/** The bytes an export writes: two-space JSON, UTF-8, trailing newline. */
export function bundleText(bundle: BundleJson): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}
