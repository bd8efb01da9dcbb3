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
import { recordAudit } from "../../audit/record.ts";
import { afterCommit } from "../../db/after-commit.ts";
import { inTransaction, type Db, type Tx } from "../../db/client.ts";
import { classifyPair, keyTokens, resolveEntities, type ClaimIndex, type EntityDictionary, type MatchResult } from "../../engine/index.ts";
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
}

export interface PlannedClaim {
  id: number;
  text: string;
  language: string;
  translation: string;
  mergedIntoId: number | null;
}

/** The stored claims the classifier looks at for `claim`: the index's best CANDIDATES, itself left out. */
export function linkHits(index: ClaimIndex, claim: PlannedClaim): MatchResult[] {
  const vector = index.vectorOf(String(claim.id));
  return index.search(matchText(claim), CANDIDATES + 1, { vector, exclude: String(claim.id) }).filter((h) => h.id !== String(claim.id)).slice(0, CANDIDATES);
}

/**
 * The links matching proposes for `claim` among its search hits (pure: the dictionary, the
 * hits and the candidate rows are given). Used after a save and by re-analysis.
 */
export function planLinks(dict: EntityDictionary, claim: PlannedClaim, hits: MatchResult[], rows: Map<string, PlannedClaim>): LinkPlan[] {
  const plans: LinkPlan[] = [];
  for (const hit of hits) {
    const other = rows.get(hit.id);
    if (!other || other.mergedIntoId != null) continue;
    // The newer claim is always side A (as when it was saved), so a pair classifies the same
    // from either claim and a re-analysis that meets it twice does not flip its score.
    const [ta, tb] = claim.id > other.id ? pairTexts(claim, other) : pairTexts(other, claim);
    const pair = classifyPair(ta, tb, { entities: dict });
    let relation: string | null = null;
    if (pair.label === "conflict" && pair.score >= MIN_PROBABILITY) relation = "conflict";
    else if (pair.label === "agree" && pair.score >= MIN_PROBABILITY) {
      if (pair.details.length) relation = "conflict";
      else relation = pair.score >= DUPLICATE_PROBABILITY && overlap(ta, tb) >= DUPLICATE_OVERLAP ? "duplicate" : "agree";
    }
    let shared: string[] = [];
    if (!relation) {
      // Neither agreement nor contradiction, but about the same actors: related (e.g. two
      // reports on SDF–Iraq border cooperation). The analyst decides what it is worth.
      shared = sharedEntities(ta, tb, dict);
      if (shared.length >= RELATED_SHARED_ENTITIES) relation = "related";
    }
    if (!relation) continue;
    const [fromId, toId] = claim.id < other.id ? [claim.id, other.id] : [other.id, claim.id];
    const why = relation === "related" ? [`about the same actors: ${shared.map((id) => dict.get(id)?.en ?? id).join(", ")}`, ...hit.reasons] : pair.reasons;
    // A related link scores how far the classifier is from "unrelated"; the others its confidence.
    const score = relation === "related" ? 1 - pair.probs.unrelated : pair.score;
    plans.push({ fromId, toId, relation, score, why, reasons: { reasons: why, details: pair.details, probs: pair.probs, retrieval: { score: hit.score, reasons: hit.reasons } } });
  }
  return plans;
}

/** Whether writing `plan` over the stored link (if any) would change it: an analyst's decision is never overwritten. */
export function linkChanges(existing: { status: string; relation: string; score: number } | null | undefined, plan: LinkPlan): boolean {
  if (existing && existing.status !== "suggested") return false; // the analyst already decided
  if (existing && existing.relation === plan.relation && Math.abs(existing.score - plan.score) < 1e-6) return false;
  return true;
}

/** Write planned links with their audit events (in the caller's short transaction); returns how many changed. */
export async function writeLinks(tx: Tx, actor: Actor, plans: LinkPlan[]): Promise<number> {
  let made = 0;
  for (const plan of plans) {
    const { fromId, toId, relation, score, reasons, why } = plan;
    const existing = await tx.claimLink.findUnique({ where: { fromId_toId: { fromId, toId } } });
    if (!linkChanges(existing, plan)) continue;
    const live = await tx.claim.count({ where: { id: { in: [fromId, toId] }, mergedIntoId: null } });
    if (live < 2) continue; // deleted or merged since the plan was made
    const data = { relation, origin: "engine", status: "suggested", score, reasons: JSON.stringify(reasons) };
    const link = existing
      ? await tx.claimLink.update({ where: { id: existing.id }, data })
      : await tx.claimLink.create({ data: { fromId, toId, ...data } });
    await recordAudit(tx, actor, {
      action: existing ? "link.update" : "link.create",
      entityType: "link",
      entityId: link.id,
      before: existing ? linkSnapshot(existing) : null,
      after: { ...linkSnapshot(link), reasons: why, details: reasons.details },
    });
    made += 1;
  }
  return made;
}

/** Claims per derived-data transaction when many were saved at once (a bundle import). */
const DERIVE_BATCH = 32;

/**
 * Make the derived data of saved claims — their vectors and suggested links — outside the
 * save's transaction: vectors are embedded in a worker thread, links planned with no
 * transaction open, then both are written, with the links' audit events, in a short
 * transaction per batch of claims. Returns the number of links made or changed.
 */
export async function deriveLinks(db: Db, actor: Actor, claimIds: number[]): Promise<number> {
  const { index, dict } = await claimIndex(db);
  let made = 0;
  const ids = [...new Set(claimIds)];
  for (let i = 0; i < ids.length; i += DERIVE_BATCH) {
    const batch = ids.slice(i, i + DERIVE_BATCH);
    const claims = (await db.claim.findMany({ where: { id: { in: batch } } })).filter((c) => c.mergedIntoId == null);
    // meaning as well as words: these claims' sentence vectors, and their candidates' (made now if missing)
    const vectors: NewVector[] = await makeVectors(db, index, claims.map((c) => c.id));
    const withVector = claims.filter((c) => index.hasVector(String(c.id)));
    vectors.push(...(await makeVectors(db, index, withVector.flatMap((c) => index.candidateIds(matchText(c)).map(Number)))));
    const plans: LinkPlan[] = [];
    for (const claim of claims) {
      const hits = linkHits(index, claim);
      const rows = new Map((await db.claim.findMany({ where: { id: { in: hits.map((h) => Number(h.id)) } } })).map((c) => [String(c.id), c]));
      plans.push(...planLinks(dict, claim, hits, rows));
    }
    if (vectors.length === 0 && plans.length === 0) continue;
    made += await inTransaction(db, async (tx) => {
      await storeVectors(tx, vectors);
      return writeLinks(tx, actor, plans);
    });
  }
  return made;
}

/**
 * Queue a saved claim's matching for after its transaction commits (see deriveLinks); with
 * the root client (no transaction) it runs at once.
 */
export function suggestLinks(tx: Tx, actor: Actor, claimId: number): Promise<void> {
  return afterCommit(tx, "links", { actor, claimId }, async (items, db) => {
    for (const actor of new Set(items.map((i) => i.actor))) await deriveLinks(db, actor, items.filter((i) => i.actor === actor).map((i) => i.claimId));
  });
}
