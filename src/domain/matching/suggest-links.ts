/**
 * When a claim is saved, the engine looks for claims that state the same proposition
 * (paraphrase, other language, other spelling) and claims that contradict it, and records
 * them as suggested links with a score and readable reasons. The analyst confirms or
 * dismisses each (decide-link.ts); a decision is never overwritten by a later re-analysis.
 *
 * None of this runs inside the save's transaction: the claim and its audit event commit first,
 * then (after-commit.ts) the vectors are made in a worker thread, the links are planned
 * outside any transaction, and the vectors, links and their audit events are written in a
 * short transaction of their own. `inTransaction` awaits that before it resolves, so a page or
 * API answer still shows the links of the claim just saved (the API contract and its tests);
 * only the writer lock is no longer held while the model runs.
 */
import { recordAudits, type AuditInput } from "../../audit/record.ts";
import { afterCommit } from "../../db/after-commit.ts";
import { derivedOffThread } from "./derive-off-thread.ts";
import { inTransaction, type Db, type Tx } from "../../db/client.ts";
import { cosineInt8, vectorNorm } from "../../engine/dense.ts";
import {
  classifyPair,
  compareEvents,
  eventSynonyms,
  keyTokens,
  resolveEntities,
  type ClaimIndex,
  type EntityDictionary,
  type MatchResult,
} from "../../engine/index.ts";
import { conceptOf } from "../../engine/lexicon.ts";
import { crossLanguageSimilarity } from "../../engine/match.ts";
import { contentTerms } from "../../engine/text.ts";
import type { Actor } from "../actor.ts";
import { claimIndex, matchText } from "./claim-index.ts";
import { makeVectors, storeVectors, type NewVector } from "./claim-vectors.ts";

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

/** What matching proposes for one pair of claims (ordered fromId < toId). */
export interface LinkPlan {
  fromId: number;
  toId: number;
  relation: string;
  score: number;
  reasons: LinkReasons;
  /** The reasons the audit event records. */
  why: string[];
  /** The details the audit event records (the pair's, or the event comparison's). */
  auditDetails: LinkReasons["details"];
}

export interface PlannedClaim {
  id: number;
  text: string;
  language: string;
  translation: string;
  mergedIntoId: number | null;
  eventDate: Date | null;
}

/**
 * The stored claims the classifier looks at for `claim`: the index's best CANDIDATES, itself
 * left out, then up to 4 more accounts of the same event in other words (a second search
 * widened with the event's synonyms).
 */
export function linkHits(index: ClaimIndex, claim: PlannedClaim): MatchResult[] {
  const self = String(claim.id);
  const text = matchText(claim);
  const vector = index.vectorOf(self);
  const hits = index
    .search(text, CANDIDATES + 1, { vector, exclude: self })
    .filter((h) => h.id !== self)
    .slice(0, CANDIDATES);
  const synonyms = eventSynonyms(text);
  if (synonyms) {
    const seen = new Set(hits.map((h) => h.id));
    for (const h of index.search(`${text} ${synonyms}`, 4, { exclude: self })) if (h.id !== self && !seen.has(h.id)) hits.push(h);
  }
  return hits;
}

/**
 * The links matching proposes for `claim` among its search hits (pure: the dictionary, the
 * hits, the candidate rows and the index's vectors are given). Used after a save and by re-analysis.
 */
