import { PrismaPg } from "@prisma/adapter-pg";
import { defineConfig } from "prisma/config";

// The PostgreSQL twin of ../../prisma.config.ts, for `prisma generate` and for authoring
// PostgreSQL migrations (`npx prisma migrate diff --config prisma/postgres/prisma.config.ts ...`).
// The app applies the migrations itself (src/db/migrate-pg.ts).
export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: "schema.prisma",
  migrations: { path: "migrations" },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL ?? "postgresql://localhost/crosscheck" });
  },
});
