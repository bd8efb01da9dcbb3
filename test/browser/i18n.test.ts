/// <reference lib="dom" />
/**
 * The whole story in each interface language, in Chromium: a browser whose language is Arabic
 * (or English) signs in, records two sources, an Arabic claim and opposite stances through the
 * forms, sees the conflict, a reviewer sets a verdict, the report CSV is downloaded. `lang` and
 * `dir` are checked in the DOM, the Arabic layout is checked to be mirrored (the brand at the
 * right, labels at the right of their fields), evidence is the same bytes in both, every main
 * page is screenshotted in both languages (.tmp/screenshots/i18n-LANG-PAGE.png) and checked
 * with axe-core: no serious or critical violation.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS, signIn, startBrowserApp, userWithRole, watchedPage, type BrowserApp, type Watched } from "./support.ts";

const CLAIM = "شكّلت قوات سوريا الديمقراطية والجيش العراقي مركزاً مشتركاً لتنسيق أمن الحدود";
const ASSERT_QUOTE = "أعلن المركز الإعلامي لقسد تشكيل مركز مشترك";
const DENY_QUOTE = "نفى الجيش العراقي تشكيل أي مركز عمليات مشترك";
const AXE = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

type Lang = "ar" | "en";
const UI: Record<Lang, { browser: string; dir: string; dashboard: string; conflicts: string; saved: string; disputed: string }> = {
  ar: { browser: "ar-SY", dir: "rtl", dashboard: "لوحة المتابعة", conflicts: "التعارضات", saved: "تم الحفظ.", disputed: "متنازَع عليه" },
  en: { browser: "en-GB", dir: "ltr", dashboard: "Dashboard", conflicts: "Conflicts", saved: "Saved.", disputed: "disputed" },
};

let app: BrowserApp;
beforeAll(async () => {
  app = await startBrowserApp();
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

async function axeSerious(page: Page): Promise<string[]> {
  // Evaluated through the DevTools protocol, so the page's CSP (script-src 'self') still holds.
  await page.evaluate(AXE);
  const result = await page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            ctx: Document,
            opts: unknown,
          ): Promise<{ passes: unknown[]; violations: { id: string; impact: string; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    return axe.run(document, { resultTypes: ["violations"] });
  });
  // axe really ran its rules on this page (a page it could not read would pass nothing).
  expect(result.passes.length).toBeGreaterThan(10);
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map(
      (v) =>
        `${v.impact} ${v.id}: ${v.help} — ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    );
}

async function htmlAttrs(page: Page) {
  return page.evaluate(() => ({
    lang: document.documentElement.lang,
    dir: document.documentElement.dir,
    computed: getComputedStyle(document.documentElement).direction,
  }));
}

/** Screenshot + axe + lang/dir for one page. */
async function checkPage(w: Watched, lang: Lang, name: string, url: string, problems: string[]) {
  await w.page.goto(url);
  const attrs = await htmlAttrs(w.page);
  expect(attrs, `${lang} ${url}`).toEqual({ lang, dir: UI[lang].dir, computed: UI[lang].dir });
  await w.page.screenshot({ path: join(SCREENSHOTS, `i18n-${lang}-${name}.png`), fullPage: true });
  for (const v of await axeSerious(w.page)) problems.push(`${lang} ${name}: ${v}`);
}

