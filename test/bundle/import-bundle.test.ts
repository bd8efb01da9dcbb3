import { createHash } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { systemActor } from "../../src/domain/actor.ts";
import { BundleError } from "../../src/domain/bundle/bundle-errors.ts";
import { importBundle } from "../../src/domain/bundle/import-bundle.ts";
import { rowCounts, smallBundle, tempDb, type TempDb } from "./support.ts";

const actor = systemActor("test-import");
let t: TempDb;
beforeEach(async () => {
  t = await tempDb();
});
afterEach(() => t.close());

/** Import `bundle` expecting rejection; returns the problems. */
async function rejected(bundle: unknown): Promise<string[]> {
  const err = await importBundle(t.db, actor, bundle).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(BundleError);
  return (err as BundleError).problems;
}

describe("importBundle", () => {
  it("when a valid bundle is imported, then every record, its audit event, the conflict and one import.bundle event are written", async () => {
    const r = await importBundle(t.db, actor, smallBundle());
    expect(r.sources).toEqual({ created: 3, updated: 0, unchanged: 0 });
    expect(r.documents).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(r.claims).toEqual({ created: 1, updated: 0, unchanged: 0 });
    expect(r.attributions).toEqual({ created: 2, updated: 0, unchanged: 0 });
    expect(r.conflictsOpened).toBe(1);
    expect(r.warnings).toEqual([]);

    const doc = await t.db.document.findUniqueOrThrow({ where: { key: "report-1" }, include: { publisher: true } });
    expect(doc.text).toBe(smallBundle().documents[0].text);
    expect(doc.publisher?.key).toBe("outlet-a");
    const spokesman = await t.db.source.findUniqueOrThrow({ where: { key: "spokesman" }, include: { parent: true } });
    expect(spokesman.parent?.key).toBe("ministry");
    // The outlet defaults to the publisher, as in the app.
    const attrs = await t.db.attribution.findMany({ orderBy: { id: "asc" }, include: { outlet: true } });
    expect(attrs.map((a) => a.outlet?.key)).toEqual(["outlet-a", "outlet-a"]);

    const actions = (await t.db.auditEvent.findMany({ orderBy: { seq: "asc" } })).map((e) => e.action);
    expect(actions.filter((a) => a === "source.create")).toHaveLength(3);
    expect(actions).toContain("conflict.open");
    expect(actions.at(-1)).toBe("import.bundle");
    const last = await t.db.auditEvent.findFirstOrThrow({ where: { action: "import.bundle" } });
    expect(last.seq).toBe(r.auditSeq);
    expect(last.entityId).toBe(r.sha256);
    expect(JSON.parse(last.after)).toMatchObject({ sources: { created: 3 }, attributions: { created: 2 }, conflictsOpened: 1 });
  });

  it("when the same bundle is imported twice, then the second import writes no rows and no audit events", async () => {
    await importBundle(t.db, actor, smallBundle());
    const before = await rowCounts(t.db);
    const r = await importBundle(t.db, actor, smallBundle());
    expect(await rowCounts(t.db)).toEqual(before);
    expect(r.auditSeq).toBeNull();
    for (const kind of ["sources", "documents", "claims", "attributions"] as const) {
      expect(r[kind].created + r[kind].updated).toBe(0);
    }
    expect(r.attributions.unchanged).toBe(2);
  });

  it("when a record's fields changed, then it is updated through its use case and audited, and nothing else moves", async () => {
    await importBundle(t.db, actor, smallBundle());
    const b = smallBundle();
    b.sources[0].reliability = "A";
    b.sources[0].aliases = ["المنفذ أ", "Outlet-A"];
    b.claims[0].translation = "تم إغلاق الجسر";
    b.claims[0].attributions![0].credibility = 1;
    b.documents[0].title = "Report one (corrected title)";
    const before = await rowCounts(t.db);
    const r = await importBundle(t.db, actor, b);
    expect(r.sources).toEqual({ created: 0, updated: 1, unchanged: 2 });
    expect(r.documents).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(r.claims).toEqual({ created: 0, updated: 1, unchanged: 0 });
    expect(r.attributions).toEqual({ created: 0, updated: 1, unchanged: 1 });
    const after = await rowCounts(t.db);
    expect({ ...after, audit: 0, aliases: 0 }).toEqual({ ...before, audit: 0, aliases: 0 });
    const events = await t.db.auditEvent.findMany({ where: { seq: { gt: before.audit } }, orderBy: { seq: "asc" } });
    expect(events.map((e) => e.action)).toEqual(
      expect.arrayContaining(["source.update", "document.update", "claim.update", "attribution.update", "import.bundle"]),
    );
    const src = await t.db.source.findUniqueOrThrow({ where: { key: "outlet-a" }, include: { aliases: true } });
    expect(src.reliability).toBe("A");
    expect(src.aliases.map((a) => a.alias).sort()).toEqual(["Outlet-A", "المنفذ أ"].sort());
    // …and importing the changed bundle again is a no-op.
    const again = await importBundle(t.db, actor, b);
    expect(again.auditSeq).toBeNull();
  });

  it("when a new attribution is added to an existing claim, then only it is created and the claim is re-analysed", async () => {
    await importBundle(t.db, actor, smallBundle());
    const b = smallBundle();
    b.claims[0].attributions!.push({ source: "outlet-a", document: "report-1", stance: "unverified", quote: "", statedAt: null });
    const r = await importBundle(t.db, actor, b);
    expect(r.attributions).toEqual({ created: 1, updated: 0, unchanged: 2 });
    expect(await t.db.attribution.count()).toBe(3);
  });

  it("when a bundle refers to keys that already exist in the database, then they resolve", async () => {
    await importBundle(t.db, actor, smallBundle());
    const r = await importBundle(t.db, actor, {
      version: 1,
      claims: [
        {
          key: "second-claim",
          text: "A second claim",
          language: "en",
          attributions: [{ source: "ministry", document: "report-1", stance: "asserted", quote: "said the bridge", statedAt: null }],
        },
      ],
    });
    expect(r.claims.created).toBe(1);
    expect(r.attributions.created).toBe(1);
  });

  it("when a claim was merged into another since, then re-importing the old bundle does not bring its evidence back", async () => {
    await importBundle(t.db, actor, smallBundle());
    const b = smallBundle();
    b.claims.push({ key: "bridge-shut", text: "The bridge was shut", language: "en", attributions: [] });
    await importBundle(t.db, actor, b);
    // What merge-claims does: the duplicate's attributions move to the survivor, the duplicate is marked.
    const dup = await t.db.claim.findUniqueOrThrow({ where: { key: "bridge-closed" } });
    const survivor = await t.db.claim.findUniqueOrThrow({ where: { key: "bridge-shut" } });
    await t.db.attribution.updateMany({ where: { claimId: dup.id }, data: { claimId: survivor.id } });
    await t.db.claim.update({ where: { id: dup.id }, data: { mergedIntoId: survivor.id } });

    const before = await rowCounts(t.db);
    const r = await importBundle(t.db, actor, b);
    expect(r.auditSeq).toBeNull();
    expect(r.attributions).toEqual({ created: 0, updated: 0, unchanged: 2 });
    expect(r.warnings).toEqual([
      `claims[0]: claim "bridge-closed" was merged into "bridge-shut"; its attributions are matched against and recorded on "bridge-shut"`,
    ]);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("when a quote is not in its document, then the import succeeds with a warning naming the entry", async () => {
    const b = smallBundle();
    b.claims[0].attributions![1].quote = "words the report never used";
    const r = await importBundle(t.db, actor, b);
    expect(r.warnings).toEqual([`claims[0].attributions[1].quote: not found word for word in the text of document "report-1"`]);
  });
});

describe("importBundle rejects a bad bundle, naming the entry, and writes nothing", () => {
  const cases: [string, (b: ReturnType<typeof smallBundle>) => unknown, RegExp][] = [
    [
      "an unknown source key",
      (b) => {
        b.claims[0].attributions![1].source = "iraqi-army";
        return b;
      },
      /^claims\[0\]\.attributions\[1\]\.source: unknown source key "iraqi-army"$/,
    ],
    [
      "a mistyped source key",
      (b) => {
        b.claims[0].attributions![0].source = "minstry";
        return b;
      },
      /^claims\[0\]\.attributions\[0\]\.source: unknown source key "minstry" \(did you mean "ministry"\?\)$/,
    ],
    [
      "an unknown document key",
      (b) => {
        b.claims[0].attributions![0].document = "no-such-report";
        return b;
      },
      /^claims\[0\]\.attributions\[0\]\.document: unknown document key "no-such-report"$/,
    ],
    [
      "an unknown parent key",
      (b) => {
        b.sources[2].parent = "nobody";
        return b;
      },
      /^sources\[2\]\.parent: unknown source key "nobody"$/,
    ],
    [
      "NUL in a document text",
      (b) => {
        b.documents[0].text = "before\u0000after";
        return b;
      },
      /^documents\[0\]\.text: .*control character/,
    ],
    [
      "a javascript: URL",
      (b) => {
        b.documents[0].url = "javascript:alert(1)";
        return b;
      },
      /^documents\[0\]\.url: URL must be a full http:\/\/ or https:\/\/ address\.$/,
    ],
    [
      "a wrong stance",
      (b) => {
        (b.claims[0].attributions![0] as { stance: string }).stance = "confirmed";
        return b;
      },
      /^claims\[0\]\.attributions\[0\]\.stance: Stance must be asserted, denied or unverified\.$/,
    ],
    [
      "an unknown field",
      (b) => {
        (b.claims[0].attributions![0] as Record<string, unknown>).createdById = 1;
        return b;
      },
      /^claims\[0\]\.attributions\[0\]\.createdById: unknown field/,
    ],
    [
      "a duplicate key",
      (b) => {
        b.sources.push({ ...b.sources[0], name: "Other" });
        return b;
      },
      /^sources\[3\]\.key: duplicate key "outlet-a" \(already used by sources\[0\]\)$/,
    ],
    [
      "a parent cycle",
      (b) => {
        b.sources[1].parent = "spokesman";
        return b;
      },
      /^sources\[\d\]\.parent: the parent chain .* is a cycle$/,
    ],
    [
      "a bidi control in a key",
      (b) => {
        b.claims[0].key = "bridge\u202Eclosed";
        return b;
      },
      /^claims\[0\]\.key: .*invisible or direction-changing/,
    ],
    [
      "a credibility given as text",
      (b) => {
        (b.claims[0].attributions![0] as Record<string, unknown>).credibility = "3";
        return b;
      },
      /^claims\[0\]\.attributions\[0\]\.credibility: Credibility must be a number from 1 to 6\.$/,
    ],
    ["the wrong version", (b) => ({ ...b, version: 2 }), /^version: version must be 1\.$/],
  ];

  for (const [what, mutate, message] of cases) {
    it(`when the bundle has ${what}, then it is rejected with a message naming the entry`, async () => {
      const before = await rowCounts(t.db);
      const problems = await rejected(mutate(smallBundle()));
      expect(
        problems.some((p) => message.test(p)),
        problems.join("\n"),
      ).toBe(true);
      expect(await rowCounts(t.db)).toEqual(before);
    });
  }

  it("when a bad entry comes after good ones, then even the good ones are not written", async () => {
    const b = smallBundle();
    b.claims.push({
      key: "late",
      text: "Late claim",
      language: "en",
      attributions: [{ source: "ghost", document: null, stance: "asserted", quote: "", statedAt: null }],
    });
    await rejected(b);
    expect(await rowCounts(t.db)).toEqual({
      sources: 0,
      aliases: 0,
      documents: 0,
      claims: 0,
      attributions: 0,
      conflicts: 0,
      conflictItems: 0,
      links: 0,
      reviews: 0,
      audit: 0,
    });
  });

  it("when a stored document's text would change, then the bundle is refused: document text is evidence", async () => {
    await importBundle(t.db, actor, smallBundle());
    const before = await rowCounts(t.db);
    const b = smallBundle();
    b.documents[0].text += " (edited)";
    const problems = await rejected(b);
    expect(problems[0]).toMatch(/^documents\[0\]\.text: differs from the stored text of document "report-1"/);
    expect(await rowCounts(t.db)).toEqual(before);
    const doc = await t.db.document.findUniqueOrThrow({ where: { key: "report-1" } });
    expect(doc.sha256).toBe(createHash("sha256").update(smallBundle().documents[0].text, "utf8").digest("hex"));
  });

  it("when a source's parent would close a loop through stored sources, then the bundle is refused", async () => {
    await importBundle(t.db, actor, smallBundle()); // spokesman → ministry
    const before = await rowCounts(t.db);
    const problems = await rejected({
      version: 1,
      sources: [{ key: "ministry", name: "Ministry", kind: "official_body", reliability: "C", parent: "spokesman" }],
    });
    expect(problems).toEqual([`sources[0].parent: the parent chain ministry → spokesman → ministry is a cycle`]);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("when the bundle is not an object, then the message says so", async () => {
    const problems = await rejected([1, 2]);
    expect(problems[0]).toMatch(/^\(bundle\): /);
  });
});
