/**
 * The PostgreSQL schema and migrations agree with the SQLite ones: prisma/postgres/schema.prisma
 * is exactly what scripts/pg-schema.ts makes of prisma/schema.prisma (so nobody edits one and
 * forgets the other), and — in the PostgreSQL pass — a database migrated by
 * prisma/postgres/migrations has the same tables and columns as one migrated by prisma/migrations.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { postgresSchema } from "../../scripts/pg-schema.ts";
import { openDatabase } from "../../src/db/client.ts";
import { onPostgres } from "../db-support.ts";
import { setupTestApp } from "../helpers.ts";

const ROOT = join(import.meta.dirname, "../..");

describe("PostgreSQL schema", () => {
  it("when prisma/schema.prisma changes, then prisma/postgres/schema.prisma has been regenerated from it (npm run pg:schema)", () => {
    const sqlite = readFileSync(join(ROOT, "prisma/schema.prisma"), "utf8");
    expect(readFileSync(join(ROOT, "prisma/postgres/schema.prisma"), "utf8")).toBe(postgresSchema(sqlite));
  });

  it.runIf(onPostgres)("when both databases are migrated, then they have the same tables and columns", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crosscheck-schema-"));
    const lite = await openDatabase(`file:${join(dir, "s.db")}`);
    const ctx = await setupTestApp();
    try {
      const liteCols = await lite.$queryRawUnsafe<Array<{ t: string; c: string }>>(
        `SELECT m.name AS t, p.name AS c FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite_%' AND m.name NOT LIKE '%Search%' ORDER BY 1, 2`,
      );
      const pgCols = await ctx.db.$queryRaw<
        Array<{ t: string; c: string }>
      >`SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`;
      const key = (r: { t: string; c: string }) => `${r.t}.${r.c}`;
      expect(pgCols.map(key).sort()).toEqual(liteCols.map(key).sort());
    } finally {
      await lite.$disconnect();
      await ctx.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
