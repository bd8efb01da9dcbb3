/// <reference lib="dom" />
/**
 * T20 — Arabic evidence (harakat, tatweel, presentation forms, ZWJ/ZWNJ, RLM/ALM/LRM, emoji
 * ZWJ sequences, Arabic-Indic and Eastern digits, mixed scripts) round-trips byte-exact:
 * stored through the API → rendered (read back from the DOM in Chromium) → exported (JSON and
 * CSV), compared by SHA-256.
 * T21 — bidi controls, unbalanced, in claim text, source names, quotes, document titles and
 * rationales: in the rendered pages every user value sits inside <bdi> or an element with
 * dir="auto" (DOM check in Chromium); identifiers (tags, usernames) with bidi or zero-width
 * characters are refused.
 */
import { createHash } from "node:crypto";
import { parse as parseCsv } from "csv-parse/sync";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, buildUser, csrfFrom } from "../helpers.ts";
import { sessionFor } from "../security/support.ts";
import { signIn, startBrowserApp, watchedPage, type BrowserApp, type Watched } from "./support.ts";

const sha = (s: string) => createHash("sha256").update(s, "utf8").digest("hex");

/** Evidence texts an analyst pastes from Arabic sources (no leading/trailing whitespace: claim text is trimmed). */
export const ARABIC_CORPUS = [
  "نَفَى الجَيْشُ العِرَاقِيُّ تَشْكِيلَ مَرْكَزٍ مُشْتَرَكٍ",
  "قــــوات سوريا الديمقراطيــــة",
  "\uFEFB \uFDF2 \uFE8D\uFE8E \uFEDF\uFEE0\uFEE4 presentation forms",
  "مي\u200Cخواهم و\u200Dـ ZWNJ/ZWJ",
  "قال \u200Fالمتحدث\u200F إن 25 \u061C% من \u200Eiraq\u200E",
  "عائلة 👨‍👩‍👧‍👦 و🏳️‍🌈 علم",
  "في ٢٨ آذار ٢٠٢٤ الساعة ١٤:٣٠",
  "تاریخ ۲۸ مارس ۱۴۰۳ (Persian digits)",
  "SDF (قسد) said: «لا صحة» — Reuters",
  "الشَّدَّة ثم الفتحة: \u0651\u064E مقابل \u064E\u0651",
  "أ إ آ ا ى ي ی ك ک ة ه",
  "ﷺ ﷽ ﴾آية﴿",
  "tab\there and\nnew line بين السطور",
  "‏RLM at start is inside‏ text",
  "مركز تنسيق 🇮🇶 🇸🇾",
  "NFD: e\u0301 vs é; Arabic hamza: ا\u0654 vs أ",
];

let app: BrowserApp;
let w: Watched;
let token: string;
beforeAll(async () => {
  app = await startBrowserApp();
  const admin = await buildUser(app.db, { role: "admin", username: "uniadmin" });
  token = await apiToken(app.db, admin.username);
  w = await watchedPage(app);
  await signIn(w, "uniadmin");
}, 60_000);
afterAll(async () => {
  await app?.stop();
});

const api = (method: "post" | "patch", path: string, body: unknown) =>
  request(app.app)
    [method](`/api/v1${path}`)
    .set("Authorization", `Bearer ${token}`)
    .send(body as object);

