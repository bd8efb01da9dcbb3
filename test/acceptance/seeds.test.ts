/**
 * The product's acceptance test (shared/DESIGN.md): the two raw seed reports go in through the
 * API exactly as an analyst's client would send them, the assistant's proposals are accepted
 * unchanged, and what the analyst must see comes out — the SDF media centre's announcement and
 * the Iraqi army's denial on ONE claim, as an open stance conflict with both sides; the Political
 * Keys statements resting on one anonymous origin; the border-security claims of the two
 * reports linked. Nothing is entered by hand.
 */
import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, buildUser, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

const seed = (name: string) => readFileSync(new URL(`../fixtures/extract/${name}`, import.meta.url), "utf8");

let t: TestContext;
let auth: { Authorization: string };

async function ingestAndAccept(text: string) {
  const created = await request(t.app).post("/api/v1/ingest").set(auth).send({ text });
  expect(created.status).toBe(201);
  const id = created.body.document.id as number;
  const review = await request(t.app).get(`/api/v1/documents/${id}/suggestions`).set(auth);
  expect(review.status).toBe(200);
  const items = review.body.suggestions.map((s: { proposal: unknown }) => s.proposal);
  const accepted = await request(t.app).post(`/api/v1/documents/${id}/suggestions`).set(auth).send({ items });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
  return { id, review: review.body, accepted: accepted.body };
}

describe("the seed reports, raw, with the assistant's proposals accepted unchanged", () => {
  let first: Awaited<ReturnType<typeof ingestAndAccept>>;
  let second: Awaited<ReturnType<typeof ingestAndAccept>>;

  beforeAll(async () => {
    t = await setupTestApp();
    const user = await buildUser(t.db, { role: "analyst" });
    const token = await apiToken(t.db, user.username);
    auth = { Authorization: `Bearer ${token}` };
    first = await ingestAndAccept(seed("001_cad93aab64d4a56d.txt"));
    second = await ingestAndAccept(seed("000_c05d65dbb0b1fda2.txt"));
  }, 120_000);
  afterAll(async () => t?.close());

  it("puts the announcement and the denial on one claim, as an open stance conflict with both sides", async () => {
    const conflicts = await t.db.conflict.findMany({
      where: { kind: "stance", status: "open", active: true },
      include: { items: { include: { attribution: { include: { source: true } } } }, claim: true },
    });
    expect(conflicts).toHaveLength(1);
    const [c] = conflicts;
    const side = (s: string) => c.items.filter((i) => i.side === s).map((i) => i.attribution);
    expect(side("a").length).toBeGreaterThan(0);
    expect(side("b").length).toBeGreaterThan(0);
    expect(side("a").every((a) => a.stance === "asserted")).toBe(true);
    expect(side("b").every((a) => a.stance === "denied")).toBe(true);
    // asserted by the SDF's media centre, denied by the Iraqi army
    expect(
      side("a")
        .map((a) => a.source.name)
        .join(" "),
    ).toMatch(/المركز الإعلامي/);
    expect(new Set(side("b").map((a) => a.source.name))).toEqual(new Set(["الجيش العراقي"]));
    // the claim is the joint border-coordination centre, and the reason names both sides truly
    expect(c.claim.text).toMatch(/مركز مشترك/);
    expect(c.claim.text).toMatch(/الجيش العراقي/);
    expect(c.explanation).toMatch(/المركز الإعلامي/);
    expect(c.explanation).toMatch(/الجيش العراقي/);
    expect(c.explanation).toMatch(/asserted/);
    expect(c.explanation).toMatch(/denied/);
    // every conflict in the store has two non-empty sides
    for (const any of await t.db.conflict.findMany({ include: { items: true } })) {
      expect(any.items.some((i) => i.side === "a")).toBe(true);
      expect(any.items.some((i) => i.side === "b")).toBe(true);
    }
  });

  it("lists the conflict with one line per voice in either language: the Iraqi army once, with its two statements", async () => {
    const { agent } = await signedInAgent(t);
    for (const [lang, two] of [
      ["ar", "تصريحان"],
      ["en", "2 statements"],
    ] as const) {
      const page = await agent.get(`/conflicts?lang=${lang}`);
      expect(page.status).toBe(200);
      const sideB = /<div class="side side-b">([\s\S]*?)<\/div>/.exec(page.text)?.[1] ?? "";
      expect(sideB.match(/<li>/g) ?? []).toHaveLength(1);
      expect(sideB).toContain("الجيش العراقي");
      expect(sideB).toContain(`(${two})`);
      // the conflict page itself still shows each statement with its quote
      const detail = await agent.get(`/conflicts/${/href="\/conflicts\/(\d+)"/.exec(page.text)![1]}?lang=${lang}`);
      expect(detail.text.match(/class="attribution"/g)?.length).toBeGreaterThanOrEqual(3);
    }
  });

  it("reads the Political Keys statements from one anonymous source of that outlet", async () => {
    const atts = await t.db.attribution.findMany({ where: { documentId: second.id }, include: { source: { include: { parent: true } } } });
    expect(atts.length).toBeGreaterThanOrEqual(5);
    const sources = new Set(atts.map((a) => a.sourceId));
    expect(sources.size).toBe(1);
    expect(atts[0].source.kind).toBe("anonymous");
    expect(atts[0].source.name).toMatch(/مصادر خاصة/);
    expect(atts.every((a) => a.stance === "unverified")).toBe(true);
    // filed under the outlet they spoke to, which the report names and which was not on file
    expect(atts[0].source.parent).toMatchObject({ name: "Political Keys", kind: "outlet" });
    // under the Arabic name the report gives it too, so an Arabic mention finds it
    const outletAliases = await t.db.sourceAlias.findMany({ where: { sourceId: atts[0].source.parentId! }, select: { alias: true } });
    expect(outletAliases.map((a) => a.alias)).toContain("بوليتكال كيز");
    // the claim page's corroboration says so: one origin, anonymous
    const claimId = atts[0].claimId;
    const page = await request(t.app).get(`/api/v1/claims/${claimId}`).set(auth);
    expect(page.status).toBe(200);
    expect(JSON.stringify(page.body)).toMatch(/anonymous/i);
  });

  it("links the SDF–Iraq and SDF–coalition border-security claims across the two reports", async () => {
    const firstClaims = new Set(first.accepted.claims as number[]);
    const secondClaims = new Set(second.accepted.claims as number[]);
    const links = await t.db.claimLink.findMany();
    const across = links.filter((l) => (firstClaims.has(l.fromId) && secondClaims.has(l.toId)) || (firstClaims.has(l.toId) && secondClaims.has(l.fromId)));
    expect(across.length).toBeGreaterThan(0);
  });

  it("dates the Political Keys report's statements by its own dateline when no publication date was sent («اليوم الخميس 28 آذار/ مارس» → 2024-03-28)", async () => {
    expect(second.review.reportDate).toMatchObject({ date: "2024-03-28" });
    const stated = await t.db.attribution.findMany({ where: { documentId: second.id }, select: { statedAt: true } });
    expect(stated.length).toBeGreaterThan(0);
    expect(new Set(stated.map((a) => a.statedAt?.toISOString().slice(0, 10)))).toEqual(new Set(["2024-03-28"]));
    // the other report names no day of its own: its statements stay undated rather than guessed
    expect(first.review.reportDate).toBeNull();
    // "today, Thursday 28 March" dates the telling, not the meetings "held days ago": no event date from it
    const meetings = await t.db.claim.findFirstOrThrow({ where: { text: { contains: "اجتماعات مكثفة" } } });
    expect(meetings.eventDate).toBeNull();
  });

  it("proposes no empty or duplicate claims and no raw descriptive source names", async () => {
    const sources = await t.db.source.findMany({ include: { aliases: true } });
    for (const s of sources) expect(s.name).not.toMatch(/المعروفة اختصاراً|التابع لـ/);
    const claims = await t.db.claim.findMany();
    expect(new Set(claims.map((c) => c.text)).size).toBe(claims.length);
  });

  it("makes the media centre part of the SDF, with «قسد» naming the SDF and not its media centre", async () => {
    const centre = await t.db.source.findFirstOrThrow({
      where: { name: "المركز الإعلامي لقوات سوريا الديمقراطية" },
      include: { aliases: true, parent: { include: { aliases: true } } },
    });
    expect(centre.parent?.name).toBe("قوات سوريا الديمقراطية");
    expect(centre.parent?.aliases.map((a) => a.alias)).toContain("قسد");
    expect(centre.aliases.map((a) => a.alias)).not.toContain("قسد");
    // one SDF, however many reports name it
    expect(await t.db.source.count({ where: { name: "قوات سوريا الديمقراطية" } })).toBe(1);
  });
});

