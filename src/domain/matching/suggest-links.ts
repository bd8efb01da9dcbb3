/**
 * When a claim is saved, the engine looks for claims that state the same proposition
 * (paraphrase, other language, other spelling) and claims that contradict it, and records
 * them as suggested links with a score and readable reasons. The analyst confirms or
 * dismisses each (decide-link.ts); a decision is never overwritten by a later re-analysis.
 */
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { cosineInt8, vectorNorm } from "../../engine/dense.ts";
import { classifyPair, compareEvents, eventSynonyms, keyTokens, resolveEntities, type EntityDictionary } from "../../engine/index.ts";
import { conceptOf } from "../../engine/lexicon.ts";
import { crossLanguageSimilarity } from "../../engine/match.ts";
import { contentTerms } from "../../engine/text.ts";
import type { Actor } from "../actor.ts";
import { claimIndex, matchText } from "./claim-index.ts";
import { ensureVectors } from "./claim-vectors.ts";

/** Candidates the index returns for the classifier to look at. */
export const CANDIDATES = 8;
/** Minimum classifier probability for an agree/conflict suggestion. */
export const MIN_PROBABILITY = 0.55;
/** Agreement this strong, on highly similar wording, is suggested as a duplicate. */
export const DUPLICATE_PROBABILITY = 0.85;

export interface LinkReasons {
  reasons: string[];
  details: { kind: string; a: string; b: string; reason: string }[];
  probs: Record<string, number>;
  retrieval: { score: number; reasons: string[] };
}

/**
 * The texts the pair classifier compares. Its models were trained on same-language pairs, so
 * when the two claims are in different languages the side that has a translation in the
 * other's language (translations are English) is compared through it.
 */
export function pairTexts(
  a: { text: string; language: string; translation: string },
  b: { text: string; language: string; translation: string },
): [string, string] {
  if (a.language === b.language) return [a.text, b.text];
  if (b.language === "en" && a.translation) return [a.translation, b.text];
  if (a.language === "en" && b.translation) return [a.text, b.translation];
  if (a.translation && b.translation) return [a.translation, b.translation];
  return [a.text, b.text];
}

/**
 * Two claims in different languages, neither with a translation in the other's: the pair
 * classifier (trained on same-language pairs) cannot read them, so their sentence vectors decide
 * — the English encoder's and the Arabic student's share one space. The best-ranked claim in
 * the other language (the cross-language reranker weighs the cosine with shared names and
 * numbers), at this similarity or above (calibrated, crossLanguageSimilarity) and with a shared
 * anchor (sharedAnchors), is suggested as stating the same proposition; the analyst confirms
 * (and may merge, so their stances are compared on one claim) or dismisses it.
 */
export const CROSS_LANGUAGE_AGREE_COSINE = 0.5;

/**
 * What two texts in different languages visibly share besides their vectors: entities (قسد =
 * SDF), numbers, and concept keys of the bilingual lexicon (مخيم = camp). On held-out news
 * the nearest non-translation among 500 sentences reads about as similar as a translation
 * (median 0.80 against 0.81), so a cross-language "agree" also needs one such anchor.
 */
function sharedAnchors(a: string, b: string, dict: EntityDictionary): string[] {
  const out = sharedEntities(a, b, dict).map((id) => dict.get(id)?.en ?? id);
  const termsA = contentTerms(a),
    termsB = new Set(contentTerms(b));
  const conceptsB = new Set([...termsB].map(conceptOf).filter(Boolean));
  for (const t of new Set(termsA)) {
    if (/^\d+$/.test(t) && termsB.has(t) && !out.includes(t)) out.push(t);
    const c = conceptOf(t);
    if (c && conceptsB.has(c) && !out.includes(t)) out.push(t);
  }
  return out;
}
/**
 * Two Arabic claims the pair classifier reads as neither agreeing nor contradicting, whose
 * vectors are this close: suggested as related ("same meaning in other words"), since words
 * alone missed them. Two student vectors are compared directly (no calibration: no Arabic
 * paraphrase data was available to fit one); in hand checks a paraphrase read ~0.6 and
 * unrelated Arabic sentences under 0.1, and "related" leaves the decision to the analyst.
 */