describe.each(["ar", "en"] as const)("the product in %s, in Chromium", (lang) => {
  let analyst: Watched;
  let claimUrl = "";
  let conflictUrl = "";

  it("when a first-time browser in this language signs in, then the interface is in it, with lang and dir set", async () => {
    const user = await userWithRole(app, "analyst", lang === "ar" ? "محللة" : "Analyst Ann");
    analyst = await watchedPage(app, { locale: UI[lang].browser });
    await analyst.page.goto("/login");
    expect(await htmlAttrs(analyst.page)).toMatchObject({ lang, dir: UI[lang].dir });
    await analyst.page.screenshot({ path: join(SCREENSHOTS, `i18n-${lang}-login.png`), fullPage: true });
    expect(await axeSerious(analyst.page)).toEqual([]);
    await signIn(analyst, user.username);
    expect(await analyst.page.textContent("h1")).toBe(UI[lang].dashboard);
    expect(await analyst.page.textContent("header nav[aria-label] a[href='/conflicts']")).toBe(UI[lang].conflicts);
  }, 60_000);

  it("when the analyst records sources, an Arabic claim and opposite stances, then the conflict shows, with the evidence as recorded", async () => {
    const page = analyst.page;
    const suffix = lang === "ar" ? "" : " 2";
    for (const [name, kind] of [
      [`المركز الإعلامي لقوات سوريا الديمقراطية${suffix}`, "official_body"],
      [`الجيش العراقي${suffix}`, "official_body"],
    ]) {
      await page.goto("/sources/new");
      await page.fill("#name", name);
      await page.selectOption("#kind", kind);
      await Promise.all([page.waitForURL(/\/sources\/\d+$/), page.click("form.form button[type=submit]")]);
      expect(await page.textContent(".flash")).toBe(UI[lang].saved);
    }
    await page.goto("/claims/new");
    await page.fill("#text", CLAIM);
    await page.selectOption("#language", "ar");
    await Promise.all([page.waitForURL(/\/claims\/\d+$/), page.click("form.form button[type=submit]")]);
    claimUrl = new URL(page.url()).pathname;
    expect(await page.textContent("h1.claim-text bdi")).toBe(CLAIM);

    for (const [source, stance, quote] of [
      [`المركز الإعلامي لقوات سوريا الديمقراطية${suffix}`, "asserted", ASSERT_QUOTE],
      [`الجيش العراقي${suffix}`, "denied", DENY_QUOTE],
    ]) {
      await page.goto(claimUrl);
      await page.click("details.add summary");
      const value = await page.$$eval(
        "#sourceId option",
        (opts, s) => opts.find((o) => o.textContent?.startsWith(`${s} (`))?.getAttribute("value") ?? "",
        source,
      );
      expect(value).not.toBe("");
      await page.selectOption("#sourceId", value);
      await page.selectOption("#stance", stance);
      await page.fill("#quote", quote);
      await Promise.all([page.waitForURL((u) => u.pathname === claimUrl), page.click("form[action$='/attributions'] button[type=submit]")]);
    }
    expect(await page.$$eval("td.quote q", (qs) => qs.map((q) => q.textContent))).toEqual(expect.arrayContaining([ASSERT_QUOTE, DENY_QUOTE]));

    await page.goto("/conflicts");
    const card = page.locator("article.conflict-card", { hasText: `الجيش العراقي${suffix}` }).first();
    expect(await card.count()).toBe(1);
    conflictUrl = (await card.locator("a[href^='/conflicts/']").first().getAttribute("href"))!;
    await page.goto(conflictUrl);
    expect(await page.textContent(".sides")).toContain(DENY_QUOTE);
    expect(analyst.pageErrors).toEqual([]);
    expect(analyst.dialogs).toEqual([]);
  }, 60_000);

  it("when the page is laid out, then Arabic mirrors the interface (brand and labels at the right) and English does not", async () => {
    const page = analyst.page;
    await page.goto(claimUrl);
    const layout = await page.evaluate(() => {
      const brand = document.querySelector(".top .brand")!.getBoundingClientRect();
      const th = document.querySelector("table.matrix th")!.getBoundingClientRect();
      const table = document.querySelector("table.matrix")!.getBoundingClientRect();
      return {
        brandCentre: (brand.left + brand.right) / 2,
        width: document.documentElement.clientWidth,
        firstColumnAtRight: th.right > table.left + table.width / 2,
      };
    });
    if (lang === "ar") {
      expect(layout.brandCentre).toBeGreaterThan(layout.width / 2);
      expect(layout.firstColumnAtRight).toBe(true);
    } else {
      expect(layout.brandCentre).toBeLessThan(layout.width / 2);
      expect(layout.firstColumnAtRight).toBe(false);
    }
    // An English value inside the Arabic interface keeps its own direction (and vice versa).
    expect(await page.$eval("h1.claim-text bdi", (el) => getComputedStyle(el).direction)).toBe("rtl");
  });

  it("when a reviewer records a verdict and downloads the report CSV, then the history shows it and the CSV holds the evidence as recorded", async () => {
    const reviewer = await userWithRole(app, "reviewer", lang === "ar" ? "مراجع" : "Reviewer Rob");
    const w = await watchedPage(app, { locale: UI[lang].browser });
    await signIn(w, reviewer.username);
    const page = w.page;
    await page.goto(claimUrl);
    await page.selectOption("#review-status", "disputed");
    await page.fill("#rationale", "الجيش العراقي نفى، والمصدر الوحيد للتأكيد طرف في الخبر");
    await Promise.all([page.waitForURL((u) => u.pathname === claimUrl), page.click("form[action$='/reviews'] button[type=submit]")]);
    expect(await page.textContent("ol.history")).toContain("الجيش العراقي نفى");
    expect(await page.textContent(".claim-page .meta .badge")).toBe(UI[lang].disputed);

    await page.goto(`/reports${claimUrl}`);
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("a[href$='format=csv']")]);
    const file = join(SCREENSHOTS, `i18n-${lang}-report.csv`);
    await download.saveAs(file);
    const csv = readFileSync(file).subarray(3).toString("utf8");
    for (const s of [CLAIM, ASSERT_QUOTE, DENY_QUOTE]) expect(csv).toContain(s);
    await w.context.close();
  }, 60_000);

  it("when every main page is opened, then it is in the language, screenshotted, and axe finds no serious or critical violation", async () => {
    const admin = await userWithRole(app, "admin", lang === "ar" ? "مديرة" : "Admin Ada");
    const w = await watchedPage(app, { locale: UI[lang].browser });
    await signIn(w, admin.username);
    const source = await app.db.source.findFirstOrThrow({ orderBy: { id: "asc" } });
    const doc = await app.db.document.findFirst({ orderBy: { id: "asc" } });
    const pages: [string, string][] = [
      ["dashboard", "/"],
      ["claims", "/claims"],
      ["claim", claimUrl],
      ["claim-new", "/claims/new"],
      ["conflicts", "/conflicts"],
      ["conflict", conflictUrl],
      ["sources", "/sources"],
      ["source", `/sources/${source.id}`],
      ["source-new", "/sources/new"],
      ["documents", "/documents"],
      ["document-new", "/documents/new"],
      ["ingest", "/ingest"],
      ["report", `/reports${claimUrl}`],
      ["audit", "/audit"],
      ["users", "/users"],
      ["settings", "/settings"],
      ["not-found", "/no-such-page"],
    ];
    if (doc) pages.push(["document", `/documents/${doc.id}`]);
    const problems: string[] = [];
    for (const [name, url] of pages) await checkPage(w, lang, name, url, problems);
    expect(problems).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    await w.context.close();
  }, 180_000);

  it("when ?lang= names the other language, then the page switches and stays switched for this user", async () => {
    const other: Lang = lang === "ar" ? "en" : "ar";
    const page = analyst.page;
    await page.goto(`/claims?lang=${other}`);
    expect(await htmlAttrs(page)).toMatchObject({ lang: other, dir: UI[other].dir });
    await page.goto("/");
    expect(await page.textContent("h1")).toBe(UI[other].dashboard);
    // The switcher in the header goes back, keeping the page.
    await page.goto("/conflicts");
    await Promise.all([page.waitForURL(/lang=/), page.click(`.lang-switch a[hreflang='${lang}']`)]);
    expect(new URL(page.url()).pathname).toBe("/conflicts");
    expect(await htmlAttrs(page)).toMatchObject({ lang, dir: UI[lang].dir });
    await analyst.context.close();
  }, 60_000);
});
