/**
 * The assistant's suggestions for a stored document, each with a complete proposal
 * (proposals.ts): speakers matched against the database's sources (names and aliases), the
 * outlet taken from the document's publisher, for each suggestion the existing claims it
 * matches or contradicts (the claim index retrieves candidates; the pair classifier labels
 * each with a score and readable reasons), and the stance the report as a whole takes on the
 * stored claims it is about (the stance classifier), so a report that debunks a tracked claim
 * without restating it still gets its stance proposed.
 * Reads only; the analyst decides (accept-suggestions.ts).
 */
import type { Tx } from "../../db/client.ts";
import { cosineInt8, vectorNorm } from "../../engine/dense.ts";
import { classifyPair, classifyStance, keyTokens, normalizeText, type ClaimIndex, type StanceResult } from "../../engine/index.ts";
import { NotFoundError } from "../../errors.ts";
import { extractSuggestions, type KnownSource, type Suggestion } from "../../extract/extract.ts";
import { reportDate } from "../../extract/dates.ts";
import { partyMatches, statementReference } from "../../extract/reference.ts";
import { claimIndex, matchText } from "../matching/claim-index.ts";
import { textVectors } from "../matching/claim-vectors.ts";
import { MIN_PROBABILITY } from "../matching/suggest-links.ts";
import { resolveSpeakerVariants, variantWhy } from "./speaker-variants.ts";
import { proposeAll, type DocumentStance, type Proposal, type StoredCandidate } from "./proposals.ts";

/** Candidates retrieved per suggestion, and matches shown. */
const CANDIDATES = 8;
const SHOWN = 3;
/** Stored claims the whole report is compared with by the stance classifier. */
const DOCUMENT_CANDIDATES = 5;
/** A report this short with no reporting frame is the outlet's own statement (a post, a tweet). */
const SHORT_POST = 600;
/** The stance classifier must find the report related to the claim at least this surely. */
const MIN_RELATED = 0.5;

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
  /**
   * Where the suggestion comes from: a reporting frame in one sentence (absent), the report's
   * stance on a stored claim ("stance"), or a short post's own statement ("own-voice").
   */
  origin?: "stance" | "own-voice";
  /** For a "stance" suggestion: the stored claim it is about. */
  targetClaimId?: number;
  matches: ClaimMatch[];
  /** Attributions already recorded in this document from exactly this quote. */
  recorded: { attributionId: number; claimId: number; sourceId: number; stance: string }[];
  /** The assistant's complete decision: an item POST /documents/:id/suggestions accepts unchanged. */
  proposal: Proposal;
  /** Why it proposes that, in plain words. */
  proposalWhy: string[];
}

export interface DocumentSuggestions {
  document: { id: number; title: string; language: string; text: string; publisherId: number | null; publisherName: string | null };
  language: "ar" | "en" | "mixed";
  outlet: string | null;
  /** The outlet as a known source: the publisher, else a source named like the outlet the text names. */
  outletSourceId: number | null;
  suggestions: ReviewSuggestion[];
  /** With no publication date: the day read from the report's own words, and those words (dates the proposals' statements). */
  reportDate: { date: string; text: string } | null;
}

/** Every source as the extractor's known-source list (id, name, aliases, kind). */
export async function knownSources(tx: Tx): Promise<KnownSource[]> {
  const rows = await tx.source.findMany({ where: { mergedIntoId: null }, include: { aliases: { select: { alias: true } } }, orderBy: { id: "asc" } });
  return rows.map((s) => ({ id: s.id, name: s.name, aliases: s.aliases.map((a) => a.alias), kind: s.kind }));
}

/** A known source called by one of `names` (normalised comparison), if exactly one is. */
function outletSource(known: KnownSource[], names: string[]): number | null {
  const wanted = new Set(names.map((n) => normalizeText(n)).filter(Boolean));
  const hits = known.filter((k) => [k.name, ...k.aliases].some((n) => wanted.has(normalizeText(n))));
  return hits.length === 1 ? Number(hits[0].id) : null;
}

type ClaimRow = { id: number; text: string; translation: string; status: string; mergedIntoId: number | null; speakers: string[]; documentIds: number[] };

