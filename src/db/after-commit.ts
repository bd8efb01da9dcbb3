/**
 * Work that must follow a transaction's commit, never run inside it: derived data (sentence
 * vectors, suggested links) whose model work would otherwise hold the single SQLite writer.
 * A use case calls `afterCommit(tx, key, item, run)`; `inTransaction` (client.ts) runs the
 * queued batches once the change and its audit event have committed, each `run` getting
 * every item queued under its key (a bundle import's thousand claims are embedded in batches,
 * not one by one). A rolled-back transaction runs nothing. Called with the root client (no
 * transaction), the work runs at once.
 *
 * A batch that fails is logged and does not fail the committed change: derived data can be
 * rebuilt (`npm run cli -- reanalyse`).
 */
import { logger } from "../logger.ts";

import type { Db } from "./client.ts";

type Batch = { items: unknown[]; run: (items: unknown[], db: Db) => Promise<void> };
/** What one transaction queued, and the root client the work runs on after the commit. */
export interface AfterCommitQueue {
  db: Db;
  batches: Map<string, Batch>;
}

const queues = new WeakMap<object, AfterCommitQueue>();

/** Called by inTransaction: `tx` collects its after-commit work in `queue`. */
export function trackAfterCommit(tx: object, queue: AfterCommitQueue): void {
  queues.set(tx, queue);
}

/**
 * Queue `item` under `key` for after `tx` commits; `run` gets every item of the key and the
 * root client. `tx` being the root client itself (no transaction), it runs now.
 */
export async function afterCommit<T>(tx: object, key: string, item: T, run: (items: T[], db: Db) => Promise<void>): Promise<void> {
  const queue = queues.get(tx);
  if (!queue) {
    // Derived work would run inside a transaction that did not come from inTransaction: refuse loudly.
    if (!("$transaction" in tx)) throw new Error(`after-commit work "${key}" queued in a transaction not opened by inTransaction`);
    return runBatch(key, { items: [item], run: run as Batch["run"] }, tx as Db);
  }
  const batch = queue.batches.get(key);
  if (batch) batch.items.push(item);
  else queue.batches.set(key, { items: [item], run: run as Batch["run"] });
}

async function runBatch(key: string, b: Batch, db: Db): Promise<void> {
  try {
    await b.run(b.items, db);
  } catch (err) {
    logger.warn({ err, key, items: b.items.length }, "derived work after commit failed; the change itself is saved");
  }
}

/** Run what a committed transaction queued, in the order the keys were first queued. */
export async function runAfterCommit(queue: AfterCommitQueue): Promise<void> {
  for (const [key, b] of queue.batches) await runBatch(key, b, queue.db);
}
