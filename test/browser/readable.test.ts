/// <reference lib="dom" />
/**
 * Pages a new analyst can read: measured in Chromium, not guessed from the HTML. The audit page
 * with 60 events fits in under 6,000 px (it was 49,930 px for 62 events).
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { updateClaim } from "../../src/domain/claims/update-claim.ts";
import { buildClaim, buildSource } from "../helpers.ts";
import { SCREENSHOTS, signIn, startBrowserApp, userWithRole, watchedPage, type BrowserApp, type Watched } from "./support.ts";

const LONG_AR = "أعلن المركز الإعلامي لقوات سوريا الديمقراطية تشكيل مركز مشترك مع الجيش العراقي لتنسيق حماية الحدود على امتداد ريف دير الزور الشرقي، ونفى الجيش العراقي ذلك في بيان نقلته وسائل إعلام عربية";

let app: BrowserApp;
let w: Watched;
let username = "";
beforeAll(async () => {
  app = await startBrowserApp();
  username = (await userWithRole(app, "analyst", "محللة")).username;
  w = await watchedPage(app);
  await signIn(w, username);
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

describe("the audit page in Chromium", () => {
  it("when the trail holds 60 events with long Arabic before/after values, then the page is under 6,000 px tall and reads as changes", async () => {
    // user.create + user.login so far; add sources, claims and edits up to at least 60 events.
    for (let i = 0; i < 10; i++) await buildSource(app.db, { name: `مصدر ${i}`, aliases: [`alias ${i}`, `اسم ${i}`], notes: LONG_AR });
    for (let i = 0; i < 25; i++) {
      const c = await buildClaim(app.db, { text: `${LONG_AR} ${i}`, language: "ar", translation: "The SDF announced a joint centre with the Iraqi army", tags: ["sdf-iraq"] });
      await inTransaction(app.db, (tx) => updateClaim(tx, systemActor("test"), c.id, { text: `${LONG_AR} (${i})`, language: "ar", translation: "edited", tags: ["sdf-iraq", "border"] }));
    }
    const total = await app.db.auditEvent.count();
    expect(total).toBeGreaterThanOrEqual(60);
    await w.page.setViewportSize({ width: 1280, height: 900 });
    await w.page.goto("/audit");
    const height = await w.page.evaluate(() => document.body.scrollHeight);
    await w.page.screenshot({ path: join(SCREENSHOTS, "audit-page.png"), fullPage: false });
    expect(height).toBeLessThan(6000);
    console.info(`audit page, ${total} events in the trail, 50 shown: ${height} px`);
    // What changed, in words: the edit's text change with old → new
    const first = await w.page.textContent(".audit-entry");
    expect(first).toMatch(/changed/);
    expect(first).toMatch(/text: .+→/);
    expect(first).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2} UTC/);
    expect(await w.page.getAttribute(".audit-entry a", "href")).toMatch(/^\/claims\/\d+$/);
    // paged: the rest are on page 2
    expect(await w.page.$$eval(".audit-entry", (els) => els.length)).toBe(50);
    expect(await w.page.textContent(".pagination")).toContain(`${total} in all`);
  });
});
