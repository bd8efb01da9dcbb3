/**
 * A long report's review in pages, with progress while its suggestions are computed: every
 * suggestion is on exactly one page, a page holds whole groups of linked suggestions, accepting
 * page after page records what accepting every proposal at once records, a page already
 * recorded is never offered for recording twice, and a slow computation shows its progress in
 * the reader's language until the review is ready. Seed 001 is reviewed two to a page so
 * that a real report gives several pages.
 */
import request from "supertest";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, buildUser, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";
import { fixtureText, formValues, SEED_001 } from "./support.ts";
import { presentProgress } from "../../src/presenters/review.ts";
import { reviewPages } from "../../src/domain/ingest/review-pages.ts";
import type { ReviewJob } from "../../src/domain/ingest/review-jobs.ts";

let paged: TestContext;
let session: Awaited<ReturnType<typeof signedInAgent>>;
let id: number;

async function ingestThroughPage(s: typeof session, text: string): Promise<number> {
  const res = await s.agent
    .post("/ingest")
    .type("form")
    .send({ _csrf: await s.csrf("/ingest"), text, publishedAt: "2019-03-28" });
  expect(res.status).toBe(303);
  return Number(/^\/documents\/(\d+)\/suggestions$/.exec(res.headers.location)![1]);
}

const reviewUrl = (page: number) => `/documents/${id}/suggestions${page > 1 ? `?page=${page}` : ""}`;

/** The suggestions on one page as the form shows them: index → decision and merge target. */
async function pageItems(page: number) {
  const res = await session.agent.get(reviewUrl(page));
  expect(res.status, res.text.slice(0, 300)).toBe(200);
  const values = formValues(res.text, `/documents/${id}/suggestions`);
  const items = Object.keys(values)
    .map((k) => /^i(\d+)_decision$/.exec(k))
    .filter((m): m is RegExpExecArray => m !== null)
    .map((m) => Number(m[1]));
  return { res, values, items, pages: Number(values._pages) };
}

/** What is recorded, comparable across two databases: claim text, source, stance, quote. */
async function recorded(db: TestContext["db"]) {
  const rows = await db.attribution.findMany({ include: { claim: true, source: true } });
  return rows.map((a) => [a.claim.text, a.source.name, a.source.kind, a.stance, a.quote].join(" | ")).sort();
}

beforeAll(async () => {
  paged = await setupTestApp({ REVIEW_PAGE_SIZE: "2" });
  session = await signedInAgent(paged, "analyst");
  id = await ingestThroughPage(session, fixtureText(SEED_001));
}, 60_000);
afterAll(() => paged?.close());

describe("a report's review in pages", () => {
  it("when seed 001 is reviewed two to a page, then every suggestion is on exactly one page and a suggestion proposed as another's claim is on that one's page", async () => {
    const first = await pageItems(1);
    expect(first.pages).toBeGreaterThan(1);
    expect(first.res.text).toContain("Page 1 of");
    expect(first.res.text).toContain('rel="next"');
    const pageOf = new Map<number, number>();
    for (let p = 1; p <= first.pages; p++) {
      const { items } = await pageItems(p);
      expect(items.length).toBeGreaterThan(0);
      for (const n of items) {
        expect(pageOf.has(n), `suggestion ${n} on two pages`).toBe(false);
        pageOf.set(n, p);
      }
    }
    const api = await request(paged.app)
      .get(`/api/v1/documents/${id}/suggestions`)
      .set({ Authorization: `Bearer ${await apiToken(paged.db, session.user.username)}` });
    const all = api.body.suggestions as { index: number; proposal: { mergeInto?: { item?: number } } }[];
    expect([...pageOf.keys()].sort((a, b) => a - b)).toEqual(all.map((s) => s.index));
    const links = all.filter((s) => s.proposal.mergeInto?.item !== undefined);
    expect(links.length, "seed 001 has suggestions proposed as another's claim").toBeGreaterThan(0);
    for (const s of links) expect(pageOf.get(s.index), `suggestion ${s.index} and its target`).toBe(pageOf.get(s.proposal.mergeInto!.item!));
  });

  it("when the address names a page that is not a number or does not exist, then it is refused in words, not guessed", async () => {
    const bad = await session.agent.get(`/documents/${id}/suggestions?page=two`);
    expect(bad.status).toBe(400);
    expect(bad.text).toContain("The page must be a whole number from 1");
    const beyond = await session.agent.get(`/documents/${id}/suggestions?page=99`);
    expect(beyond.status).toBe(404);
    expect(beyond.text).toMatch(/There is no page 99 in this review: its last page is \d+/);
    const missing = await session.agent.get(`/documents/999999/suggestions`);
    expect(missing.status).toBe(404);
  });

  it("when every page is accepted as proposed, page after page, then the store holds exactly what accepting every proposal at once holds, and a recorded page is not offered again", async () => {
    const { pages } = await pageItems(1);
    for (let p = 1; p <= pages; p++) {
      const { values } = await pageItems(p);
      const res = await session.agent.post(`/documents/${id}/suggestions`).type("form").send(values);
      expect(res.status, res.text.slice(0, 500)).toBe(303);
      expect(res.headers.location).toBe(p < pages ? reviewUrl(p + 1) : `/documents/${id}`);
    }

    const whole = await setupTestApp();
    try {
      const user = await buildUser(whole.db, { role: "analyst" });
      const auth = { Authorization: `Bearer ${await apiToken(whole.db, user.username)}` };
      const created = await request(whole.app)
        .post("/api/v1/ingest")
        .set(auth)
        .send({ text: fixtureText(SEED_001), publishedAt: "2019-03-28" });
      const doc = created.body.document.id as number;
      const review = await request(whole.app).get(`/api/v1/documents/${doc}/suggestions`).set(auth);
      const items = (review.body.suggestions as { proposal: unknown }[]).map((s) => s.proposal);
      expect((await request(whole.app).post(`/api/v1/documents/${doc}/suggestions`).set(auth).send({ items })).status).toBe(201);
      const once = await recorded(whole.db);
      expect(once.length).toBeGreaterThan(3);
      expect(await recorded(paged.db)).toEqual(once);
    } finally {
      await whole.close();
    }

    // back on page 1: what it recorded shows as recorded and is proposed for rejection
    const before = await paged.db.attribution.count();
    const again = await pageItems(1);
    const $ = cheerio.load(again.res.text);
    expect($(".suggestion .warning").length).toBeGreaterThan(0);
    for (const n of again.items) expect(again.values[`i${n}_decision`]).toBe("reject");
    const res = await session.agent.post(`/documents/${id}/suggestions`).type("form").send(again.values);
    expect(res.status).toBe(303);
    expect(await paged.db.attribution.count()).toBe(before);
  });

  it("when the analyst asks to compute the suggestions again, then the work starts and the browser goes to the plain address", async () => {
    const res = await session.agent.get(`/documents/${id}/suggestions?refresh=1&page=2`);
    expect(res.status).toBe(303);
    expect(res.headers.location).toBe(reviewUrl(2));
    expect((await session.agent.get(reviewUrl(2))).status).toBe(200);
  });
});

