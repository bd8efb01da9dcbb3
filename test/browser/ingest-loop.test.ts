/**
 * The analyst's main loop in Chromium, as a new user would try it: the two raw seed reports
 * uploaded through /ingest, each review page accepted as the assistant proposed it (the
 * proposals are pre-selected), and the founding conflict on the conflicts page. Screenshots of
 * the review page and the conflict go to .tmp/screenshots/. The second report and the conflict
 * are read in Arabic.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCREENSHOTS, signIn, startBrowserApp, userWithRole, watchedPage, type BrowserApp, type Watched } from "./support.ts";

const seed = (name: string) => new URL(`../fixtures/extract/${name}`, import.meta.url).pathname;

let app: BrowserApp;
let w: Watched;

beforeAll(async () => {
  app = await startBrowserApp();
  const user = await userWithRole(app, "analyst");
  w = await watchedPage(app);
  await signIn(w, user.username);
}, 60_000);
afterAll(async () => app?.stop());

async function uploadAndAccept(file: string, shot: string) {
  await w.page.goto("/ingest");
  const form = w.page.locator('form[action="/ingest"][enctype="multipart/form-data"]');
  await form.locator("#file").setInputFiles(file);
  await Promise.all([w.page.waitForURL(/\/documents\/\d+\/suggestions/, { timeout: 60_000 }), form.locator("button[type=submit]").click()]);
  // every suggestion starts from the assistant's proposal: a decision is already chosen
  const decisions = await w.page.locator('input[type=radio][name$="_decision"]:checked').count();
  expect(decisions).toBeGreaterThan(0);
  await w.page.screenshot({ path: join(SCREENSHOTS, shot), fullPage: true });
  const review = w.page.locator('form[action$="/suggestions"]');
  await Promise.all([w.page.waitForURL((u) => !/\/suggestions$/.test(u.pathname), { timeout: 60_000 }), review.locator("button[type=submit]").first().click()]);
}

describe("raw seed reports in, the founding conflict out (Chromium)", () => {
  it("upload 001 then 000, accept the proposals as shown: one open conflict, SDF media centre against the Iraqi army", async () => {
    await uploadAndAccept(seed("001_cad93aab64d4a56d.txt"), "ingest-review-001.png");
    // the second report is read in Arabic (the language is remembered for the user from here on)
    await w.page.goto("/?lang=ar");
    await uploadAndAccept(seed("000_c05d65dbb0b1fda2.txt"), "ingest-review-000-ar.png");
    await w.page.goto("/conflicts");
    const body = await w.page.locator("main").innerText();
    expect(body).toMatch(/المركز الإعلامي/);
    expect(body).toMatch(/الجيش العراقي/);
    await w.page.screenshot({ path: join(SCREENSHOTS, "ingest-conflicts.png"), fullPage: true });
    const open = await app.db.conflict.findMany({ where: { status: "open", active: true, kind: "stance" } });
    expect(open).toHaveLength(1);
    await w.page.goto(`/conflicts/${open[0].id}`);
    await w.page.screenshot({ path: join(SCREENSHOTS, "ingest-conflict-ar.png"), fullPage: true });
    // the why of the conflict is written in the interface's language, around the sources' names
    const why = await w.page.locator("p.why").first().innerText();
    expect(why).toMatch(/موقفان متعارضان/);
    expect(why).not.toMatch(/asserted|denied|Opposite/);
    // the media centre is filed under the SDF, which «قسد» names
    const centre = await app.db.source.findFirstOrThrow({ where: { name: "المركز الإعلامي لقوات سوريا الديمقراطية" } });
    await w.page.goto(`/sources/${centre.id}`);
    await w.page.screenshot({ path: join(SCREENSHOTS, "ingest-source-media-centre-ar.png"), fullPage: true });
    const page = await w.page.locator("main").innerText();
    expect(page).toMatch(/قوات سوريا الديمقراطية/);
    // the note the product wrote when it created the source is in the interface's language too
    expect(page).toMatch(/أُنشئ من اقتراح في الوثيقة رقم/);
    expect(page).not.toMatch(/Created from a suggestion/);
    expect(await w.page.locator(`main a[href="/sources/${centre.parentId}"]`).count()).toBeGreaterThan(0);
    expect(w.pageErrors).toEqual([]);
  }, 180_000);
});
