/**
 * The suggestions review of an Arabic report, in the Arabic interface, on a 390 px phone: no
 * sideways scrolling. (Grid columns and fieldsets default to their content's min width, which
 * pushed the right-to-left page to 429 px.)
 */
import { readFileSync } from "node:fs";
import { afterAll, beforeAll, expect, it } from "vitest";
import { signIn, startBrowserApp, userWithRole, watchedPage, type BrowserApp, type Watched } from "./support.ts";

let app: BrowserApp;
let w: Watched;
beforeAll(async () => {
  app = await startBrowserApp();
  const u = await userWithRole(app, "analyst");
  w = await watchedPage(app, { locale: "ar", width: 390 });
  await signIn(w, u.username);
}, 60_000);
afterAll(async () => app?.stop());

it("when an Arabic report's suggestions are reviewed at 390 px in Arabic, then the page is no wider than the screen", async () => {
  await w.page.goto("/ingest");
  await w.page.fill("#text", readFileSync(new URL("../fixtures/extract/001_cad93aab64d4a56d.txt", import.meta.url), "utf8"));
  await Promise.all([
    w.page.waitForURL(/\/suggestions$/, { timeout: 60_000 }),
    w.page.locator('form[action="/ingest"]:not([enctype]) button[type=submit]').click(),
  ]);
  expect(await w.page.getAttribute("html", "dir")).toBe("rtl");
  expect(await w.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
}, 120_000);
