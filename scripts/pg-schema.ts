/**
 * Writes prisma/postgres/schema.prisma from prisma/schema.prisma: Prisma allows one provider per
 * schema, so the PostgreSQL client is generated from a copy that differs only in the datasource
 * provider and the client's output folder. Run after every change to prisma/schema.prisma
 * (`npm run pg:schema`); test/db/pg-schema.test.ts fails when the two disagree.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

/** The PostgreSQL schema text for a SQLite schema text. */
export function postgresSchema(sqlite: string): string {
  const out = sqlite
    .replace(/output(\s*)=\s*"\.\.\/src\/generated\/prisma"/, 'output$1= "../../src/generated/prisma-pg"')
    .replace(/provider(\s*)=\s*"sqlite"/, 'provider$1= "postgresql"')
    .replace(/url(\s*)=\s*"file:[^"]*"/, 'url$1= "postgresql://localhost/crosscheck"');
  return `// GENERATED from prisma/schema.prisma by scripts/pg-schema.ts — do not edit; edit that file and run \`npm run pg:schema\`.\n${out}`;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = postgresSchema(readFileSync(join(root, "prisma/schema.prisma"), "utf8"));
  writeFileSync(join(root, "prisma/postgres/schema.prisma"), text);
  console.log("wrote prisma/postgres/schema.prisma");
}
