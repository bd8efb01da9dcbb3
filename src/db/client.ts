/**
 * The Prisma client over better-sqlite3, with the pragmas a trusted store needs:
 * WAL, synchronous=FULL (NORMAL can lose committed transactions on power loss),
 * a busy timeout and foreign keys on.
 */
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "../generated/prisma/client.ts";
import { databasePath } from "../config.ts";
import { migrate } from "./migrate.ts";

export type Db = PrismaClient;
/** A transaction client or the root client: use cases accept either. */
export type Tx = Omit<PrismaClient, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

export const BUSY_TIMEOUT_MS = 5000;

/**
 * Open (and migrate) the database at `url`. Migrations run on a separate connection first so
 * the app always starts on the current schema.
 */
export async function openDatabase(url: string): Promise<Db> {
  const file = databasePath(url);
  if (file !== ":memory:") mkdirSync(dirname(file), { recursive: true });
  migrate(file);
  const adapter = new PrismaBetterSQLite3({ url: file, timeout: BUSY_TIMEOUT_MS });
  const db = new PrismaClient({ adapter });
  await db.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await db.$queryRawUnsafe("PRAGMA synchronous = FULL");
  await db.$queryRawUnsafe(`PRAGMA busy_timeout = ${BUSY_TIMEOUT_MS}`);
  await db.$queryRawUnsafe("PRAGMA foreign_keys = ON");
  return db;
}

/** Run `fn` in one write transaction; every use case's change and its audit event commit together. */
export function inTransaction<T>(db: Db, fn: (tx: Tx) => Promise<T>): Promise<T> {
  return db.$transaction(fn, { maxWait: BUSY_TIMEOUT_MS, timeout: 20_000 });
}