describe("the seed reports as one CLI batch with --accept-proposals", () => {
  it("gives the same founding conflict, with no hand entry", async () => {
    const { runCli } = await import("../cli/support.ts");
    const ingest = await import("../../src/cli/commands/ingest.ts");
    const ctx = await setupTestApp();
    process.env.DATABASE_URL = ctx.config.DATABASE_URL;
    try {
      const path = (n: string) => new URL(`../fixtures/extract/${n}`, import.meta.url).pathname;
      const r = await runCli(ingest, [path("001_cad93aab64d4a56d.txt"), path("000_c05d65dbb0b1fda2.txt"), "--accept-proposals"]);
      expect(r.code, r.err).toBe(0);
      expect(r.err).toMatch(/accepted proposals: \d+ attribution/);
      const conflicts = await ctx.db.conflict.findMany({
        where: { kind: "stance", status: "open" },
        include: { items: { include: { attribution: { include: { source: true } } } } },
      });
      expect(conflicts).toHaveLength(1);
      const names = (side: string) => conflicts[0].items.filter((i) => i.side === side).map((i) => i.attribution.source.name);
      expect(names("a").join(" ")).toMatch(/المركز الإعلامي/);
      expect(new Set(names("b"))).toEqual(new Set(["الجيش العراقي"]));
    } finally {
      delete process.env.DATABASE_URL;
      await ctx.close();
    }
  }, 120_000);
});
