/**
 * Where a test's database lives. By default a SQLite file in a fresh temporary folder. When
 * TEST_DATABASE_URL names a PostgreSQL server (`TEST_DB=postgres npx vitest run …` starts one:
 * test/pg-global-setup.ts), each call gets its own database on it, copied from the migrated
 * template, and `drop()` removes it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { loadConfig } from "../src/config.ts";
import { TEMPLATE_DB, withDatabase } from "./pg-global-setup.ts";

export function testServerUrl(): string | undefined {
  return loadConfig({ ...process.env, NODE_ENV: "test" }).TEST_DATABASE_URL;
}

/** True when this run's tests use PostgreSQL (for the few checks that are about SQLite files). */
export const onPostgres = Boolean(testServerUrl());

export interface TestDatabase {
  url: string;
  /** The SQLite file ("" on PostgreSQL). */
  file: string;
  drop(): Promise<void>;
}

let n = 0;

async function admin<T>(fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const conn = new pg.Client({ connectionString: testServerUrl() });
  await conn.connect();
  try {
    return await fn(conn);
  } finally {
    await conn.end();
  }
}

/** A fresh, empty (migrated on PostgreSQL; migrated on first open for SQLite) database. */
export async function createTestDatabase(dir: string, fileName = "test.db"): Promise<TestDatabase> {
  const server = testServerUrl();
  if (!server) {
    const file = join(dir, fileName);
    return { url: `file:${file}`, file, drop: async () => undefined };
  }
  n += 1;
  const name = `ct_${process.pid}_${n}_${Math.random().toString(36).slice(2, 8)}`;
  // CREATE DATABASE … TEMPLATE fails while another session is connected to the template.
  for (let attempt = 0; ; attempt++) {
    try {
      await admin((c) => c.query(`CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`));
      break;
    } catch (err) {
      if (attempt >= 20 || !/being accessed by other users/.test(String(err))) throw err;
      await new Promise((r) => setTimeout(r, 50 + Math.random() * 100));
    }
  }
  return {
    url: withDatabase(server, name),
    file: "",
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => undefined),
  };
}

/** A temporary folder and a test database (in it, for SQLite). */
export async function tempDatabase(prefix: string): Promise<TestDatabase & { dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  const db = await createTestDatabase(dir);
  return {
    ...db,
    dir,
    async drop() {
      await db.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
