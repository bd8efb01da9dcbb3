/// <reference lib="dom" />
/**
 * T17 — stored XSS in a real browser. 369 payloads (the OWASP filter-evasion list in
 * fixtures/xss-payloads.txt, plus Arabic-wrapped and bidi-wrapped variants) are stored through
 * the real API and forms in every displayed text field: claim text and translation, source
 * names, notes and aliases, document titles and text, quotes, verdict rationales, conflict
 * notes and user display names. Every page that shows them is rendered in Chromium with
 * dialog, console, page-error and CSP-violation hooks, and the DOM is searched for anything
 * a payload could have injected (script/iframe/object/base/meta elements, on* attributes,
 * javascript:/data: links). Also: javascript:/data: URLs are refused at input.
 */
import { readFileSync } from "node:fs";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, buildUser, csrfFrom } from "../helpers.ts";
import { sessionFor } from "../security/support.ts";
import { signIn, startBrowserApp, watchedPage, type BrowserApp, type Watched } from "./support.ts";

const BASE = readFileSync(new URL("./fixtures/xss-payloads.txt", import.meta.url), "utf8")
  .split("\n")
  .filter(Boolean);
const PAYLOADS = [...BASE, ...BASE.map((p) => `تصريح: ${p} — انتهى`), ...BASE.map((p, i) => (i % 2 ? `\u202E${p}\u202C` : `\u2067${p}\u2069`))];

let app: BrowserApp;
let w: Watched;
const ids = {
  claims: [] as number[],
  carriers: [] as number[],
  sources: [] as number[],
  documents: [] as number[],
  conflicts: [] as number[],
  attributions: [] as number[],
};
let stored = 0;
/** Claims that carry the attributions (spread so no claim's re-analysis grows too large). */
const CARRIERS = 12;

