/**
 * A worker's own read-only connection to the database file (a better-sqlite3 handle is not
 * shared across threads). WAL lets it read committed data while the main thread writes;
 * `query_only` makes sure a worker never does: every write, with its audit event, stays on
 * the main thread's short transactions. A `postgresql://` location opens a small read-only
 * pool instead (default_transaction_read_only), with the same promise.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.ts";
import { BUSY_TIMEOUT_MS, openPostgresReader, type Db } from "../db/client.ts";
import { databaseDialect } from "../config.ts";

const open = new Map<string, Promise<Db>>();

export function readDatabase(file: string): Promise<Db> {
  let db = open.get(file);
  if (!db) {
    db = (async () => {
      if (databaseDialect(file) === "postgres") return openPostgresReader(file);
      const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS }) });
      await client.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
      await client.$queryRawUnsafe("PRAGMA query_only = ON");
      return client;
    })();
    open.set(file, db);
  }
  return db;
}
