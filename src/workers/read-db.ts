/**
 * A worker's own read-only connection to the database file (a better-sqlite3 handle is not
 * shared across threads). WAL lets it read committed data while the main thread writes;
 * `query_only` makes sure a worker never does: every write, with its audit event, stays on
 * the main thread's short transactions.
 */
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.ts";
import { BUSY_TIMEOUT_MS, type Db } from "../db/client.ts";

const open = new Map<string, Promise<Db>>();

export function readDatabase(file: string): Promise<Db> {
  let db = open.get(file);
  if (!db) {
    db = (async () => {
      const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS }) });
      await client.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
      await client.$queryRawUnsafe("PRAGMA query_only = ON");
      return client;
    })();
    open.set(file, db);
  }
  return db;
}