export const ARABIC_RELATED_COSINE = 0.6;

function untranslatedAcrossLanguages(a: { language: string; translation: string }, b: { language: string; translation: string }): boolean {
  if (a.language === b.language) return false;
  if (b.language === "en" && a.translation) return false;
  if (a.language === "en" && b.translation) return false;
  return !(a.translation && b.translation);
}

/** Share of distinct key tokens the two texts have in common (Jaccard). */
function overlap(a: string, b: string): number {
  const x = new Set(keyTokens(a));
  const y = new Set(keyTokens(b));
  let common = 0;
  for (const t of x) if (y.has(t)) common += 1;
  return x.size + y.size - common ? common / (x.size + y.size - common) : 0;
}

/** Entities two claims must share to be suggested as related when the classifier sees neither agreement nor conflict. */
export const RELATED_SHARED_ENTITIES = 2;

function sharedEntities(a: string, b: string, dict: EntityDictionary): string[] {
  const ea = new Map(resolveEntities(a, dict).map((m) => [m.id, m]));
  const names: string[] = [];
  for (const m of resolveEntities(b, dict)) if (ea.has(m.id) && !names.includes(m.id)) names.push(m.id);
  return names;
}

/** Word overlap above which strong agreement is suggested as a duplicate (same proposition, near-same words). */
export const DUPLICATE_OVERLAP = 0.5;

export function linkSnapshot(l: { id: number; fromId: number; toId: number; relation: string; origin: string; status: string; score: number }) {
  const { id, fromId, toId, relation, origin, status, score } = l;
  return { id, fromId, toId, relation, origin, status, score };
}

