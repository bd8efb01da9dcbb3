import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { bundleText, exportBundle } from "../../src/domain/bundle/export-bundle.ts";
import { importBundle } from "../../src/domain/bundle/import-bundle.ts";
import { checkBundle } from "../../src/domain/bundle/check-bundle.ts";
import { reviewClaim } from "../../src/domain/reviews/review-claim.ts";
import { createUser } from "../../src/domain/users/create-user.ts";
import { bundleJsonSchemaText } from "../../scripts/bundle-json-schema.ts";
import { ROOT, rowCounts, seedBundle, smallBundle, tempDb, type TempDb } from "./support.ts";

const actor = systemActor("test-export");
const sha = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");
let t: TempDb;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.close());

const exportText = async (db = t.db) => bundleText(await db.$transaction((tx) => exportBundle(tx)));

describe("exportBundle", () => {
  it("when the database is exported twice, then the bytes are identical", async () => {
    await importBundle(t.db, actor, seedBundle());
    const a = await exportText();
    const b = await exportText();
    expect(b).toBe(a);
  });

  it("when an export is imported into a fresh database, then it round-trips: same text bytes, same SHA-256, same export", async () => {
    await importBundle(t.db, actor, seedBundle());
    const first = await exportText();
    const other = await tempDb();
    try {
      const r = await importBundle(other.db, actor, JSON.parse(first));
      expect(r.conflictsOpened).toBeGreaterThanOrEqual(1);
      for (const d of seedBundle().documents!) {
        const stored = await other.db.document.findUniqueOrThrow({ where: { key: d.key } });
        expect(Buffer.from(stored.text, "utf8").equals(Buffer.from(d.text, "utf8"))).toBe(true);
        expect(stored.sha256).toBe(sha(d.text));
      }
      // Links are the engine's suggestions, recomputed as claims are created, so they may
      // depend on creation order; everything else comes back byte for byte.
      const withoutLinks = (text: string) => JSON.stringify({ ...JSON.parse(text), links: undefined }, null, 2);
      expect(withoutLinks(await exportText(other.db))).toBe(withoutLinks(first));
      // Importing the export back into the original changes nothing.
      const before = await rowCounts(t.db);
      const again = await importBundle(t.db, actor, JSON.parse(first));
      expect(again.auditSeq).toBeNull();
      expect(await rowCounts(t.db)).toEqual(before);
    } finally {
      await other.close();
    }
  });

  it("when conflicts and reviews exist, then they are exported with both sides' references, and ignored (but validated) on import", async () => {
    await importBundle(t.db, actor, smallBundle());
    const reviewer = await inTransaction(t.db, (tx) =>
      createUser(tx, actor, { username: "rita", role: "reviewer", password: "x".repeat(12) }, "not-a-real-hash"),
    );
    const claim = await t.db.claim.findUniqueOrThrow({ where: { key: "bridge-closed" } });
    await inTransaction(t.db, (tx) =>
      reviewClaim(
        tx,
        { userId: reviewer.id, username: "rita", role: "reviewer", requestId: "t" },
        { claimId: claim.id, status: "disputed", rationale: "Denied by its own spokesman." },
      ),
    );
    const exported = JSON.parse(await exportText());
    expect(exported.conflicts).toEqual([
      expect.objectContaining({
        claim: "bridge-closed",
        kind: "stance",
        status: "open",
        sideA: [{ claim: "bridge-closed", index: 0, source: "ministry", stance: "asserted" }],
        sideB: [{ claim: "bridge-closed", index: 1, source: "spokesman", stance: "denied" }],
      }),
    ]);
    expect(exported.reviews).toEqual([
      expect.objectContaining({
        claim: "bridge-closed",
        reviewer: "rita",
        previousStatus: "unreviewed",
        status: "disputed",
        rationale: "Denied by its own spokesman.",
      }),
    ]);
    expect(() => checkBundle(exported)).not.toThrow();

    const other = await tempDb();
    try {
      await importBundle(other.db, actor, exported);
      expect(await other.db.review.count()).toBe(0);
      expect((await other.db.claim.findUniqueOrThrow({ where: { key: "bridge-closed" } })).status).toBe("unreviewed");
    } finally {
      await other.close();
    }

    expect(exported.claims[0].mergedInto).toBeNull();
    expect(Array.isArray(exported.links)).toBe(true);
    for (const l of exported.links) expect(l.from < l.to).toBe(true);
    // A damaged read-only section is still an error: it points at an attribution that is not there.
    exported.conflicts[0].sideB[0].index = 7;
    expect(() => checkBundle(exported)).toThrow(/conflicts\[0\]\.sideB\[0\]\.index: claim "bridge-closed" has no attribution 7/);
  });
});

