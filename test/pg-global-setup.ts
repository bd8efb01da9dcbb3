/**
 * Vitest global setup. With TEST_DB=postgres (and no TEST_DATABASE_URL given) it starts a
 * throwaway PostgreSQL cluster (scripts/pg-test-server.ts) for the run; with a server either
 * way it migrates one template database, from which each test file's database is copied
 * (test/db-support.ts: CREATE DATABASE … TEMPLATE, milliseconds instead of a migration each).
 */
import pg from "pg";
import { startCluster, type PgCluster } from "../scripts/pg-test-server.ts";
import { migratePostgres } from "../src/db/migrate-pg.ts";
import { loadConfig } from "../src/config.ts";

export const TEMPLATE_DB = "crosscheck_template";

let cluster: PgCluster | null = null;

export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

export async function setup() {
  if (process.env.TEST_DB === "postgres" && !process.env.TEST_DATABASE_URL) {
    cluster = await startCluster();
    process.env.TEST_DATABASE_URL = cluster.url;
  }
  const admin = loadConfig({ ...process.env, NODE_ENV: "test" }).TEST_DATABASE_URL;
  if (!admin) return;
  const conn = new pg.Client({ connectionString: admin });
  await conn.connect();
  try {
    await conn.query(`DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
    await conn.query(`CREATE DATABASE ${TEMPLATE_DB}`);
  } finally {
    await conn.end();
  }
  await migratePostgres(withDatabase(admin, TEMPLATE_DB));
}

export async function teardown() {
  cluster?.stop();
}
