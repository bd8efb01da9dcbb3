/**
 * List search through the FTS5 indexes (src/db/fulltext.ts): the index answers exactly what
 * the former word-start LIKE scan answered, with every filter and across pages; it follows
 * edits; FTS5 operator characters in a query are plain text.
 */
import { onPostgres } from "../db-support.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyTokens } from "../../src/engine/normalize.ts";
import { listClaims, type ClaimFilter } from "../../src/domain/claims/queries.ts";
import { listConflicts } from "../../src/domain/conflicts/queries.ts";
import { listDocuments } from "../../src/domain/documents/queries.ts";
import { updateClaim } from "../../src/domain/claims/update-claim.ts";
import { inTransaction } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { prng } from "../../src/util/prng.ts";
import { buildAttribution, buildClaim, buildDocument, buildSource, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

const WORDS = [
  "الجيش",
  "العراقي",
  "قسد",
  "مركز",
  "مشترك",
  "الحدود",
  "نفى",
  "أعلنت",
  "بغداد",
  "الحسكة",
  "army",
  "border",
  "centre",
  "denies",
  "joint",
  "Baghdad",
  "Hasakah",
  "SDF",
];
const STATUSES = ["unreviewed", "verified", "disputed"];
const TAGS = ["border", "coalition", "oil"];

let ctx: TestContext;
let session: Awaited<ReturnType<typeof signedInAgent>>;
const claimIds: number[] = [];
let sourceA = 0;

beforeAll(async () => {
  ctx = await setupTestApp();
  session = await signedInAgent(ctx);
  const rnd = prng(20261122);
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const a = await buildSource(ctx.db, { name: "المركز الإعلامي لقسد" });
  const b = await buildSource(ctx.db, { name: "الجيش العراقي" });
  sourceA = a.id;
  for (let i = 0; i < 70; i++) {
    const text = Array.from({ length: 3 + Math.floor(rnd() * 5) }, () => pick(WORDS)).join(" ") + ` ${i}`;
    const c = await buildClaim(ctx.db, { text, language: /[a-z]/i.test(text[0]) ? "en" : "ar", tags: rnd() < 0.5 ? [pick(TAGS)] : [] });
    claimIds.push(c.id);
    await ctx.db.claim.update({ where: { id: c.id }, data: { status: pick(STATUSES) } });
    if (rnd() < 0.4) {
      await buildAttribution(ctx.db, { claimId: c.id, sourceId: a.id, stance: "asserted", quote: text });
      if (rnd() < 0.5) await buildAttribution(ctx.db, { claimId: c.id, sourceId: b.id, stance: "denied", quote: text });
    }
  }
  for (let i = 0; i < 20; i++)
    await buildDocument(ctx.db, { title: `Report ${i}`, text: Array.from({ length: 12 }, () => pick(WORDS)).join(" "), language: "ar" });
});
afterAll(() => ctx.close());

/** The former behaviour, kept here as the oracle: every query token starts a word of the key (LIKE), same filters, same order. */
async function likeReference(f: ClaimFilter) {
  const where = {
    AND: [
      ...keyTokens(f.q ?? "").map((t) => ({ searchKey: { contains: ` ${t}` } })),
      ...(f.status ? [{ status: f.status }] : []),
      ...(f.tag ? [{ tags: { contains: ` ${f.tag} ` } }] : []),
      ...(f.sourceId ? [{ attributions: { some: { sourceId: f.sourceId } } }] : []),
      ...(f.hasConflict ? [{ conflicts: { some: { status: { in: ["open", "confirmed"] } } } }] : []),
    ],
  };
  const rows = await ctx.db.claim.findMany({ where, orderBy: [{ updatedAt: "desc" }, { id: "desc" }], select: { id: true } });
  return rows.map((r) => r.id);
}

async function allPages(f: Omit<ClaimFilter, "page" | "pageSize">) {
  const ids: number[] = [];
  let total = -1;
  for (let p = 1; p < 50; p++) {
    const res = await listClaims(ctx.db, { ...f, page: p, pageSize: 7 });
    total = res.total;
    ids.push(...res.items.map((c) => c.id));
    if (p >= res.pages) break;
  }
  return { ids, total };
}

describe("full-text list search", () => {
  it.runIf(onPostgres)("when the migrations ran on PostgreSQL, then the trigram indexes over the search keys exist", async () => {
    const names = (
      await ctx.db.$queryRaw<Array<{ indexname: string }>>`SELECT indexname::text AS indexname FROM pg_indexes WHERE indexname LIKE '%searchKey_trgm'`
    ).map((r) => r.indexname);
    expect(names.sort()).toEqual(["Claim_searchKey_trgm", "Document_searchKey_trgm"]);
  });

  it.skipIf(onPostgres)("when the migrations ran, then the index tables and their triggers exist", async () => {
    const names = (await ctx.db.$queryRaw<Array<{ name: string }>>`SELECT name FROM sqlite_master WHERE name LIKE '%search%' OR name LIKE '%Search%'`).map(
      (r) => r.name,
    );
    for (const n of [
      "ClaimSearch",
      "DocumentSearch",
      "Claim_search_ai",
      "Claim_search_ad",
      "Claim_search_au",
      "Document_search_ai",
      "Document_search_ad",
      "Document_search_au",
    ])
      expect(names).toContain(n);
  });

  const queries = ["الجيش", "جيش", "والجيش", "العراقى", "مشتر", "قسد مركز", "army border", "BAGHDAD", "hasa", "sdf denies", "نفى الحدود بغداد", "nothing-here"];
  const filters: Array<Omit<ClaimFilter, "page" | "pageSize" | "q">> = [
    {},
    { status: "verified" },
    { tag: "border" },
    { hasConflict: true },
    { status: "disputed", tag: "oil" },
  ];

  it("when searching with every filter combination, then the index answers exactly what the word-start scan answered, in the same order, over all pages", async () => {
    let compared = 0,
      nonEmpty = 0;
    for (const q of queries) {
      for (const flt of [...filters, { sourceId: sourceA }]) {
        const expected = await likeReference({ ...flt, q, page: 1, pageSize: 1000 });
        const got = await allPages({ ...flt, q });
        expect(got.ids, `${q} ${JSON.stringify(flt)}`).toEqual(expected);
        expect(got.total).toBe(expected.length);
        compared++;
        if (expected.length) nonEmpty++;
      }
    }
    expect(compared).toBe(queries.length * (filters.length + 1));
    expect(nonEmpty).toBeGreaterThan(30); // the comparison is not between empty lists
  });

  it("when a claim's text is edited, then search finds the new words and no longer the old", async () => {
    const id = claimIds[0];
    const before = await listClaims(ctx.db, { q: "zanzibar", page: 1, pageSize: 10 });
    expect(before.total).toBe(0);
    await inTransaction(ctx.db, (tx) => updateClaim(tx, systemActor("test"), id, { text: "Zanzibar ferry report", language: "en", translation: "", tags: [] }));
    expect((await listClaims(ctx.db, { q: "zanzib", page: 1, pageSize: 10 })).items.map((c) => c.id)).toEqual([id]);
    const old = await ctx.db.claim.findUniqueOrThrow({ where: { id } });
    expect(old.searchKey).not.toContain("army");
    expect((await likeReference({ q: "army", page: 1, pageSize: 1000 })).includes(id)).toBe(false);
    expect((await allPages({ q: "army" })).ids.includes(id)).toBe(false);
  });

  it("when a query is full of FTS5 operators, then it is read as plain text and the page answers 200", async () => {
    for (const q of ['"', '"*', "army OR border", "NEAR(army border)", "army -border", "^army", "searchKey:army", "army*", "(", "AND"]) {
      const res = await session.agent.get(`/claims?q=${encodeURIComponent(q)}`);
      expect(res.status, q).toBe(200);
      const ref = await likeReference({ q, page: 1, pageSize: 1000 });
      const got = await allPages({ q });
      expect(got.ids, q).toEqual(ref);
    }
  });

  it("when conflicts are searched, then only conflicts whose claim matches are listed", async () => {
    const all = await listConflicts(ctx.db, { page: 1, pageSize: 1000 });
    expect(all.total).toBeGreaterThan(0);
    const q = "الحدود";
    const got = await listConflicts(ctx.db, { q, page: 1, pageSize: 1000 });
    const expected = all.items.filter((k) => keyTokens(q).every((t) => k.claim.searchKey.includes(` ${t}`))).map((k) => k.id);
    expect(got.items.map((k) => k.id)).toEqual(expected);
    expect(got.total).toBe(expected.length);
    expect(expected.length).toBeGreaterThan(0);
    const page = await session.agent.get(`/conflicts?q=${encodeURIComponent(q)}`);
    expect(page.status).toBe(200);
  });

  it("when documents are searched, then matching documents come back newest first with the right total", async () => {
    const all = await ctx.db.document.findMany({ orderBy: [{ publishedAt: "desc" }, { id: "desc" }] });
    const q = "بغداد الحسكة";
    const expected = all.filter((d) => keyTokens(q).every((t) => d.searchKey.includes(` ${t}`))).map((d) => d.id);
    const got = await listDocuments(ctx.db, { q, page: 1, pageSize: 1000 });
    expect(got.items.map((d) => d.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
    const res = await session.agent.get(`/documents?q=${encodeURIComponent("بغداد")}`);
    expect(res.status).toBe(200);
  });
});
