/**
 * Applies prisma/postgres/migrations/<name>/migration.sql in order on PostgreSQL, recorded in
 * Prisma's `_prisma_migrations` table (same columns and checksum as `prisma migrate deploy`).
 * Each migration runs in its own transaction (PostgreSQL DDL is transactional), and the whole
 * run holds a session advisory lock, so several app servers starting at once against one
 * database apply each migration exactly once: the others wait, then find it applied.
 */
import { randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pendingMigrations } from "./migration-files.ts";
import pg from "pg";

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), "../../prisma/postgres/migrations");
/** Advisory lock key held while migrating ("crosscheck-migrate"). */
const MIGRATE_LOCK = 727_100_001;

export async function migratePostgres(url: string): Promise<string[]> {
  const conn = new pg.Client({ connectionString: url });
  await conn.connect();
  try {
    await conn.query("SET client_min_messages = warning");
    await conn.query("SELECT pg_advisory_lock($1)", [MIGRATE_LOCK]);
    await conn.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await conn.query<{ migration_name: string }>(
      `SELECT migration_name FROM "_prisma_migrations" WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`,
    );
    const applied = new Set(rows.map((r) => r.migration_name));
    const done: string[] = [];
    for (const { name, sql, checksum } of pendingMigrations(migrationsDir, applied)) {
      await conn.query("BEGIN");
      try {
        await conn.query(sql);
        await conn.query(`INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count) VALUES ($1, $2, now(), $3, 1)`, [
          randomUUID(),
          checksum,
          name,
        ]);
        await conn.query("COMMIT");
      } catch (err) {
        await conn.query("ROLLBACK");
        throw err;
      }
      done.push(name);
    }
    return done;
  } finally {
    await conn.query("SELECT pg_advisory_unlock($1)", [MIGRATE_LOCK]).catch(() => undefined);
    await conn.end();
  }
}
