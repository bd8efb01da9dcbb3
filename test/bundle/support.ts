/** Test support for bundles and the CLI: a migrated SQLite file per test, small bundle factories. */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createTestDatabase } from "../db-support.ts";
import { openDatabase, type Db } from "../../src/db/client.ts";
import type { BundleJson } from "../../src/domain/bundle/bundle.schema.ts";

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const SEED_BUNDLE = join(ROOT, "demo/seed-bundle.json");

export function seedBundle(): BundleJson {
  return JSON.parse(readFileSync(SEED_BUNDLE, "utf8")) as BundleJson;
}

export interface TempDb {
  db: Db;
  dir: string;
  url: string;
  close(): Promise<void>;
}

/** A fresh, migrated database in its own temporary directory. */
export async function tempDb(): Promise<TempDb> {
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-bundle-"));
  const database = await createTestDatabase(dir);
  const url = database.url;
  const db = await openDatabase(url);
  return {
    db,
    dir,
    url,
    async close() {
      await db.$disconnect();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every row count that an import could change, plus the audit trail length. */
export async function rowCounts(db: Db) {
  return {
    sources: await db.source.count(),
    aliases: await db.sourceAlias.count(),
    documents: await db.document.count(),
    claims: await db.claim.count(),
    attributions: await db.attribution.count(),
    conflicts: await db.conflict.count(),
    conflictItems: await db.conflictItem.count(),
    links: await db.claimLink.count(),
    reviews: await db.review.count(),
    audit: await db.auditEvent.count(),
  };
}

/** A small valid bundle: two sources, one document, one claim asserted by one and denied by the other. */
export function smallBundle(): BundleJson & Required<Pick<BundleJson, "sources" | "documents" | "claims">> {
  return {
    version: 1,
    sources: [
      { key: "outlet-a", name: "Outlet A", aliases: ["المنفذ أ"], kind: "outlet", reliability: "B", notes: "" },
      { key: "ministry", name: "Ministry", aliases: [], kind: "official_body", reliability: "C", parent: null },
      { key: "spokesman", name: "Spokesman", aliases: ["الناطق"], kind: "spokesperson", reliability: "C", parent: "ministry" },
    ],
    documents: [
      {
        key: "report-1",
        title: "Report one",
        url: "https://example.org/report-1",
        publisher: "outlet-a",
        publishedAt: "2024-03-28",
        language: "en",
        text: "The ministry said the bridge was closed.\nThe spokesman denied that the bridge was closed.\r\n  trailing spaces stay  ",
      },
    ],
    claims: [
      {
        key: "bridge-closed",
        text: "The bridge was closed",
        language: "en",
        translation: "أُغلق الجسر",
        tags: ["bridge"],
        attributions: [
          { source: "ministry", document: "report-1", stance: "asserted", quote: "the bridge was closed", statedAt: "2024-03-28", credibility: 2 },
          { source: "spokesman", document: "report-1", stance: "denied", quote: "denied that the bridge was closed", statedAt: null },
        ],
      },
    ],
  };
}
