/**
 * Seal the audit trail: a signed checkpoint over events 1..N (N = the latest event), stored
 * in AuditCheckpoint and exported with the trail. Sealed periodically by the server (every
 * 100 events or 5 minutes, whichever comes first, when there is anything new) and on demand
 * by `npm run cli -- audit:seal`.
 */
import type { KeyObject } from "node:crypto";
import { MerkleAccumulator } from "../../audit/merkle.ts";
import { signCheckpoint } from "../../audit/checkpoint.ts";
import type { Db } from "../../db/client.ts";

export const SEAL_EVERY_EVENTS = 100;
export const SEAL_EVERY_MS = 5 * 60_000;

/** The Merkle leaves (event hashes) of events 1..size, in seq order, read in batches. */
export async function* leafHashes(db: Db, size: number): AsyncGenerator<string> {
  for (let after = 0; after < size;) {
    const rows = await db.auditEvent.findMany({
      where: { seq: { gt: after, lte: size } },
      orderBy: { seq: "asc" },
      take: 5000,
      select: { seq: true, hash: true },
    });
    if (!rows.length) return;
    for (const r of rows) yield r.hash;
    after = rows[rows.length - 1].seq;
  }
}

export async function rootOf(db: Db, size: number): Promise<string> {
  const acc = new MerkleAccumulator();
  for await (const h of leafHashes(db, size)) acc.push(h);
  return acc.root();
}

/** Seal up to the latest event; returns the checkpoint, or null when nothing is new. */
export async function sealAudit(db: Db, key: KeyObject) {
  const last = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  if (!last) return null;
  const prev = await db.auditCheckpoint.findFirst({ orderBy: { size: "desc" } });
  if (prev && prev.size >= last.seq) return null;
  const root = await rootOf(db, last.seq);
  const note = signCheckpoint(last.seq, root, key);
  return db.auditCheckpoint.create({ data: { size: last.seq, rootHash: root, note, keyId: "crosscheck-audit" } });
}

/** Whether the periodic sealer should seal now. */
export async function sealDue(db: Db, now = Date.now()): Promise<boolean> {
  const last = await db.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true } });
  if (!last) return false;
  const prev = await db.auditCheckpoint.findFirst({ orderBy: { size: "desc" } });
  if (!prev) return true;
  if (last.seq <= prev.size) return false;
  return last.seq - prev.size >= SEAL_EVERY_EVENTS || now - prev.createdAt.getTime() >= SEAL_EVERY_MS;
}

export function checkpoints(db: Db) {
  return db.auditCheckpoint.findMany({ orderBy: { size: "asc" } });
}
