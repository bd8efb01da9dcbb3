/// <reference lib="dom" />
/**
 * The acceptance story in a real browser (Chromium): an analyst signs in, records two
 * sources and an Arabic claim through the forms, adds the SDF's assertion and the Iraqi army's
 * denial, sees the conflict on the conflicts page; a reviewer sets a verdict; the report CSV
 * is downloaded. Screenshots of the claim and conflict pages go to .tmp/screenshots/, and the
 * right-to-left layout is checked through the DOM. Each test builds the records it needs (the
 * first through the forms, the others with the factories), so any one can run alone.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAttribution, buildClaim, buildSource } from "../helpers.ts";
import { SCREENSHOTS, signIn, startBrowserApp, userWithRole, watchedPage, type BrowserApp, type Watched } from "./support.ts";

const CLAIM = "شكّلت قوات سوريا الديمقراطية والجيش العراقي مركزاً مشتركاً لتنسيق أمن الحدود";
const ASSERT_QUOTE = "أعلن المركز الإعلامي لقسد تشكيل مركز مشترك";
const DENY_QUOTE = "نفى الجيش العراقي تشكيل أي مركز عمليات مشترك";

let app: BrowserApp;
let analyst: Watched;
beforeAll(async () => {
  app = await startBrowserApp();
  await userWithRole(app, "analyst", "محللة");
  // An English interface around Arabic evidence (the Arabic interface: i18n.test.ts).
  analyst = await watchedPage(app, { locale: "en-GB" });
}, 60_000);

/** The story's Arabic claim with the SDF's assertion and the army's denial, stored directly; its page's path. */
async function claimWithOppositeStances(quotes: { assert: string; deny: string } = { assert: ASSERT_QUOTE, deny: DENY_QUOTE }): Promise<string> {
  const sdf = await buildSource(app.db, { name: "المركز الإعلامي لقوات سوريا الديمقراطية", kind: "official_body" });
  const army = await buildSource(app.db, { name: "الجيش العراقي", kind: "official_body" });
  const claim = await buildClaim(app.db, { text: CLAIM, language: "ar" });
  await buildAttribution(app.db, { claimId: claim.id, sourceId: sdf.id, stance: "asserted", quote: quotes.assert });
  await buildAttribution(app.db, { claimId: claim.id, sourceId: army.id, stance: "denied", quote: quotes.deny });
  return `/claims/${claim.id}`;
}
afterAll(async () => {
  await app?.stop();
});

