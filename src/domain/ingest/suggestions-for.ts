/**
 * The assistant's suggestions for a stored document: speakers matched against the database's
 * sources (names and aliases), the outlet taken from the document's publisher, and for each
 * suggestion the existing claims it matches or contradicts (the claim index retrieves
 * candidates; the pair classifier labels each with a score and readable reasons).
 * Reads only; the analyst decides (accept-suggestions.ts).
 */
import type { Tx } from "../../db/client.ts";
import { classifyPair, normalizeText } from "../../engine/index.ts";
import { NotFoundError } from "../../errors.ts";
import { extractSuggestions, type KnownSource, type Suggestion } from "../../extract/extract.ts";
import { claimIndex, matchText } from "../matching/claim-index.ts";
import { textVectors } from "../matching/claim-vectors.ts";
import { MIN_PROBABILITY } from "../matching/suggest-links.ts";

/** Candidates retrieved per suggestion, and matches shown. */
const CANDIDATES = 8;
const SHOWN = 3;

export interface ClaimMatch {
  claimId: number;
  text: string;
  translation: string;
  status: string;
  relation: "agree" | "conflict";
  /** Probability of `relation` from the pair classifier. */
  score: number;
  reasons: string[];
}

export interface ReviewSuggestion extends Suggestion {
  /** Position in the list: the number the review form and the API use. */
  index: number;
  matches: ClaimMatch[];
  /** Attributions already recorded in this document from exactly this quote. */
  recorded: { attributionId: number; claimId: number; sourceId: number; stance: string }[];
}

export interface DocumentSuggestions {
  document: { id: number; title: string; language: string; text: string; publisherId: number | null; publisherName: string | null };
  language: "ar" | "en" | "mixed";
  outlet: string | null;
  /** The outlet as a known source: the publisher, else a source named like the outlet the text names. */
  outletSourceId: number | null;
  suggestions: ReviewSuggestion[];
}

/** Every source as the extractor's known-source list (id, name, aliases, kind). */
export async function knownSources(tx: Tx): Promise<KnownSource[]> {
  const rows = await tx.source.findMany({ include: { aliases: { select: { alias: true } } }, orderBy: { id: "asc" } });
  return rows.map((s) => ({ id: s.id, name: s.name, aliases: s.aliases.map((a) => a.alias), kind: s.kind }));
}

/** A known source called by one of `names` (normalised comparison), if exactly one is. */
function outletSource(known: KnownSource[], names: string[]): number | null {
  const wanted = new Set(names.map((n) => normalizeText(n)).filter(Boolean));
  const hits = known.filter((k) => [k.name, ...k.aliases].some((n) => wanted.has(normalizeText(n))));
  return hits.length === 1 ? Number(hits[0].id) : null;
}

export async function suggestionsFor(tx: Tx, documentId: number): Promise<DocumentSuggestions> {
  const doc = await tx.document.findUnique({ where: { id: documentId }, include: { publisher: { include: { aliases: true } } } });
  if (!doc) throw new NotFoundError("The document");
  const outlet = doc.publisher ? { name: doc.publisher.name, aliases: doc.publisher.aliases.map((a) => a.alias) } : undefined;
  const known = await knownSources(tx);
  const result = extractSuggestions({
    text: doc.text,
    outlet,
    knownSources: known,
    publishedAt: doc.publishedAt ? doc.publishedAt.toISOString().slice(0, 10) : undefined,
  });

  const { index, dict } = await claimIndex(tx);
  const recorded = await tx.attribution.findMany({
    where: { documentId: doc.id, quoteStart: { not: null } },
    select: { id: true, claimId: true, sourceId: true, stance: true, quoteStart: true, quoteEnd: true },
  });
  const claimCache = new Map<number, { id: number; text: string; translation: string; status: string; mergedIntoId: number | null } | null>();
  const claimById = async (id: number) => {
    if (!claimCache.has(id)) claimCache.set(id, await tx.claim.findUnique({ where: { id }, select: { id: true, text: true, translation: true, status: true, mergedIntoId: true } }));
    return claimCache.get(id)!;
  };

  const suggestions: ReviewSuggestion[] = [];
  const vectors = await textVectors(result.suggestions.map((s) => s.claimText));
  for (const [i, s] of result.suggestions.entries()) {
    const matches: ClaimMatch[] = [];
    for (const hit of index.search(s.claimText, CANDIDATES, { vector: vectors[i] })) {
      const claim = await claimById(Number(hit.id));
      if (!claim || claim.mergedIntoId != null) continue;
      const pair = classifyPair(s.claimText, matchText(claim), { entities: dict });
      if (pair.label === "unrelated" || pair.score < MIN_PROBABILITY) continue;
      matches.push({ claimId: claim.id, text: claim.text, translation: claim.translation, status: claim.status, relation: pair.label, score: Math.round(pair.score * 100) / 100, reasons: pair.reasons });
    }
    matches.sort((a, b) => b.score - a.score || a.claimId - b.claimId);
    suggestions.push({
      ...s,
      index: i,
      matches: matches.slice(0, SHOWN),
      recorded: recorded
        .filter((a) => a.quoteStart === s.quote.start && a.quoteEnd === s.quote.end)
        .map((a) => ({ attributionId: a.id, claimId: a.claimId, sourceId: a.sourceId, stance: a.stance })),
    });
  }
  return {
    document: { id: doc.id, title: doc.title, language: doc.language, text: doc.text, publisherId: doc.publisherId, publisherName: doc.publisher?.name ?? null },
    language: result.language,
    outlet: result.outlet?.name ?? null,
    outletSourceId: doc.publisherId ?? (result.outlet ? outletSource(known, [result.outlet.name, ...(result.outlet.aliases ?? [])]) : null),
    suggestions,
  };
}
