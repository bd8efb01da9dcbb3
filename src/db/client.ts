/**
 * The Prisma client. SQLite (the embedded default, `file:` URLs) goes through better-sqlite3,
 * with the pragmas a trusted store needs: WAL, synchronous=FULL (NORMAL can lose committed
 * transactions on power loss), a busy timeout and foreign keys on. A `postgresql://` URL goes
 * through Prisma's PostgreSQL driver adapter (@prisma/adapter-pg) and the client generated from
 * prisma/postgres/schema.prisma — the same models, so the rest of the app uses either through
 * the one `Db` type.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client.ts";
import { PrismaClient as PgPrismaClient } from "../generated/prisma-pg/client.ts";
import { databaseDialect, databasePath, type Dialect } from "../config.ts";
import { migrate } from "./migrate.ts";
import { migratePostgres } from "./migrate-pg.ts";
import type Database from "better-sqlite3";
import { logger } from "../logger.ts";
import { runAfterCommit, trackAfterCommit, type AfterCommitQueue } from "./after-commit.ts";
import { recordTxTiming, recordingTxTimings } from "./tx-timings.ts";

export type Db = PrismaClient;
/** A transaction client or the root client: use cases accept either. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export const BUSY_TIMEOUT_MS = 5000;

/**
 * The better-sqlite3 adapter with one repair. When COMMIT fails (SQLITE_FULL, an I/O error),
 * Prisma's engine neither commits nor rolls back the transaction object afterwards, so the
 * adapter's transaction mutex is never released and every later write waits forever (found by
 * the disk-full test; the same class as prisma/orm#29933). Here a failed COMMIT rolls the
 * connection back and releases the transaction before the error goes on, so the next write
 * starts clean (and a full disk answers 503 until space is freed, never a hang).
 */
class RecoveringBetterSQLite3 extends PrismaBetterSQLite3 {
  override async connect() {
    const adapter = await super.connect();
    const raw = (adapter as unknown as { client: Database.Database }).client;
    const startTransaction = adapter.startTransaction.bind(adapter);
    adapter.startTransaction = async (...args: Parameters<typeof adapter.startTransaction>) => {
      const tx = await startTransaction(...args);
      const executeRaw = tx.executeRaw.bind(tx);
      tx.executeRaw = async (query) => {
        try {
          return await executeRaw(query);
        } catch (err) {
          if (/^\s*COMMIT\b/i.test(query.sql)) {
            logger.warn({ err }, "COMMIT failed; rolling back and releasing the transaction");
            try {
              if (raw.inTransaction) raw.exec("ROLLBACK");
            } finally {
              await tx.rollback();
            }
          }
          throw err;
        }
      };
      return tx;
    };
    return adapter;
  }
}

/**
 * Open (and migrate) the database at `url`. Migrations run on a separate connection first so
 * the app always starts on the current schema.
 */
export async function openDatabase(url: string): Promise<Db> {
  if (databaseDialect(url) === "postgres") return openPostgres(url);
  const file = databasePath(url);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  migrate(file);
  const adapter = new RecoveringBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS });
  const db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = FULL");
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return db;
}

/** Connections each app server keeps to PostgreSQL (pg's pool; requests beyond it queue). */
export const PG_POOL_SIZE = 10;

/** The connection URL each PostgreSQL client was opened with, so worker threads can open their own. */
const pgUrls = new WeakMap<object, string>();

async function openPostgres(url: string): Promise<Db> {
  await migratePostgres(url);
  const adapter = new PrismaPg({ connectionString: url, max: PG_POOL_SIZE });
  // The two generated clients have the same models and methods; only their nominal types differ.
  const db = new PgPrismaClient({ adapter }) as unknown as Db;
  pgUrls.set(db, url);
  return db;
}

/**
 * Where a worker thread opens its own read-only connection to the same database: the SQLite
 * file, or the PostgreSQL URL this client was opened with. "" when a worker cannot reach it
 * (an in-memory SQLite database, a PostgreSQL client opened elsewhere); callers then run here.
 */
export async function workerLocation(db: Db): Promise<string> {
  if (dialectOf(db) === "postgres") return pgUrls.get(db) ?? "";
  const rows = await db.$queryRawUnsafe<{ name: string; file: string }[]>("PRAGMA database_list");
  return rows.find((r) => r.name === "main")?.file ?? "";
}

/** A read-only PostgreSQL client for a worker thread (every transaction it starts is READ ONLY). */
export function openPostgresReader(url: string): Db {
  const adapter = new PrismaPg({ connectionString: url, max: 2, options: "-c default_transaction_read_only=on" });
  return new PgPrismaClient({ adapter }) as unknown as Db;
}

/** Which database a client (root or transaction) talks to. */
export function dialectOf(db: Tx): Dialect {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgres" : "sqlite";
}

/**
 * Run `fn` in one write transaction; every use case's change and its audit event commit
 * together. Derived work the use case queued with afterCommit (after-commit.ts) runs once the
 * commit is done, outside the transaction, before this resolves: callers still see the
 * suggested links of what they saved, and the writer is held only for the change itself.
 */
export async function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>, opts: { timeout?: number } = {}): Promise<T> {
  const after: AfterCommitQueue = { db, batches: new Map() };
  let began = 0;
  const result = await db.$transaction(
    (tx) => {
      trackAfterCommit(tx, after);
      if (recordingTxTimings) began = performance.now();
      return fn(tx);
    },
    { maxWait: BUSY_TIMEOUT_MS, timeout: opts.timeout ?? 20_000 },
  );
  if (recordingTxTimings) recordTxTiming(performance.now() - began);
  await runAfterCommit(after);
  return result;
}