beforeAll(async () => {
  app = await startBrowserApp();
  const admin = await buildUser(app.db, { role: "admin", username: "xssadmin" });
  const token = await apiToken(app.db, admin.username);
  const api = (method: "post" | "patch", path: string, body: unknown) =>
    request(app.app)
      [method](`/api/v1${path}`)
      .set("Authorization", `Bearer ${token}`)
      .send(body as object);
  const ok = (res: request.Response) => {
    if (res.status === 201 || res.status === 200) stored += 1;
    return res;
  };

  const t0 = performance.now();
  for (let i = 0; i < CARRIERS; i++) ids.carriers.push(ok(await api("post", "/claims", { text: `مركز تنسيق ${i}`, language: "ar", tags: ["xss"] })).body.id);
  // Nine payloads a claim (each on its own line) keeps the engine's work bounded; every payload is stored whole.
  for (let i = 0; i < PAYLOADS.length; i += 9) {
    const text = PAYLOADS.slice(i, i + 9).join("\n");
    const res = ok(await api("post", "/claims", { text, language: "ar", translation: PAYLOADS[(i + 1) % PAYLOADS.length], tags: ["xss"] }));
    expect(res.status, text).toBe(201);
    ids.claims.push(res.body.id);
  }
  for (const [i, p] of PAYLOADS.entries()) {
    const name = p.length <= 200 ? p : p.slice(0, 200);
    const src = ok(
      await api("post", "/sources", { name: `${name} #${i}`.slice(0, 200), kind: "outlet", notes: p, aliases: [`alias ${i} ${p}`.slice(0, 200)] }),
    );
    expect(src.status, p).toBe(201);
    ids.sources.push(src.body.id);
  }
  for (const [i, p] of PAYLOADS.entries()) {
    if (i % 3) continue;
    const doc = ok(
      await api("post", "/documents", { title: p, language: "ar", text: `${p}\n${PAYLOADS[(i + 7) % PAYLOADS.length]}`, publisherId: ids.sources[i] }),
    );
    expect(doc.status).toBe(201);
    ids.documents.push(doc.body.id);
  }
  // Three payloads a quote (one per line): every payload is stored whole, with a third of the engine's re-analyses.
  for (let i = 0; i < PAYLOADS.length; i += 3) {
    const k = i / 3;
    const claimId = ids.carriers[k % CARRIERS];
    const quote = PAYLOADS.slice(i, i + 3).join("\n");
    const a = ok(
      await api("post", `/claims/${claimId}/attributions`, {
        sourceId: ids.sources[i],
        stance: Math.floor(k / CARRIERS) % 2 ? "denied" : "asserted",
        quote,
        documentId: ids.documents[k % ids.documents.length],
      }),
    );
    expect(a.status, quote).toBe(201);
    ids.attributions.push(a.body.id);
  }
  for (const [i, p] of PAYLOADS.entries())
    if (i % 4 === 0) ok(await api("post", `/claims/${ids.carriers[i % CARRIERS]}/reviews`, { status: i % 8 ? "disputed" : "verified", rationale: p }));
  const conflicts = await app.db.conflict.findMany({ where: { claimId: { in: ids.carriers } } });
  expect(conflicts.length).toBeGreaterThan(0);
  for (const [i, c] of conflicts.entries()) {
    ids.conflicts.push(c.id);
    ok(await api("patch", `/conflicts/${c.id}`, { status: "confirmed", note: PAYLOADS[(i * 5) % PAYLOADS.length] }));
  }
  // Display names through the real Users form (the signed-in admin's own name included).
  const form = await sessionFor(app, "admin");
  const csrf = csrfFrom((await form.agent.get("/users")).text);
  for (let i = 0; i < 12; i++) {
    const res = await form.agent
      .post("/users")
      .type("form")
      .send({
        _csrf: csrf,
        username: `xss${i}`,
        displayName: PAYLOADS[i * 29].slice(0, 200),
        role: i % 2 ? "reviewer" : "analyst",
        password: "a long enough password",
      });
    expect(res.status).toBe(303);
    stored += 1;
  }
  await app.db.user.update({ where: { id: admin.id }, data: { displayName: PAYLOADS[0] } });

  console.log(`xss: stored ${stored} values in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  w = await watchedPage(app);
  await signIn(w, "xssadmin");
}, 240_000);
afterAll(async () => {
  await app?.stop();
});

/** Anything a payload could have injected into the DOM; [] when the page is clean. */
async function injected(page: Watched["page"]): Promise<string[]> {
  return page.evaluate(() => {
    const out: string[] = [];
    const bad =
      "script,iframe,frame,frameset,object,embed,applet,base,meta[http-equiv],link:not([rel=stylesheet]),svg,math,marquee,video,audio,source,bgsound,isindex,keygen,xss,body style,main style,img";
    // the app's own: the favicon link in <head>, and the dashboard's server-drawn charts (a
    // template partial, section.charts) and a report's timeline (figure.timeline) — anything else of these kinds was injected
    const own = (el: Element) =>
      (el.matches('link[rel="icon"][href="/assets/favicon.svg"]') && el.parentElement === document.head) ||
      (el.matches('svg[role="img"][aria-labelledby^="ch"]') && el.parentElement?.closest("section.charts") !== null) ||
      (el.matches('svg[role="img"]') && el.parentElement?.matches("figure.timeline") === true);
    for (const el of Array.from(document.querySelectorAll(bad))) if (!own(el)) out.push(`<${el.tagName.toLowerCase()}> ${el.outerHTML.slice(0, 80)}`);
    for (const el of Array.from(document.querySelectorAll("*"))) {
      for (const a of Array.from(el.attributes)) {
        if (/^on/i.test(a.name)) out.push(`${a.name} on <${el.tagName.toLowerCase()}>`);
        if (
          /^(href|src|action|formaction|background|dynsrc|lowsrc|data)$/i.test(a.name) &&
          /^\s*(javascript|vbscript|data):/i.test(a.value.replace(/[\u0000-\u0020]/g, ""))
        )
          out.push(`${a.name}=${a.value.slice(0, 40)}`);
        if (a.name === "style" && /url\(|expression|behavior|binding/i.test(a.value)) out.push(`style=${a.value.slice(0, 40)}`);
      }
    }
    return out;
  });
}

describe("stored XSS rendered in Chromium (T17)", () => {
  it("when the payloads were stored, then at least 200 distinct payloads sit in every kind of text field", () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(200);
    expect(new Set(PAYLOADS).size).toBe(PAYLOADS.length);
    expect(stored).toBeGreaterThan(PAYLOADS.length * 2);
  });

  it("when every page that shows them is rendered, then 0 dialogs, 0 CSP violations, 0 page errors and 0 injected elements or handlers", async () => {
    const pages = [
      "/",
      "/claims?pageSize=200&page=1",
      "/claims?pageSize=200&page=2",
      "/claims?q=script",
      "/claims?q=%D8%AA%D8%B5%D8%B1%D9%8A%D8%AD",
      ...ids.carriers.slice(0, 4).map((id) => `/claims/${id}`),
      ...ids.claims.slice(0, 6).map((id) => `/claims/${id}`),
      ...ids.claims.slice(0, 3).map((id) => `/claims/${id}/edit`),
      `/claims/${ids.carriers[0]}?suggestDocumentId=${ids.documents[0]}&suggestSourceId=${ids.sources[0]}`,
      "/sources?pageSize=200&page=1",
      "/sources?pageSize=200&page=2",
      ...ids.sources.filter((_x, i) => i % 60 === 0).map((id) => `/sources/${id}`),
      `/sources/${ids.sources[1]}/edit`,
      "/documents?pageSize=200&page=1",
      ...ids.documents.filter((_x, i) => i % 40 === 0).map((id) => `/documents/${id}`),
      `/documents/${ids.documents[1]}/edit`,
      "/conflicts?pageSize=200",
      ...ids.conflicts.slice(0, 3).map((id) => `/conflicts/${id}`),
      `/attributions/${ids.attributions[1]}/edit`,
      ...[1, 2, 3, 4, 5].map((p) => `/audit?pageSize=500&page=${p}`),
      ...ids.carriers.slice(0, 2).map((id) => `/reports/claims/${id}`),
      `/reports/conflicts/${ids.conflicts[0]}`,
      "/reports/topics/xss",
      "/users",
      "/settings",
    ];
    const problems: string[] = [];
    let rendered = 0;
    for (const path of pages) {
      const res = await w.page.goto(path, { waitUntil: "load" });
      if (res?.status() !== 200) problems.push(`${path}: HTTP ${res?.status()}`);
      rendered += (await w.page.content()).length;
      for (const x of await injected(w.page)) problems.push(`${path}: ${x}`);
      // Give autofocus/onload/animation payloads a moment to fire if they had been injected.
      await w.page.mouse.move(300, 300);
      await w.page.mouse.move(600, 500);
    }
    await w.page.waitForTimeout(300);
    const errors = w.console.filter((m) => m.startsWith("error"));
    // The browser's own favicon request is the only 404 allowed.
    const missing = w.notFound.filter((u) => !u.endsWith("/favicon.ico"));
    console.log(
      `xss: ${pages.length} pages (${(rendered / 1048576).toFixed(1)} MB of HTML), ${w.dialogs.length} dialogs, ${w.cspViolations.length} CSP violations, ${errors.length} console errors (${w.notFound.length} 404s: ${w.notFound.join(", ")})`,
    );
    expect(problems).toEqual([]);
    expect(w.dialogs).toEqual([]);
    expect(w.cspViolations).toEqual([]);
    expect(w.pageErrors).toEqual([]);
    expect(missing).toEqual([]);
    expect(errors.filter((m) => !/Failed to load resource: .* 404/.test(m))).toEqual([]);
  }, 120_000);

  it("when forms are re-rendered with the payloads as typed (422), then the values are inert there too", async () => {
    const problems: string[] = [];
    for (const p of PAYLOADS.filter((_x, i) => i % 23 === 0)) {
      await w.page.goto("/claims/new");
      await w.page.fill("#text", p);
      await w.page.fill("#translation", p);
      await w.page.evaluate(() => {
        const lang = document.querySelector<HTMLInputElement | HTMLSelectElement>("[name=language]");
        if (lang instanceof HTMLSelectElement) lang.add(new Option("bad", "!!"), 0);
        if (lang) lang.value = "!!";
      });
      const [resp] = await Promise.all([w.page.waitForNavigation(), w.page.click("form.form button[type=submit]")]);
      if (resp?.status() !== 422) problems.push(`expected 422 for ${p.slice(0, 30)}, got ${resp?.status()}`);
      expect(await w.page.inputValue("#text")).toBe(p.replace(/\r\n?/g, "\n"));
      for (const x of await injected(w.page)) problems.push(`422 form: ${x}`);
    }
    expect(problems).toEqual([]);
    expect(w.dialogs).toEqual([]);
    expect(w.cspViolations).toEqual([]);
  }, 60_000);

  it("when a javascript:, data:, vbscript: or other non-http URL is given for a document, then it is refused at input (API and form)", async () => {
    const admin = await buildUser(app.db, { role: "admin" });
    const token = await apiToken(app.db, admin.username);
    const urls = [
      "javascript:alert(1)",
      "JaVaScRiPt:alert(1)",
      " javascript:alert(1)",
      "java\tscript:alert(1)",
      "data:text/html,<script>alert(1)</script>",
      "vbscript:msgbox(1)",
      "file:///etc/passwd",
      "ftp://x.example/",
      "//evil.example/",
      "/relative",
      "http:",
      "https//x",
    ];
    const before = await app.db.document.count();
    for (const url of urls) {
      const res = await request(app.app).post("/api/v1/documents").set("Authorization", `Bearer ${token}`).send({ title: "t", language: "en", text: "t", url });
      expect(res.status, url).toBe(422);
    }
    const { agent } = await sessionFor(app, "analyst");
    const csrf = csrfFrom((await agent.get("/documents/new")).text);
    for (const url of urls) {
      const res = await agent.post("/documents").type("form").send({ _csrf: csrf, title: "t", language: "en", text: "t", url });
      expect(res.status, url).toBe(422);
    }
    expect(await app.db.document.count()).toBe(before);
  });
});