describe("progress while the suggestions are computed", () => {
  it("when they take longer than the page waits, then it shows their progress in Arabic, reloading itself, until the review is there with the ingest's message in Arabic", async () => {
    const slow = await setupTestApp({ REVIEW_WAIT_MS: "0" });
    try {
      const s = await signedInAgent(slow, "analyst");
      const doc = await ingestThroughPage(s, fixtureText(SEED_001));
      const first = await s.agent.get(`/documents/${doc}/suggestions?lang=ar`);
      expect(first.status).toBe(200);
      const $ = cheerio.load(first.text);
      expect($("html").attr("dir")).toBe("rtl");
      expect($('meta[http-equiv="refresh"]').attr("content")).toBe("2");
      expect($("progress").length).toBe(1);
      expect($('[role="status"]').text()).toMatch(/التصريح|التصريحات|قرار/);
      expect($("h2").text()).toContain("قراءة التقرير");
      // the ingest's "review the suggestions below" waits for the review
      expect($(".flash").length).toBe(0);
      expect($(`a[href="/documents/${doc}/suggestions"]`).text()).toBe("حدّث الآن");
      let ready = "";
      for (let i = 0; i < 300 && !ready; i++) {
        const r = await s.agent.get(`/documents/${doc}/suggestions`);
        if (r.text.includes('name="_pages"')) ready = r.text;
        else await new Promise((done) => setTimeout(done, 100));
      }
      expect(ready, "the review came after its progress").not.toBe("");
      expect(cheerio.load(ready)('meta[http-equiv="refresh"]').length).toBe(0);
      // posted in English, shown on an Arabic page: the message is written in the page's language
      expect(cheerio.load(ready)(".flash").text()).toContain(`أُدخل بوصفه الوثيقة رقم ${doc}`);
    } finally {
      await slow.close();
    }
  }, 60_000);

  it("when 10 of 40 statements are matched after 20 s, then the page says so, with a quarter done and about a minute left", () => {
    const job = { documentId: 1, startedAt: 0, progress: { phase: "matching", done: 10, total: 40 } } as unknown as ReviewJob;
    expect(presentProgress(job, 20_000)).toMatchObject({ percent: 25, elapsed: 20, left: 60, line: "Matching statement 10 of 40 against the claims on file." });
    expect(presentProgress({ ...job, progress: { phase: "reading", done: 0, total: 0 } }, 1_000)).toMatchObject({ percent: 0, left: undefined });
  });
});

describe("review pages", () => {
  const s = (index: number, item?: number) => ({ index, proposal: item === undefined ? {} : { mergeInto: { item } } });
  it("when suggestions are linked, then each group stays on one page; pages fill up to the size in the report's order, and a group larger than a page gets its own", () => {
    expect(reviewPages([s(0), s(1), s(2), s(3), s(4)], 2)).toEqual([[0, 1], [2, 3], [4]]);
    // 3 → 0 links them: 1 and 2 wait for the next page rather than cut the group
    expect(reviewPages([s(0), s(1), s(2), s(3, 0), s(4)], 2)).toEqual([[0, 3], [1, 2], [4]]);
    expect(reviewPages([s(0), s(1, 0), s(2, 1), s(3)], 2)).toEqual([[0, 1, 2], [3]]);
    expect(reviewPages([s(0), s(1, 0), { index: 2, proposal: { mergeInto: { claimId: 7 } } }], 2)).toEqual([[0, 1], [2]]);
    expect(reviewPages([], 25)).toEqual([[]]);
  });
});