describe("the acceptance story in Chromium", () => {
  it("when an analyst records sources, an Arabic claim and opposite stances through the forms, then the conflict shows on the conflicts page", async () => {
    const analystUser = await app.db.user.findFirstOrThrow({ where: { role: "analyst" } });
    await signIn(analyst, analystUser.username);
    const page = analyst.page;
    for (const [name, kind] of [
      ["المركز الإعلامي لقوات سوريا الديمقراطية", "official_body"],
      ["الجيش العراقي", "official_body"],
    ]) {
      await page.goto("/sources/new");
      await page.fill("#name", name);
      await page.selectOption("#kind", kind);
      await Promise.all([page.waitForURL(/\/sources\/\d+$/), page.click("form.form button[type=submit]")]);
      expect(await page.textContent("h1")).toContain(name);
    }
    await page.goto("/claims/new");
    await page.fill("#text", CLAIM);
    await page.selectOption("#language", "ar");
    await Promise.all([page.waitForURL(/\/claims\/\d+$/), page.click("form.form button[type=submit]")]);
    const claimUrl = new URL(page.url()).pathname;
    expect(await page.textContent("h1.claim-text bdi")).toBe(CLAIM);

    for (const [source, stance, quote] of [
      ["المركز الإعلامي", "asserted", ASSERT_QUOTE],
      ["الجيش العراقي", "denied", DENY_QUOTE],
    ]) {
      await page.goto(claimUrl);
      await page.click("details.add summary");
      const value = await page.$$eval("#sourceId option", (opts, s) => opts.find((o) => o.textContent?.includes(s))?.getAttribute("value") ?? "", source);
      await page.selectOption("#sourceId", value);
      await page.selectOption("#stance", stance);
      await page.fill("#quote", quote);
      await Promise.all([page.waitForURL((u) => u.pathname === claimUrl), page.click("form[action$='/attributions'] button[type=submit]")]);
    }
    expect(await page.$$eval("td.quote q", (qs) => qs.map((q) => q.textContent))).toEqual(expect.arrayContaining([ASSERT_QUOTE, DENY_QUOTE]));
    await page.screenshot({ path: join(SCREENSHOTS, "claim.png"), fullPage: true });

    await page.goto("/conflicts");
    const card = page.locator("article.conflict-card", { hasText: "الجيش العراقي" }).first();
    expect(await card.count()).toBe(1);
    expect(await card.textContent()).toContain("المركز الإعلامي");
    const href = await card.locator("a[href^='/conflicts/']").first().getAttribute("href");
    await page.goto(href!);
    expect(await page.textContent(".sides")).toContain("الجيش العراقي");
    await page.screenshot({ path: join(SCREENSHOTS, "conflict.png"), fullPage: true });
    expect(analyst.dialogs).toEqual([]);
    expect(analyst.pageErrors).toEqual([]);
  }, 60_000);

  it("when the claim page is laid out, then Arabic values resolve right-to-left and a short Arabic quote sits at the right of its wider cell", async () => {
    // Short quotes, so each is narrower than its cell and its alignment shows.
    const claimUrl = await claimWithOppositeStances({ assert: "تشكيل مركز مشترك", deny: "نفى الجيش" });
    const w = await watchedPage(app, { locale: "en-GB" });
    await signIn(w, (await userWithRole(app, "analyst")).username);
    const page = w.page;
    await page.goto(claimUrl);
    expect(await page.$eval("h1.claim-text bdi", (el) => getComputedStyle(el).direction)).toBe("rtl");
    expect(await page.$$eval("td.quote q", (qs) => qs.map((q) => getComputedStyle(q).direction))).toEqual(["rtl", "rtl"]);
    // The interface around the values stays left-to-right (English labels).
    expect(await page.$eval("html", (el) => getComputedStyle(el).direction)).toBe("ltr");
    const boxes = await page.$$eval("td.quote", (tds) =>
      tds.map((td) => {
        const q = td.querySelector("q")!.getBoundingClientRect();
        const cell = td.getBoundingClientRect();
        const s = getComputedStyle(td);
        return {
          cellLeft: cell.left + parseFloat(s.paddingLeft),
          cellRight: cell.right - parseFloat(s.paddingRight),
          qLeft: q.left,
          qRight: q.right,
          qWidth: q.width,
        };
      }),
    );
    expect(boxes).toHaveLength(2);
    for (const b of boxes) {
      expect(b.cellRight - b.cellLeft, JSON.stringify(b)).toBeGreaterThan(b.qWidth + 4);
      expect(Math.abs(b.cellRight - b.qRight), JSON.stringify(b)).toBeLessThanOrEqual(2);
    }
    await w.context.close();
  });

  it("when a reviewer records a verdict and downloads the report CSV, then the verdict shows in the history and the CSV holds the Arabic evidence with a BOM", async () => {
    const claimUrl = await claimWithOppositeStances();
    const reviewer = await userWithRole(app, "reviewer", "مراجع");
    const w = await watchedPage(app, { locale: "en-GB" });
    await signIn(w, reviewer.username);
    const page = w.page;
    await page.goto(claimUrl);
    await page.selectOption("#review-status", "disputed");
    await page.fill("#rationale", "الجيش العراقي نفى، والمصدر الوحيد للتأكيد طرف في الخبر");
    await Promise.all([page.waitForURL((u) => u.pathname === claimUrl), page.click("form[action$='/reviews'] button[type=submit]")]);
    expect(await page.textContent("ol.history")).toContain("الجيش العراقي نفى");
    expect(await page.textContent(".claim-page .meta .badge")).toMatch(/disputed/i);

    await page.goto(`/reports${claimUrl}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("a[href$='format=csv']")]);
    const file = join(SCREENSHOTS, "report.csv");
    await download.saveAs(file);
    const bytes = readFileSync(file);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = bytes.subarray(3).toString("utf8");
    for (const s of [CLAIM, ASSERT_QUOTE, DENY_QUOTE, "disputed"]) expect(csv).toContain(s);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    await w.context.close();
  }, 30_000);
});