describe("demo/seed-bundle.json", () => {
  it("when the seed bundle is imported, then the joint-centre claim has an open stance conflict: SDF media centre asserts, Iraqi army denies", async () => {
    const r = await importBundle(t.db, actor, seedBundle());
    expect(r.warnings).toEqual([]);
    const claim = await t.db.claim.findUniqueOrThrow({ where: { key: "sdf-iraq-joint-border-centre" } });
    expect(claim.translation).toBe("The SDF and the Iraqi army formed a joint border-coordination centre");
    const conflicts = await t.db.conflict.findMany({
      where: { claimId: claim.id },
      include: { items: { include: { attribution: { include: { source: true, outlet: true, via: true } } } } },
    });
    const stance = conflicts.filter((x) => x.kind === "stance");
    expect(stance).toHaveLength(1);
    const [c] = stance;
    expect(c.status).toBe("open");
    const side = (s: string) => c.items.filter((i) => i.side === s).map((i) => i.attribution);
    expect(side("a").map((a) => [a.source.key, a.stance])).toEqual([["sdf-media-centre", "asserted"]]);
    expect(side("b").map((a) => [a.source.key, a.stance, a.outlet?.key, a.via?.key])).toEqual([["iraqi-army", "denied", "al-khabar-tv", "arab-media"]]);
    expect(c.explanation).toMatch(/SDF media centre asserted it; Iraqi army denied it/);
  });

  it("when the seed bundle is imported, then every Political Keys claim rests on the anonymous private sources alone, unverified", async () => {
    await importBundle(t.db, actor, seedBundle());
    const doc = await t.db.document.findUniqueOrThrow({ where: { key: "political-keys-border-force" } });
    expect(doc.publishedAt?.toISOString()).toBe("2024-03-28T00:00:00.000Z");
    const attrs = await t.db.attribution.findMany({ where: { documentId: doc.id }, include: { source: true, outlet: true } });
    expect(attrs.length).toBeGreaterThanOrEqual(6);
    for (const a of attrs) {
      expect([a.source.key, a.source.kind, a.stance, a.outlet?.key]).toEqual(["political-keys-private-sources", "anonymous", "unverified", "political-keys"]);
      expect(doc.text.includes(a.quote)).toBe(true);
    }
  });

  const seeds = join(ROOT, "../shared/seeds");
  it.skipIf(!existsSync(seeds))("when compared with the seed files, then both document texts are byte-exact", () => {
    const byKey = new Map(seedBundle().documents!.map((d) => [d.key, d.text]));
    expect(Buffer.from(byKey.get("political-keys-border-force")!, "utf8").equals(readFileSync(join(seeds, "000_c05d65dbb0b1fda2.txt")))).toBe(true);
    expect(Buffer.from(byKey.get("al-khabar-sdf-iraq-joint-centre")!, "utf8").equals(readFileSync(join(seeds, "001_cad93aab64d4a56d.txt")))).toBe(true);
  });
});

describe("docs/bundle.schema.json", () => {
  it("when the zod schema changes, then the generated JSON Schema has been regenerated", () => {
    expect(readFileSync(join(ROOT, "docs/bundle.schema.json"), "utf8")).toBe(bundleJsonSchemaText());
  });
});