describe("Arabic evidence round-trips byte-exact (T20)", () => {
  it("when each corpus text is stored as a claim, a quote and a document, then the DOM text and the JSON and CSV exports have the same SHA-256", async () => {
    const src = (await api("post", "/sources", { name: "مصدر", kind: "outlet" })).body.id as number;
    const mismatches: string[] = [];
    for (const [i, text] of ARABIC_CORPUS.entries()) {
      const claim = await api("post", "/claims", { text, language: "ar" });
      expect(claim.status, text).toBe(201);
      const doc = await api("post", "/documents", { title: `doc ${i}`, language: "ar", text });
      expect(doc.status).toBe(201);
      const attr = await api("post", `/claims/${claim.body.id}/attributions`, { sourceId: src, stance: "asserted", quote: text, documentId: doc.body.id });
      expect(attr.status).toBe(201);
      const want = sha(text);

      await w.page.goto(`/claims/${claim.body.id}`);
      const shown = await w.page.$eval("h1.claim-text bdi", (el) => el.textContent ?? "");
      const quote = await w.page.$eval("td.quote q", (el) => el.textContent ?? "");
      await w.page.goto(`/documents/${doc.body.id}`);
      const docText = await w.page.$eval(".document-text", (el) => el.textContent ?? "");
      const json = JSON.parse(await (await w.page.request.get(`/reports/claims/${claim.body.id}?format=json`)).text()) as {
        claims: Array<{ text: string; attributions: Array<{ quote: string }> }>;
      };
      const csvBody = (await (await w.page.request.get(`/reports/claims/${claim.body.id}?format=csv`)).body()).subarray(3).toString("utf8");
      const rows: string[][] = parseCsv(csvBody, { relax_column_count: true });
      const cells = rows.flat();
      const stored = await app.db.claim.findUniqueOrThrow({ where: { id: claim.body.id } });
      const storedDoc = await app.db.document.findUniqueOrThrow({ where: { id: doc.body.id } });

      const checks: Array<[string, string]> = [
        ["stored claim", stored.text],
        ["stored document (and its sha256 column)", storedDoc.sha256 === want ? storedDoc.text : `sha256 column ${storedDoc.sha256}`],
        ["claim page <bdi>", shown],
        ["quote <q>", quote],
        ["document page", docText],
        ["JSON export claim", json.claims?.[0]?.text ?? ""],
        ["JSON export quote", json.claims?.[0]?.attributions?.[0]?.quote ?? ""],
      ];
      // CSV: the claim cell (formula-guarded cells would carry a leading ', none of these start so).
      checks.push(["CSV export", cells.find((c) => sha(c) === want) ?? "(no CSV cell equals the text)"]);
      for (const [where, got] of checks)
        if (sha(got) !== want) mismatches.push(`#${i} ${where}: ${JSON.stringify(got).slice(0, 80)} ≠ ${JSON.stringify(text).slice(0, 80)}`);
    }
    expect(mismatches).toEqual([]);
  }, 90_000);
});

const BIDI = ["\u202A", "\u202B", "\u202C", "\u202D", "\u202E", "\u2066", "\u2067", "\u2068", "\u2069", "\u200E", "\u200F", "\u061C"];
const ZERO_WIDTH = ["\u200B", "\u200C", "\u200D", "\uFEFF", "\u2060"];