export function planLinks(
  dict: EntityDictionary,
  claim: PlannedClaim,
  hits: MatchResult[],
  rows: Map<string, PlannedClaim>,
  vectors?: Pick<ClaimIndex, "vectorOf">,
): LinkPlan[] {
  const vector = vectors?.vectorOf(String(claim.id));
  const plans: LinkPlan[] = [];
  let crossTried = false; // only the best-ranked claim in the other language may be "the same meaning"
  const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);
  for (const hit of hits) {
    const other = rows.get(hit.id);
    if (!other || other.mergedIntoId != null) continue;
    // The newer claim is always side A (as when it was saved), so a pair classifies the same
    // from either claim and a re-analysis that meets it twice does not flip its score.
    const [newer, older] = claim.id > other.id ? [claim, other] : [other, claim];
    const [ta, tb] = pairTexts(newer, older);
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
      const ev = compareEvents({ text: ta, eventDate: day(newer.eventDate) }, { text: tb, eventDate: day(older.eventDate) }, dict);
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
      const ov = vectors?.vectorOf(hit.id);
      const raw = ov ? cosineInt8(vector, vectorNorm(vector), ov, vectorNorm(ov)) : 0;
      // Judged from the newer claim's side, as at its save: "the best-ranked claim in the other
      // language" among the claims stored before it, so re-analysis proposes what saves did.
      const crossing = claim.id > other.id && untranslatedAcrossLanguages(claim, other);
      const sim = untranslatedAcrossLanguages(claim, other) ? crossLanguageSimilarity(raw) : raw;
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
    const [fromId, toId] = claim.id < other.id ? [claim.id, other.id] : [other.id, claim.id];
    const why = eventWhy
      ? eventWhy
      : across
        ? [across, ...hit.reasons.filter((r) => !r.startsWith("same meaning"))]
        : relation === "related"
          ? [`about the same actors: ${shared.map((id) => dict.get(id)?.en ?? id).join(", ")}`, ...hit.reasons]
          : pair.reasons;
    // A related link scores how far the classifier is from "unrelated"; the others its confidence.
    const score = eventWhy ? eventScore : across ? Math.round(acrossSim * 1000) / 1000 : relation === "related" ? 1 - pair.probs.unrelated : pair.score;
    const reasons: LinkReasons = {
      reasons: why,
      details: across ? [] : pair.details,
      probs: pair.probs,
      retrieval: { score: hit.score, reasons: hit.reasons },
    };
    plans.push({ fromId, toId, relation, score, why, reasons, auditDetails: pair.details });
  }
  return plans;
}

/** Whether writing `plan` over the stored link (if any) would change it: an analyst's decision is never overwritten. */
export function linkChanges(existing: { status: string; relation: string; score: number } | null | undefined, plan: LinkPlan): boolean {
  if (existing && existing.status !== "suggested") return false; // the analyst already decided
  if (existing && existing.relation === plan.relation && Math.abs(existing.score - plan.score) < 1e-6) return false;
  return true;
}

/**
 * Write planned links with their audit events (in the caller's short transaction); returns how
 * many changed. The stored links and the live claims are read once for the whole plan (or the
 * caller passes the live claims it already read), the new links inserted in one statement and
 * the audit events appended together (recordAudits): the writer is held for a handful of
 * statements whatever the number of links, not one or more per link. A pair planned twice in
 * one batch is written once, as the later plan says; the analyst's decisions are never touched.
 */
export async function writeLinks(tx: Tx, actor: Actor, plans: LinkPlan[], liveClaims?: Set<number>): Promise<number> {
  if (!plans.length) return 0;
  const pairKey = (l: { fromId: number; toId: number }) => `${l.fromId}:${l.toId}`;
  const stored = new Map(
    (await tx.claimLink.findMany({ where: { OR: plans.map(({ fromId, toId }) => ({ fromId, toId })) } })).map((l) => [pairKey(l), l] as const),
  );
  const live =
    liveClaims ??
    new Set(
      (await tx.claim.findMany({ where: { id: { in: plans.flatMap((p) => [p.fromId, p.toId]) }, mergedIntoId: null }, select: { id: true } })).map((c) => c.id),
    );
  const chosen = new Map<string, LinkPlan>();
  const current = new Map<string, { status: string; relation: string; score: number }>(stored);
  for (const plan of plans) {
    if (!live.has(plan.fromId) || !live.has(plan.toId)) continue; // deleted or merged since the plan was made
    if (!linkChanges(current.get(pairKey(plan)), plan)) continue;
    chosen.set(pairKey(plan), plan);
    current.set(pairKey(plan), { status: "suggested", relation: plan.relation, score: plan.score });
  }
  const todo = [...chosen.values()].filter((plan) => linkChanges(stored.get(pairKey(plan)), plan));
  if (!todo.length) return 0;
  const data = (plan: LinkPlan) => ({
    relation: plan.relation,
    origin: "engine",
    status: "suggested",
    score: plan.score,
    reasons: JSON.stringify(plan.reasons),
  });
  const fresh = todo.filter((plan) => !stored.has(pairKey(plan)));
  const made = new Map(
    (fresh.length ? await tx.claimLink.createManyAndReturn({ data: fresh.map((plan) => ({ fromId: plan.fromId, toId: plan.toId, ...data(plan) })) }) : []).map(
      (l) => [pairKey(l), l] as const,
    ),
  );
  const audits: AuditInput[] = [];
  for (const plan of todo) {
    const existing = stored.get(pairKey(plan));
    const link = existing ? await tx.claimLink.update({ where: { id: existing.id }, data: data(plan) }) : made.get(pairKey(plan))!;
    audits.push({
      action: existing ? "link.update" : "link.create",
      entityType: "link",
      entityId: link.id,
      before: existing ? linkSnapshot(existing) : null,
      after: { ...linkSnapshot(link), reasons: plan.why, details: plan.auditDetails },
    });
  }
  await recordAudits(tx, actor, audits);
  return audits.length;
}

