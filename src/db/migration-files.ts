/**
 * The migrations in a Prisma migrations folder that a database has not applied yet, in order,
 * with the checksum Prisma records for each (SHA-256 of migration.sql). Shared by the SQLite
 * (migrate.ts) and PostgreSQL (migrate-pg.ts) runners, which differ only in how they apply them.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export interface PendingMigration {
  name: string;
  sql: string;
  checksum: string;
}

export function pendingMigrations(migrationsDir: string, applied: Set<string>): PendingMigration[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(migrationsDir, d.name, "migration.sql")))
    .map((d) => d.name)
    .sort()
    .filter((name) => !applied.has(name))
    .map((name) => {
      const sql = readFileSync(join(migrationsDir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: createHash("sha256").update(sql).digest("hex") };
    });
}