export async function suggestLinks(tx: Tx, actor: Actor, claimId: number): Promise<number> {
  const claim = await tx.claim.findUnique({ where: { id: claimId } });
  if (!claim || claim.mergedIntoId != null) return 0;
  const { index, dict } = await claimIndex(tx);
  const text = matchText(claim);
  // meaning as well as words: this claim's sentence vector, and its candidates' (made now if missing)
  await ensureVectors(tx, index, [claimId]);
  const vector = index.vectorOf(String(claimId));
  if (vector) await ensureVectors(tx, index, index.candidateIds(text).map(Number));
  const hits = index.search(text, CANDIDATES + 1, { vector }).filter((h) => h.id !== String(claimId));
  // Accounts of the same event in other words: a second search widened with the event's synonyms.
  const synonyms = eventSynonyms(text);
  if (synonyms) {
    const seen = new Set(hits.map((h) => h.id));
    for (const h of index.search(`${text} ${synonyms}`, 4, {})) if (h.id !== String(claimId) && !seen.has(h.id)) hits.push(h);
  }
  let made = 0;
  const top = hits.slice(0, CANDIDATES + 4);
  let crossTried = false; // only the best-ranked claim in the other language may be "the same meaning"
  const candidates = new Map((await tx.claim.findMany({ where: { id: { in: top.map((h) => Number(h.id)) } } })).map((c) => [String(c.id), c]));
  for (const hit of top) {
    const other = candidates.get(hit.id);
    if (!other || other.mergedIntoId != null) continue;
    const [ta, tb] = pairTexts(claim, other);
    const pair = classifyPair(ta, tb, { entities: dict });
    let relation: string | null = null;
    if (pair.label === "conflict" && pair.score >= MIN_PROBABILITY) relation = "conflict";
    else if (pair.label === "agree" && pair.score >= MIN_PROBABILITY) {
      if (pair.details.length) relation = "conflict";
      else relation = pair.score >= DUPLICATE_PROBABILITY && overlap(ta, tb) >= DUPLICATE_OVERLAP ? "duplicate" : "agree";
    }
    // Paraphrased accounts of one event that the pair model reads as unrelated or agreeing:
    // a date or a count that disagrees is a conflict worth an analyst's look.
    let eventWhy: string[] | undefined;
    let eventScore = 0;
    if (relation !== "conflict" && relation !== "duplicate") {
      const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
      const ev = compareEvents({ text: ta, eventDate: day(claim.eventDate) }, { text: tb, eventDate: day(other.eventDate) }, dict);
      if (ev) {
        relation = "conflict";
        pair.details = ev.details;
        // confidence grows with what ties the two accounts together (concepts, places, actors)
        eventScore = Math.min(0.9, 0.5 + 0.1 * (ev.concepts.length + ev.shared.length));
        eventWhy = [`the same event (${[...ev.concepts, ...ev.shared].join(", ")}) told two ways`, ...ev.details.map((d) => d.reason)];
      }
    }
    let shared: string[] = [];
    let across: string | undefined,
      acrossSim = 0;
    if (!relation && vector) {
      const v = index.vectorOf(hit.id);
      const raw = v ? cosineInt8(vector, vectorNorm(vector), v, vectorNorm(v)) : 0;
      const crossing = untranslatedAcrossLanguages(claim, other);
      const sim = crossing ? crossLanguageSimilarity(raw) : raw;
      const first = crossing && !crossTried;
      if (crossing) crossTried = true;
      const anchors = first && sim >= CROSS_LANGUAGE_AGREE_COSINE ? sharedAnchors(claim.text, other.text, dict) : [];
      if (anchors.length) {
        relation = "agree";
        acrossSim = sim;
        across = `same meaning across languages, similarity ${sim.toFixed(2)}; both mention ${anchors.slice(0, 4).join(", ")}`;
      } else if (claim.language === "ar" && other.language === "ar" && !claim.translation && !other.translation && sim >= ARABIC_RELATED_COSINE) {
        relation = "related";
        acrossSim = sim;
        across = `same meaning in other words, similarity ${sim.toFixed(2)}`;
      }
    }
    if (!relation) {
      // Neither agreement nor contradiction, but about the same actors: related (e.g. two
      // reports on SDF–Iraq border cooperation). The analyst decides what it is worth.
      shared = sharedEntities(ta, tb, dict);
      if (shared.length >= RELATED_SHARED_ENTITIES) relation = "related";
    }
    if (!relation) continue;
    const [fromId, toId] = claimId < other.id ? [claimId, other.id] : [other.id, claimId];
    const why = eventWhy
      ? eventWhy
      : across
        ? [across, ...hit.reasons.filter((r) => !r.startsWith("same meaning"))]
        : relation === "related"
          ? [`about the same actors: ${shared.map((id) => dict.get(id)?.en ?? id).join(", ")}`, ...hit.reasons]
          : pair.reasons;
    const reasons: LinkReasons = {
      reasons: why,
      details: across ? [] : pair.details,
      probs: pair.probs,
      retrieval: { score: hit.score, reasons: hit.reasons },
    };
    const existing = await tx.claimLink.findUnique({ where: { fromId_toId: { fromId, toId } } });
    // A related link scores how far the classifier is from "unrelated"; the others its confidence.
    const score = eventWhy ? eventScore : across ? Math.round(acrossSim * 1000) / 1000 : relation === "related" ? 1 - pair.probs.unrelated : pair.score;
    if (existing && existing.status !== "suggested") continue; // the analyst already decided
    if (existing && existing.relation === relation && Math.abs(existing.score - score) < 1e-6) continue;
    const data = { relation, origin: "engine", status: "suggested", score, reasons: JSON.stringify(reasons) };
    const link = existing ? await tx.claimLink.update({ where: { id: existing.id }, data }) : await tx.claimLink.create({ data: { fromId, toId, ...data } });
    await recordAudit(tx, actor, {
      action: existing ? "link.update" : "link.create",
      entityType: "link",
      entityId: link.id,
      before: existing ? linkSnapshot(existing) : null,
      after: { ...linkSnapshot(link), reasons: why, details: pair.details },
    });
    made += 1;
  }
  return made;
}
