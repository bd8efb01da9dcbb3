import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { defineConfig } from "prisma/config";

// Prisma 7's CLI downloads a native schema engine, which cannot be fetched offline; Prisma
// 6.19 with the JS schema engine and the better-sqlite3 adapter works fully offline.
// The app applies migrations itself (src/db/migrate.ts); the CLI is used for `generate` and
// for authoring new migrations (`npx prisma migrate diff ...`).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  async adapter() {
    const url = process.env.DATABASE_URL ?? "file:./data/crosscheck.db";
    return new PrismaBetterSQLite3({ url });
  },
});
