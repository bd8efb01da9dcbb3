/**
 * Re-analysis of one range of claims, as a worker thread runs it (reads only): for each
 * claim, the links matching proposes now (search + pair classification, as after a save) and
 * whether its stance conflicts would change. Only what differs from the store comes back —
 * links whose relation or score changed and that no analyst has decided, claims whose
 * conflict findings changed — so the main thread's write transactions stay short and an
 * unchanged store costs no writes (reanalyse-store.ts writes them).
 */
import { createHash } from "node:crypto";
import type { Tx } from "../../db/client.ts";
import { analyseStances, type Stance } from "../../engine/conflicts.ts";
import { claimIndex } from "./claim-index.ts";
import { linkChanges, linkHits, planLinks, type LinkPlan, type PlannedClaim } from "./suggest-links.ts";

export interface ChunkRequest {
  /** The database file (a worker opens its own read-only connection). */
  file: string;
  ids: number[];
}

export interface ChunkResult {
  ids: number[];
  /** Links to write: new, or changed and still only suggested. */
  links: LinkPlan[];
  /** Claims whose stance/reversal conflicts differ from what is stored (reanalyseClaim them). */
  conflictClaims: number[];
  /** Pairs classified (for the progress line). */
  pairs: number;
}

const STANCE_KINDS = ["stance", "reversal"];
const BATCH = 500;

async function inBatches<T>(ids: number[], f: (part: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += BATCH) out.push(...(await f(ids.slice(i, i + BATCH))));
  return out;
}

export async function analyseChunk(db: Tx, req: ChunkRequest): Promise<ChunkResult> {
  const { index, dict } = await claimIndex(db);
  const claims = (
    await inBatches(req.ids, (part) =>
      db.claim.findMany({
        where: { id: { in: part } },
        select: { id: true, text: true, language: true, translation: true, mergedIntoId: true, eventDate: true },
      }),
    )
  ).filter((c) => c.mergedIntoId == null);
  const hitsOf = new Map(claims.map((c) => [c.id, linkHits(index, c)]));
  const wanted = [...new Set([...hitsOf.values()].flatMap((hs) => hs.map((h) => Number(h.id))))];
  const rows = new Map<string, PlannedClaim>(
    (
      await inBatches(wanted, (part) =>
        db.claim.findMany({
          where: { id: { in: part } },
          select: { id: true, text: true, language: true, translation: true, mergedIntoId: true, eventDate: true },
        }),
      )
    ).map((c) => [String(c.id), c]),
  );
  const plans: LinkPlan[] = [];
  let pairs = 0;
  for (const c of claims) {
    const hits = hitsOf.get(c.id)!;
    pairs += hits.length;
    plans.push(...planLinks(dict, c, hits, rows, index));
  }
  // a pair found from both sides within the chunk is written once (the later plan wins, as two saves would)
  const byPair = new Map(plans.map((p) => [`${p.fromId}:${p.toId}`, p]));
  const stored = new Map(
    (
      await inBatches([...new Set([...byPair.values()].map((p) => p.fromId))], (part) =>
        db.claimLink.findMany({ where: { fromId: { in: part } }, select: { fromId: true, toId: true, status: true, relation: true, score: true } }),
      )
    ).map((l) => [`${l.fromId}:${l.toId}`, l]),
  );
  const links = [...byPair.values()].filter((p) => linkChanges(stored.get(`${p.fromId}:${p.toId}`), p));
  return {
    ids: req.ids,
    links,
    conflictClaims: await changedConflicts(
      db,
      claims.map((c) => c.id),
    ),
    pairs,
  };
}

/** Claims whose stance analysis now differs from their stored conflicts (what reanalyseClaim would change). */
async function changedConflicts(db: Tx, ids: number[]): Promise<number[]> {
  const attributions = await inBatches(ids, (part) =>
    db.attribution.findMany({ where: { claimId: { in: part } }, include: { source: { select: { name: true } } } }),
  );
  const conflicts = await inBatches(ids, (part) =>
    db.conflict.findMany({
      where: { claimId: { in: part }, kind: { in: STANCE_KINDS } },
      select: { claimId: true, fingerprint: true, evidenceHash: true, active: true },
    }),
  );
  const attrsOf = new Map<number, typeof attributions>();
  for (const a of attributions) attrsOf.set(a.claimId, [...(attrsOf.get(a.claimId) ?? []), a]);
  const conflictsOf = new Map<number, typeof conflicts>();
  for (const c of conflicts) conflictsOf.set(c.claimId, [...(conflictsOf.get(c.claimId) ?? []), c]);
  const changed: number[] = [];
  for (const id of ids) {
    const findings = analyseStances(
      id,
      (attrsOf.get(id) ?? []).map((a) => ({
        id: a.id,
        sourceId: a.sourceId,
        sourceName: a.source.name,
        stance: a.stance as Stance,
        statedAt: a.statedAt,
        createdAt: a.createdAt,
      })),
    );
    const existing = new Map((conflictsOf.get(id) ?? []).map((c) => [c.fingerprint, c]));
    let differs = false;
    for (const f of findings) {
      const prior = existing.get(f.fingerprint);
      existing.delete(f.fingerprint);
      if (!prior || !prior.active || prior.evidenceHash !== createHash("sha256").update(f.evidenceKey).digest("hex")) differs = true;
    }
    for (const stale of existing.values()) if (stale.active) differs = true;
    if (differs) changed.push(id);
  }
  return changed;
}
