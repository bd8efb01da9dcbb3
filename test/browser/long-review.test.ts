/**
 * A long report reviewed in pages, in Chromium and in Arabic, as an analyst would meet it: a
 * digest of nine Arabic reports (the two seeds first) pasted into /ingest; the page shows the
 * suggestions' progress and reloads itself until they are ready; each page is accepted as the
 * assistant proposed it and leads to the next; and the founding conflict comes out of the whole.
 * The review is four suggestions to a page here so that a 13,000-character digest gives
 * several. Screenshots of the progress page and of the first two pages go to .tmp/screenshots/.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS, signIn, startBrowserApp, userWithRole, watchedPage, type BrowserApp, type Watched } from "./support.ts";

const REPORTS = [
  "001_cad93aab64d4a56d.txt",
  "000_c05d65dbb0b1fda2.txt",
  "exchange_a_ar.txt",
  "exchange_b_ar.txt",
  "relay_ar.txt",
  "denial_ar.txt",
  "varied_ar.txt",
  "sana_relay.txt",
  "svo_ar.txt",
];
const digest = REPORTS.map((name) => readFileSync(new URL(`../fixtures/extract/${name}`, import.meta.url), "utf8").trim()).join("\n\n");

let app: BrowserApp;
let w: Watched;

beforeAll(async () => {
  app = await startBrowserApp({ REVIEW_PAGE_SIZE: "4", REVIEW_WAIT_MS: "0" });
  const user = await userWithRole(app, "analyst");
  w = await watchedPage(app);
  await signIn(w, user.username);
}, 60_000);
afterAll(async () => app?.stop());

describe("a long report's review in pages (Chromium, Arabic)", () => {
  it("paste a nine-report digest: progress while it is read, then page after page accepted as proposed, and the founding conflict out of it", async () => {
    await w.page.goto("/ingest?lang=ar");
    const form = w.page.locator('form[action="/ingest"]').first();
    await form.locator("#text").fill(digest);
    await Promise.all([w.page.waitForURL(/\/documents\/\d+\/suggestions/, { timeout: 60_000 }), form.locator("button[type=submit]").click()]);

    // first the progress, in Arabic, reloading itself …
    expect(await w.page.locator("html").getAttribute("dir")).toBe("rtl");
    expect(await w.page.locator('meta[http-equiv="refresh"]').count()).toBe(1);
    expect(await w.page.locator("progress").count()).toBe(1);
    await w.page.screenshot({ path: join(SCREENSHOTS, "review-progress-ar.png"), fullPage: true });
    // … until the review's first page is there, with no click
    await w.page.waitForSelector('input[name="_pages"]', { state: "attached", timeout: 60_000 });
    const pages = Number(await w.page.locator('input[name="_pages"]').getAttribute("value"));
    expect(pages).toBeGreaterThan(2);
    expect(await w.page.locator("nav.pagination").count()).toBe(2);
    expect(await w.page.locator("#review-page").innerText()).toMatch(/الصفحة 1 من/);
    await w.page.screenshot({ path: join(SCREENSHOTS, "review-page-1-ar.png"), fullPage: true });

    for (let p = 1; p <= pages; p++) {
      expect(Number(await w.page.locator('input[name="_page"]').getAttribute("value"))).toBe(p);
      const cards = await w.page.locator("fieldset.suggestion").count();
      expect(cards).toBeGreaterThan(0);
      // only this page's quotes are marked in the text, and each card's quote is one of them
      expect(await w.page.locator(".document-text mark[id]").count()).toBe(cards);
      // the text opens where this page's quotes are, not at the top of the report
      const firstMark = await w.page.locator(".document-text mark[id]").first().boundingBox();
      const firstCard = await w.page.locator("fieldset.suggestion").first().boundingBox();
      expect(firstMark!.y, `page ${p}: the first quote is near the first card`).toBeLessThan(firstCard!.y + 900);
      if (p === 2) await w.page.screenshot({ path: join(SCREENSHOTS, "review-page-2-ar.png"), fullPage: true });
      const submit = w.page.locator('form[action$="/suggestions"] button[type=submit]');
      await Promise.all([
        w.page.waitForLoadState("load"),
        w.page.waitForURL(p < pages ? /\/suggestions\?page=\d+$/ : /\/documents\/\d+$/, { timeout: 60_000 }),
        submit.click(),
      ]);
      if (p < pages) expect(new URL(w.page.url()).searchParams.get("page")).toBe(String(p + 1));
    }

    const conflicts = await app.db.conflict.findMany({
      where: { status: "open", active: true, kind: "stance" },
      include: { items: { include: { attribution: { include: { source: true } } } } },
    });
    const founding = conflicts.filter((c) => {
      const names = (side: string) => c.items.filter((i) => i.side === side).map((i) => i.attribution.source.name);
      return names("a").some((n) => /المركز الإعلامي/.test(n)) && names("b").some((n) => /الجيش العراقي/.test(n));
    });
    expect(founding).toHaveLength(1);
    expect(w.pageErrors).toEqual([]);
  }, 240_000);
});