/** The text of a post as a proposition: links and hashtag marks dropped, spaces collapsed. */
function postText(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/#(\S+)/g, (_m, w: string) => w.replace(/_/g, " "))
    .replace(/[\p{Extended_Pictographic}\uFE0F\u200D]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
}

/** A short post with no reporting frame: the outlet states it. */
function ownVoice(text: string, outlet: { name: string; sourceId: number | null } | null): Suggestion | null {
  if (!outlet || text.length > SHORT_POST) return null;
  const claimText = postText(text);
  if (claimText.replace(/[^\p{L}]/gu, "").length < 12) return null;
  const start = text.search(/\S/);
  const end = text.trimEnd().length;
  const known = outlet.sourceId !== null;
  return {
    claimText,
    speaker: {
      name: outlet.name,
      kind: "outlet",
      isNew: !known,
      ...(known ? { matchedSourceId: outlet.sourceId!, matchedSourceName: outlet.name, matchedVia: "outlet" as const } : {}),
    },
    outlet: outlet.name,
    stance: "asserted",
    cue: { text: text.slice(start, Math.min(end, start + 1)), start, end: Math.min(end, start + 1), hint: "asserted", family: "own voice", kind: "own-voice" },
    cues: [],
    quote: { text: text.slice(start, end), start, end },
    sentence: { start, end },
    details: { dates: [], places: [], numbers: [], people: [] },
    reasons: ["a short post with no reporting frame: the outlet's own statement"],
  };
}

/** Where the sentence the stance classifier relied on sits in the text (verbatim, else its first words). */
function locate(text: string, sentence: string | undefined): { start: number; end: number } | null {
  if (!sentence) return null;
  const at = text.indexOf(sentence);
  if (at >= 0) return { start: at, end: at + sentence.length };
  const head = sentence.slice(0, 40);
  const h = head.length >= 12 ? text.indexOf(head) : -1;
  if (h < 0) return null;
  const stop = text.slice(h).search(/[.!?؟\n]/);
  return { start: h, end: stop > 0 ? h + stop + 1 : Math.min(text.length, h + sentence.length) };
}

function stanceSuggestion(
  text: string,
  claim: ClaimRow,
  r: StanceResult,
  speakerOf: (span: { start: number; end: number }) => Suggestion["speaker"] | null,
  outlet: { name: string; sourceId: number | null },
): Suggestion | null {
  const span =
    locate(text, r.sentence) ??
    (() => {
      const start = text.search(/\S/);
      const stop = text.slice(start).search(/[.!?؟\n]/);
      return { start, end: stop > 0 ? start + stop + 1 : text.trimEnd().length };
    })();
  if (span.end <= span.start) return null;
  const named = speakerOf(span);
  const known = outlet.sourceId !== null;
  const speaker = named ?? {
    name: outlet.name,
    kind: "outlet" as const,
    isNew: !known,
    ...(known ? { matchedSourceId: outlet.sourceId!, matchedSourceName: outlet.name, matchedVia: "outlet" as const } : {}),
  };
  const stance = r.label as "asserted" | "denied" | "unverified";
  return {
    claimText: claim.text,
    speaker,
    outlet: outlet.name,
    stance,
    cue: { text: text.slice(span.start, span.end), start: span.start, end: span.end, hint: stance, family: "stance classifier", kind: "document" },
    cues: [],
    quote: { text: text.slice(span.start, span.end), start: span.start, end: span.end },
    sentence: span,
    details: { dates: [], places: [], numbers: [], people: [] },
    reasons: [`the report ${stance} stored claim #${claim.id} (probability ${r.score.toFixed(2)})`, ...r.reasons],
  };
}

async function claimRows(tx: Tx, ids: number[], cache: Map<number, ClaimRow | null>): Promise<void> {
  const missing = [...new Set(ids)].filter((id) => !cache.has(id));
  if (!missing.length) return;
  const rows = await tx.claim.findMany({
    where: { id: { in: missing } },
    select: {
      id: true,
      text: true,
      translation: true,
      status: true,
      mergedIntoId: true,
      attributions: { select: { documentId: true, source: { select: { name: true } } }, orderBy: { id: "asc" } },
    },
  });
  for (const id of missing) cache.set(id, null);
  for (const r of rows)
    cache.set(r.id, {
      id: r.id,
      text: r.text,
      translation: r.translation,
      status: r.status,
      mergedIntoId: r.mergedIntoId,
      speakers: [...new Set(r.attributions.map((a) => a.source.name))],
      documentIds: [...new Set(r.attributions.map((a) => a.documentId).filter((d): d is number => d != null))],
    });
}

/** The stance the whole report takes on each stored claim it is about (read by the stance classifier). */
async function documentStances(
  tx: Tx,
  index: ClaimIndex,
  docId: number,
  text: string,
  cache: Map<number, ClaimRow | null>,
): Promise<Map<number, { claim: ClaimRow; result: StanceResult }>> {
  const hits = index.search(text.slice(0, 4000), DOCUMENT_CANDIDATES);
  await claimRows(
    tx,
    hits.map((h) => Number(h.id)),
    cache,
  );
  const out = new Map<number, { claim: ClaimRow; result: StanceResult }>();
  for (const h of hits) {
    const claim = cache.get(Number(h.id));
    // a claim read only in this report is not what the report takes a stance on
    if (!claim || claim.mergedIntoId != null || (claim.documentIds.length && claim.documentIds.every((d) => d === docId))) continue;
    const result = classifyStance(claim.text, text);
    if (result.label === "unrelated" || result.probs.unrelated > MIN_RELATED) continue;
    out.set(claim.id, { claim, result });
  }
  return out;
}

/**
 * For each suggestion that only refers to another party's statement ("The ministry's
 * announcement is false"): the stored claims that party asserted, best first — the ones sharing
 * most words with this report, then the most recent. Claims read only in this report are left
 * to the proposals' own bookkeeping.
 */
async function referencedClaims(tx: Tx, docId: number, text: string, suggestions: Suggestion[], known: KnownSource[]): Promise<Map<number, StoredCandidate[]>> {
  const out = new Map<number, StoredCandidate[]>();
  const docWords = new Set(keyTokens(text).filter((w) => w.length > 2));
  for (const [i, s] of suggestions.entries()) {
    const ref = statementReference(s.claimText, s.stance);
    if (!ref) continue;
    const sources = known.filter((k) => partyMatches(ref.party, [k.name, ...k.aliases])).map((k) => Number(k.id));
    if (!sources.length) {
      out.set(i, []);
      continue;
    }
    const rows = await tx.attribution.findMany({
      where: { sourceId: { in: sources }, stance: "asserted", claim: { mergedIntoId: null }, OR: [{ documentId: null }, { documentId: { not: docId } }] },
      select: { claim: { select: { id: true, text: true } }, source: { select: { name: true } } },
      orderBy: { id: "desc" },
      take: 50,
    });
    const seen = new Set<number>();
    const ranked = rows
      .filter((r) => !seen.has(r.claim.id) && seen.add(r.claim.id))
      .map((r, order) => ({
        c: { claimId: r.claim.id, text: r.claim.text, speakers: [r.source.name] },
        shared: keyTokens(r.claim.text).filter((w) => docWords.has(w)).length,
        order,
      }))
      .sort((a, b) => b.shared - a.shared || a.order - b.order);
    out.set(
      i,
      ranked.map((r) => r.c),
    );
  }
  return out;
}

function cosineOf(a: Int8Array | undefined, b: Int8Array | undefined): number | undefined {
  return a && b ? cosineInt8(a, vectorNorm(a), b, vectorNorm(b)) : undefined;
}

/** How far a document's suggestions have got: statements read, then matched one by one against the store. */
export interface SuggestionsProgress {
  phase: "reading" | "matching" | "proposing";
  done: number;
  total: number;
}

export async function suggestionsFor(tx: Tx, documentId: number, onProgress?: (p: SuggestionsProgress) => void): Promise<DocumentSuggestions> {
  const doc = await tx.document.findUnique({ where: { id: documentId }, include: { publisher: { include: { aliases: true } } } });
  if (!doc) throw new NotFoundError("The document");
  const outlet = doc.publisher ? { name: doc.publisher.name, aliases: doc.publisher.aliases.map((a) => a.alias) } : undefined;
  const known = await knownSources(tx);
  onProgress?.({ phase: "reading", done: 0, total: 0 });
  // No publication date given: the report's own dateline ("اليوم الخميس 28 آذار/ مارس") dates its
  // statements and anchors its relative dates; the analyst sees where the day came from.
  const readDate = doc.publishedAt ? undefined : reportDate(doc.text, doc.retrievedAt ?? doc.createdAt);
  const publishedDay = doc.publishedAt ? doc.publishedAt.toISOString().slice(0, 10) : (readDate?.date ?? null);
  const result = extractSuggestions({ text: doc.text, outlet, knownSources: known, publishedAt: publishedDay ?? undefined });
  const outletSourceId = doc.publisherId ?? (result.outlet ? outletSource(known, [result.outlet.name, ...(result.outlet.aliases ?? [])]) : null);
  const voice = result.outlet ? { name: result.outlet.name, sourceId: outletSourceId } : null;

  const extracted: Array<Suggestion & { origin?: "own-voice" }> = resolveSpeakerVariants(result.suggestions, known);
  if (!extracted.length) {
    const own = ownVoice(doc.text, voice);
    if (own) extracted.push({ ...own, origin: "own-voice" });
  }

  const { index, dict } = await claimIndex(tx);
  const recorded = await tx.attribution.findMany({
    where: { documentId: doc.id, quoteStart: { not: null } },
    select: { id: true, claimId: true, sourceId: true, stance: true, quoteStart: true, quoteEnd: true },
  });
  const cache = new Map<number, ClaimRow | null>();
  const vectors = await textVectors(extracted.map((s) => s.claimText));

  const base = [] as Array<Omit<ReviewSuggestion, "proposal" | "proposalWhy">>;
  const candidates = new Map<number, StoredCandidate[]>();
  onProgress?.({ phase: "matching", done: 0, total: extracted.length });
  for (const [i, s] of extracted.entries()) {
    if (i > 0) onProgress?.({ phase: "matching", done: i, total: extracted.length });
    const hits = index.search(s.claimText, CANDIDATES, { vector: vectors[i] });
    await claimRows(
      tx,
      hits.map((h) => Number(h.id)),
      cache,
    );
    const matches: ClaimMatch[] = [];
    const stored: StoredCandidate[] = [];
    for (const hit of hits) {
      const claim = cache.get(Number(hit.id));
      if (!claim || claim.mergedIntoId != null) continue;
      stored.push({ claimId: claim.id, text: claim.text, speakers: claim.speakers, cosine: cosineOf(vectors[i], index.vectorOf(hit.id)) });
      const pair = classifyPair(s.claimText, matchText(claim), { entities: dict });
      if (pair.label === "unrelated" || pair.score < MIN_PROBABILITY) continue;
      matches.push({
        claimId: claim.id,
        text: claim.text,
        translation: claim.translation,
        status: claim.status,
        relation: pair.label,
        score: Math.round(pair.score * 100) / 100,
        reasons: pair.reasons,
      });
    }
    candidates.set(i, stored);
    matches.sort((a, b) => b.score - a.score || a.claimId - b.claimId);
    base.push({
      ...s,
      index: i,
      matches: matches.slice(0, SHOWN),
      recorded: recordedAt(recorded, s.quote),
    });
  }

  onProgress?.({ phase: "proposing", done: extracted.length, total: extracted.length });
  // The report's stance on the stored claims it is about. The outlet's own statements on such
  // a claim take that stance; a claim no suggestion attaches to gets a suggestion of its own.
  const stancesRead = voice ? await documentStances(tx, index, doc.id, doc.text, cache) : new Map<number, { claim: ClaimRow; result: StanceResult }>();
  const docStances = new Map<number, DocumentStance>(
    [...stancesRead].map(([id, v]) => [id, { claimId: id, stance: v.result.label as DocumentStance["stance"], reasons: v.result.reasons }]),
  );
  const partyClaims = await referencedClaims(tx, doc.id, doc.text, base, known);
  const ctx = {
    dict: dict,
    publisherId: doc.publisherId,
    outletName: voice?.name ?? null,
    outletAliases: result.outlet?.aliases ?? [],
    outletSourceId,
    publishedDay,
    candidates,
    documentStances: docStances,
    partyClaims,
  };
  const first = proposeAll({ ...ctx, suggestions: base });
  const targeted = new Set(first.flatMap((p) => (p.proposal.mergeInto && "claimId" in p.proposal.mergeInto ? [p.proposal.mergeInto.claimId] : [])));
  const speakerOf = (span: { start: number; end: number }) =>
    base.find((b) => !b.origin && b.speaker.kind !== "outlet" && b.sentence.start <= span.start && b.sentence.end >= span.end)?.speaker ?? null;
  for (const [claimId, { claim, result: r }] of stancesRead) {
    if (targeted.has(claimId) || !voice) continue;
    const s = stanceSuggestion(doc.text, claim, r, speakerOf, voice);
    if (!s) continue;
    base.push({
      ...s,
      index: base.length,
      origin: "stance",
      targetClaimId: claimId,
      matches: [],
      recorded: recordedAt(recorded, s.quote).filter((a) => a.claimId === claimId),
    });
  }
  const proposals = base.length > first.length ? proposeAll({ ...ctx, suggestions: base }) : first;

  return {
    document: {
      id: doc.id,
      title: doc.title,
      language: doc.language,
      text: doc.text,
      publisherId: doc.publisherId,
      publisherName: doc.publisher?.name ?? null,
    },
    language: result.language,
    outlet: result.outlet?.name ?? null,
    outletSourceId,
    reportDate: doc.publishedAt ? null : (readDate ?? null),
    suggestions: base.map((s, i) => ({ ...s, proposal: proposals[i].proposal, proposalWhy: [...proposals[i].why, ...variantWhy(s)] })),
  };
}

/** The attributions recorded in this document from exactly this quote. */
export function recordedAt(
  recorded: { id: number; claimId: number; sourceId: number; stance: string; quoteStart: number | null; quoteEnd: number | null }[],
  quote: { start: number; end: number },
): ReviewSuggestion["recorded"] {
  return recorded
    .filter((a) => a.quoteStart === quote.start && a.quoteEnd === quote.end)
    .map((a) => ({ attributionId: a.id, claimId: a.claimId, sourceId: a.sourceId, stance: a.stance }));
}