/** Claims per derived-data transaction when many were saved at once (a bundle import). */
const DERIVE_BATCH = 32;

/** One batch of a save's derived data, made but not written: the claims' vectors and their planned links. */
export interface DerivedBatch {
  vectors: NewVector[];
  plans: LinkPlan[];
}

/**
 * Make the derived data of saved claims — their vectors and suggested links — reading only:
 * missing vectors are embedded (in this thread, or by the pool when this is the main thread)
 * and the links planned against the claim index. Runs in a worker thread after a save
 * (derive-off-thread.ts), so neither the pair classifier nor the index search holds the event
 * loop that answers requests, nor a write transaction that waits on it.
 */
export async function planDerived(db: Tx, claimIds: number[]): Promise<DerivedBatch[]> {
  const { index, dict } = await claimIndex(db);
  const out: DerivedBatch[] = [];
  const ids = [...new Set(claimIds)];
  for (let i = 0; i < ids.length; i += DERIVE_BATCH) {
    const batch = ids.slice(i, i + DERIVE_BATCH);
    const claims = (await db.claim.findMany({ where: { id: { in: batch } } })).filter((c) => c.mergedIntoId == null);
    // meaning as well as words: these claims' sentence vectors, and their candidates' (made now if missing)
    const vectors: NewVector[] = await makeVectors(
      db,
      index,
      claims.map((c) => c.id),
    );
    const withVector = claims.filter((c) => index.hasVector(String(c.id)));
    vectors.push(
      ...(await makeVectors(
        db,
        index,
        withVector.flatMap((c) => index.candidateIds(matchText(c)).map(Number)),
      )),
    );
    const plans: LinkPlan[] = [];
    for (const claim of claims) {
      const hits = linkHits(index, claim);
      const rows = new Map((await db.claim.findMany({ where: { id: { in: hits.map((h) => Number(h.id)) } } })).map((c) => [String(c.id), c]));
      plans.push(...planLinks(dict, claim, hits, rows, index));
    }
    if (vectors.length || plans.length) out.push({ vectors, plans });
  }
  return out;
}

/**
 * Make and write the derived data of saved claims, outside the save's transaction: made off
 * the event loop (planDerived, in a worker when there is a pool), then written — vectors,
 * links and the links' audit events — in a short transaction per batch of claims. Returns the
 * number of links made or changed.
 */
export async function deriveLinks(db: Db, actor: Actor, claimIds: number[]): Promise<number> {
  let made = 0;
  for (const b of await derivedOffThread(db, claimIds))
    made += await inTransaction(db, async (tx) => {
      // one read of the claims concerned serves both: which still exist, which are not merged
      const ids = [...new Set([...b.vectors.map((v) => v.claimId), ...b.plans.flatMap((p) => [p.fromId, p.toId])])];
      const rows = ids.length ? await tx.claim.findMany({ where: { id: { in: ids } }, select: { id: true, mergedIntoId: true } }) : [];
      await storeVectors(tx, b.vectors, new Set(rows.map((r) => r.id)));
      return writeLinks(tx, actor, b.plans, new Set(rows.filter((r) => r.mergedIntoId == null).map((r) => r.id)));
    });
  return made;
}

/**
 * Queue a saved claim's matching for after its transaction commits (see deriveLinks); with
 * the root client (no transaction) it runs at once.
 */
export function suggestLinks(tx: Tx, actor: Actor, claimId: number): Promise<void> {
  return afterCommit(tx, "links", { actor, claimId }, async (items, db) => {
    for (const actor of new Set(items.map((i) => i.actor)))
      await deriveLinks(
        db,
        actor,
        items.filter((i) => i.actor === actor).map((i) => i.claimId),
      );
  });
}
