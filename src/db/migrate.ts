/**
 * Applies prisma/migrations/<name>/migration.sql in order, recording each in Prisma's own
 * `_prisma_migrations` table (same columns and checksum), so `prisma migrate` and the app agree.
 * Runs in-process with better-sqlite3: the app applies migrations on start without the CLI.
 */
import { randomUUID } from "node:crypto";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { pendingMigrations } from "./migration-files.ts";
import Database from "better-sqlite3";

const migrationsDir = join(dirname(fileURLToPath(import.meta.url)), "../../prisma/migrations");

export function migrate(file: string): string[] {
  const conn = new Database(file);
  try {
    conn.pragma("journal_mode = WAL");
    conn.pragma("busy_timeout = 5000");
    // Table redefinitions (DROP + RENAME) must not fire ON DELETE CASCADE on the rows they
    // copy; foreign keys are off for the migration connection and checked afterwards.
    conn.pragma("foreign_keys = OFF");
    conn.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const applied = new Set(
      conn
        .prepare(`SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL`)
        .all()
        .map((r) => (r as { migration_name: string }).migration_name),
    );
    const done: string[] = [];
    for (const { name, sql, checksum } of pendingMigrations(migrationsDir, applied)) {
      conn
        .transaction(() => {
          conn.exec(sql);
          conn
            .prepare(`INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, applied_steps_count) VALUES (?, ?, ?, ?, 1)`)
            .run(randomUUID(), checksum, new Date().toISOString(), name);
        })
        .immediate();
      done.push(name);
    }
    const broken = conn.pragma("foreign_key_check") as unknown[];
    if (broken.length) throw new Error(`migration left ${broken.length} foreign-key violations; the database was not changed further`);
    return done;
  } finally {
    conn.close();
  }
}