describe("bidi containment (T21)", () => {
  it("when each of the 12 bidi controls (unbalanced) is in claims, sources, quotes, documents and rationales, then every user value in the pages sits in <bdi> or dir=auto", async () => {
    const claims: number[] = [];
    const sources: number[] = [];
    let doc = 0;
    for (const [i, c] of BIDI.entries()) {
      const s = await api("post", "/sources", { name: `${c}BIDIMARK مصدر ${i}`, kind: "official_body", aliases: [`BIDIMARK${c}alias${i}`] });
      expect(s.status).toBe(201);
      sources.push(s.body.id);
      const cl = await api("post", "/claims", {
        text: `BIDIMARK ${c}نفى الجيش ${i} ${c}`,
        language: "ar",
        translation: `BIDIMARK ${c}the army denied`,
        tags: ["bidi"],
      });
      expect(cl.status).toBe(201);
      claims.push(cl.body.id);
      if (!doc) doc = (await api("post", "/documents", { title: `BIDIMARK${c} تقرير`, language: "ar", text: `BIDIMARK ${c} نص` })).body.id;
    }
    for (const [i, id] of claims.entries()) {
      expect(
        (await api("post", `/claims/${id}/attributions`, { sourceId: sources[i], stance: "asserted", quote: `BIDIMARK${BIDI[i]} أعلن`, documentId: doc }))
          .status,
      ).toBe(201);
      expect(
        (await api("post", `/claims/${id}/attributions`, { sourceId: sources[(i + 1) % sources.length], stance: "denied", quote: `BIDIMARK${BIDI[i]} نفى` }))
          .status,
      ).toBe(201);
      expect((await api("post", `/claims/${id}/reviews`, { status: "disputed", rationale: `BIDIMARK${BIDI[i]} مرفوض` })).status).toBe(201);
    }
    const conflict = await app.db.conflict.findFirstOrThrow({ where: { claimId: claims[0] } });
    const pages = [
      "/",
      "/claims?tag=bidi",
      ...claims.slice(0, 4).map((id) => `/claims/${id}`),
      `/claims/${claims[0]}/edit`,
      "/sources",
      `/sources/${sources[4]}`,
      `/documents/${doc}`,
      "/documents",
      "/documents/new",
      "/sources/new",
      `/sources/${sources[0]}/edit`,
      "/conflicts",
      `/conflicts/${conflict.id}`,
      `/reports/claims/${claims[0]}`,
      "/reports/topics/bidi",
    ];
    const problems: string[] = [];
    let checked = 0;
    for (const path of pages) {
      await w.page.goto(path);
      const r = await w.page.evaluate(() => {
        const bad: string[] = [];
        let n = 0;
        const walker = document.createTreeWalker(document.querySelector("main") ?? document.body, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          if (!node.textContent?.includes("BIDIMARK")) continue;
          n += 1;
          const el = node.parentElement!;
          const iso = el.closest("bdi, [dir]");
          // SVG text cannot hold a <bdi>: there a value counts as isolated when it sits between FSI (U+2068) and PDI (U+2069).
          const t = node.textContent;
          const at = t.indexOf("BIDIMARK");
          const open = t.lastIndexOf("\u2068", at);
          const unicodeIsolated = el instanceof SVGElement && open >= 0 && t.indexOf("\u2069", open) > at && !t.slice(open, at).includes("\u2069");
          const ok = unicodeIsolated || (iso && iso !== document.documentElement && (iso.tagName === "BDI" || iso.getAttribute("dir") === "auto"));
          if (!ok)
            bad.push(
              `<${el.tagName.toLowerCase()} class="${el.className}"> in <${el.parentElement?.tagName.toLowerCase()} class="${el.parentElement?.className}">: ${JSON.stringify(node.textContent.slice(0, 30))}`,
            );
        }
        for (const el of Array.from(document.querySelectorAll<HTMLInputElement | HTMLTextAreaElement>("input, textarea"))) {
          if (!el.value.includes("BIDIMARK")) continue;
          n += 1;
          if (el.getAttribute("dir") !== "auto") bad.push(`<${el.tagName.toLowerCase()} name=${el.name}> value without dir=auto`);
        }
        return { bad, n };
      });
      checked += r.n;
      for (const b of r.bad) problems.push(`${path}: ${b}`);
    }
    console.log(`bidi: ${checked} user values checked on ${pages.length} pages, ${problems.length} not isolated`);
    expect(checked).toBeGreaterThan(100);
    expect([...new Set(problems)]).toEqual([]);
  }, 90_000);

  it("when an Arabic value sits in a dir=auto element, then the browser resolves it right-to-left; an English one left-to-right", async () => {
    const ar = (await api("post", "/claims", { text: "نفى الجيش العراقي تشكيل مركز مشترك", language: "ar" })).body.id;
    await w.page.goto(`/claims/${ar}`);
    expect(await w.page.$eval("h1.claim-text bdi", (el) => getComputedStyle(el).direction)).toBe("rtl");
    const en = (await api("post", "/claims", { text: "The Iraqi army denied forming a joint centre", language: "en" })).body.id;
    await w.page.goto(`/claims/${en}`);
    expect(await w.page.$eval("h1.claim-text bdi", (el) => getComputedStyle(el).direction)).toBe("ltr");
  });

  it("when a tag or a username holds a bidi control or a zero-width character, then it is refused (422) and nothing is written", async () => {
    const before = await app.db.claim.count();
    const bad: string[] = [];
    for (const c of [...BIDI, ...ZERO_WIDTH]) {
      const res = await api("post", "/claims", { text: "claim", language: "en", tags: [`bor${c}der`] });
      if (res.status !== 422) bad.push(`tag with U+${c.codePointAt(0)!.toString(16)}: ${res.status}`);
    }
    expect(bad).toEqual([]);
    expect(await app.db.claim.count()).toBe(before);
    const { agent } = await sessionFor(app, "admin");
    const users = await app.db.user.count();
    const csrf = csrfFrom((await agent.get("/users")).text);
    for (const c of [...BIDI, ...ZERO_WIDTH]) {
      const res = await agent
        .post("/users")
        .type("form")
        .send({ _csrf: csrf, username: `ad${c}min`, role: "analyst", password: "a long enough password" });
      if (res.status !== 422) bad.push(`username with U+${c.codePointAt(0)!.toString(16)}: ${res.status}`);
    }
    expect(bad).toEqual([]);
    expect(await app.db.user.count()).toBe(users);
  });
});
