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
import { importBundle } from "../../src/domain/bundle/import-bundle.ts";
import { seedBundle } from "../bundle/support.ts";
import { buildAttribution, buildClaim, buildSource } from "../helpers.ts";
import { SCREENSHOTS, signIn, startBrowserApp, userWithRole, watchedPage, type BrowserApp, type Watched } from "./support.ts";

const LONG_AR =
  "أعلن المركز الإعلامي لقوات سوريا الديمقراطية تشكيل مركز مشترك مع الجيش العراقي لتنسيق حماية الحدود على امتداد ريف دير الزور الشرقي، ونفى الجيش العراقي ذلك في بيان نقلته وسائل إعلام عربية";

let app: BrowserApp;
let w: Watched;
let username = "";
beforeAll(async () => {
  app = await startBrowserApp();
  username = (await userWithRole(app, "analyst", "محللة")).username;
  w = await watchedPage(app, { locale: "en" }); // the assertions read the English interface
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
      const c = await buildClaim(app.db, {
        text: `${LONG_AR} ${i}`,
        language: "ar",
        translation: "The SDF announced a joint centre with the Iraqi army",
        tags: ["sdf-iraq"],
      });
      await inTransaction(app.db, (tx) =>
        updateClaim(tx, systemActor("test"), c.id, { text: `${LONG_AR} (${i})`, language: "ar", translation: "edited", tags: ["sdf-iraq", "border"] }),
      );
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
    const entries = await w.page.$$eval(".audit-entry", (els) => els.map((e) => e.textContent ?? ""));
    const edit = entries.find((e) => /claim edited/.test(e)) ?? "";
    expect(edit).toMatch(/text: .+→/);
    expect(edit).toMatch(/\d{1,2} [A-Z][a-z]+ \d{4}, \d{2}:\d{2} UTC/);
    expect(await w.page.getAttribute(".audit-entry a", "href")).toMatch(/^\/(?:claims|links)\/\d+$|^\/claims\/\d+/);
    // paged: the rest are on page 2
    expect(await w.page.$$eval(".audit-entry", (els) => els.length)).toBe(50);
    expect(await w.page.textContent(".pagination")).toContain(`${total} in all`);
  });
});

describe("every main page on a 390 px phone", () => {
  it("when each main page is opened at 390×844, then none is wider than the screen, each has a skip link and a favicon, and no request 404s", async () => {
    await importBundle(app.db, systemActor("test"), seedBundle());
    const conflict = await app.db.conflict.findFirstOrThrow();
    const doc = await app.db.document.findFirstOrThrow({ where: { key: "al-khabar-sdf-iraq-joint-centre" } });
    const source = await app.db.source.findFirstOrThrow({ where: { key: "iraqi-army" } }).catch(() => app.db.source.findFirstOrThrow());
    const claim = await app.db.claim.findFirstOrThrow({ where: { key: "sdf-iraq-joint-border-centre" } });
    const pages = [
      "/",
      "/claims",
      `/claims/${claim.id}`,
      "/claims/new",
      "/conflicts",
      `/conflicts/${conflict.id}`,
      "/sources",
      `/sources/${source.id}`,
      "/sources/new",
      "/documents",
      `/documents/${doc.id}`,
      `/documents/${doc.id}/suggestions`,
      "/documents/new",
      "/ingest",
      "/audit",
      "/reports",
      "/reports/topics/sdf-iraq",
      `/reports/claims/${claim.id}`,
    ];
    await w.page.setViewportSize({ width: 390, height: 844 });
    w.notFound.length = 0;
    const wide: string[] = [];
    for (const path of pages) {
      const res = await w.page.goto(path);
      expect(res?.status(), path).toBe(200);
      const width = await w.page.evaluate(() => document.documentElement.scrollWidth);
      if (width > 390) wide.push(`${path}: ${width}px`);
      expect(await w.page.getAttribute("body > a.skip-link", "href"), path).toBe("#main");
      await w.page.screenshot({ path: join(SCREENSHOTS, `narrow${path.replace(/[^a-z0-9]+/gi, "-")}.png`), fullPage: false });
    }
    expect(wide).toEqual([]);
    expect(w.notFound).toEqual([]);
    expect((await w.page.request.get("/assets/favicon.svg")).status()).toBe(200);
    // the skip link is the first thing the keyboard reaches, and it is visible then
    await w.page.goto("/claims");
    await w.page.keyboard.press("Tab");
    expect(await w.page.evaluate(() => document.activeElement?.textContent)).toBe("Skip to content");
    await w.page.setViewportSize({ width: 1280, height: 900 });
  });

  it("when Arabic claims sit in a list or a card, then they run right to left; an English translation quoting Arabic keeps the English font size", async () => {
    const c = await buildClaim(app.db, {
      text: "نفى الجيش العراقي تشكيل مركز مشترك",
      language: "ar",
      translation: "The Iraqi army denied («نفى») forming a joint centre",
    });
    await w.page.goto("/claims");
    // The Arabic text's right edge sits at its block's right edge (right-aligned), not at the left.
    const box = await w.page.$eval(`.claim-summary a[href="/claims/${c.id}"]`, (el) => {
      const r = document.createRange();
      r.selectNodeContents(el);
      const text = r.getBoundingClientRect();
      const block = el.getBoundingClientRect();
      return {
        rtl: el.matches(":dir(rtl)"),
        textRight: text.right,
        blockRight: block.right,
        textLeft: text.left,
        blockLeft: block.left,
        style: getComputedStyle(el).direction,
      };
    });
    expect(box.rtl, JSON.stringify(box)).toBe(true);
    expect(Math.abs(box.blockRight - box.textRight), JSON.stringify(box)).toBeLessThan(2);
    expect(box.textLeft - box.blockLeft, JSON.stringify(box)).toBeGreaterThan(2);
    await w.page.goto(`/claims/${c.id}`);
    const sizes = await w.page.evaluate(() => ({
      body: getComputedStyle(document.querySelector("p.translation")!).fontSize,
      tr: getComputedStyle(document.querySelector("p.translation bdi")!).fontSize,
      lang: document.querySelector("p.translation bdi")!.getAttribute("lang"),
    }));
    expect(sizes.lang).toBe("en");
    expect(sizes.tr).toBe(sizes.body);
  });

  it("when the claim page's stance table is shown in Arabic, then no column heading breaks inside a word («الدرجة» came out «الدرج/ة»)", async () => {
    const c = await buildClaim(app.db, { text: LONG_AR, language: "ar" });
    const s = await buildSource(app.db, { name: "المركز الإعلامي لقوات سوريا الديمقراطية" });
    await buildAttribution(app.db, { claimId: c.id, sourceId: s.id, stance: "asserted", quote: LONG_AR });
    await w.page.goto(`/claims/${c.id}?lang=ar`);
    const broken = await w.page.$$eval("table.grid th", (ths) =>
      ths.flatMap((th) => {
        const out: string[] = [];
        const walker = document.createTreeWalker(th, NodeFilter.SHOW_TEXT);
        for (let n = walker.nextNode(); n; n = walker.nextNode()) {
          const text = n.textContent ?? "";
          for (const m of text.matchAll(/\S+/g)) {
            const r = document.createRange();
            r.setStart(n, m.index);
            r.setEnd(n, m.index + m[0].length);
            const lines = new Set([...r.getClientRects()].map((x) => Math.round(x.top)));
            if (lines.size > 1) out.push(m[0]);
          }
        }
        return out;
      }),
    );
    expect(broken).toEqual([]);
    await w.page.goto("/claims?lang=en");
  });
});
