/**
 * PDF, Word and web-page reports through the upload page and the API (multipart and base64),
 * on the real files in test/fixtures/formats (see scripts/build-format-fixtures.ts): the
 * document is created with the file's bytes and hash, the assistant's suggestions come from
 * the main text, and an unreadable file (a scan, a password, a damaged file) is a 422 that
 * says why, with nothing stored.
 */
import { readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sha256Hex } from "../../src/domain/documents/create-document.ts";
import { MESSAGES } from "../../src/extract/formats/index.ts";
import { apiToken, buildUser, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";
import { counts, fixtureBytes, SEED_001, seedSources } from "./support.ts";

const formatBytes = (name: string) => readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url));

let ctx: TestContext;
let session: Awaited<ReturnType<typeof signedInAgent>>;
let token: string;
let sources: Awaited<ReturnType<typeof seedSources>>;
beforeAll(async () => {
  ctx = await setupTestApp();
  session = await signedInAgent(ctx, "analyst");
  token = await apiToken(ctx.db, (await buildUser(ctx.db, { role: "analyst" })).username);
  sources = await seedSources(ctx.db);
});
afterAll(() => ctx.close());

const upload = async (name: string, bytes: Buffer, fields: Record<string, string> = {}) => {
  let req = session.agent.post("/ingest").field("_csrf", await session.csrf("/ingest"));
  for (const [k, v] of Object.entries(fields)) req = req.field(k, v);
  return req.attach("file", bytes, name);
};
const api = {
  post: (path: string) => request(ctx.app).post(`/api/v1${path}`).set("Authorization", `Bearer ${token}`),
  get: (path: string) => request(ctx.app).get(`/api/v1${path}`).set("Authorization", `Bearer ${token}`),
};
const documentIdOf = (location: string) => Number(/^\/documents\/(\d+)\/suggestions$/.exec(location)![1]);

interface Suggestion {
  claimText: string;
  stance: string;
  quote: { text: string };
  cue: { text: string };
  speaker: { name: string };
  proposal: { decision: string; stance?: string };
}
async function suggestions(id: number): Promise<Suggestion[]> {
  const res = await api.get(`/documents/${id}/suggestions`);
  expect(res.status).toBe(200);
  return res.body.suggestions as Suggestion[];
}
/** What the analyst sees of a suggestion, without offsets (a .txt's single line breaks are a .docx's paragraph breaks). */
const gist = (s: Suggestion) => ({
  claimText: s.claimText,
  stance: s.stance,
  quote: s.quote.text,
  cue: s.cue.text,
  speaker: s.speaker.name,
  decision: s.proposal.decision,
  proposedStance: s.proposal.stance,
});

describe("a PDF uploaded on /ingest", () => {
  it("when an Arabic + English PDF is uploaded, then the document keeps the PDF byte-exact with its SHA-256, the text layer in reading order, and the review suggests from it", async () => {
    const bytes = formatBytes("report.pdf");
    const res = await upload("تقرير-تبادل.pdf", bytes, { publisherId: String(sources.outlet.id), publishedAt: "2024-05-14" });
    expect(res.status, res.text.slice(0, 300)).toBe(303);
    const id = documentIdOf(res.headers.location);
    const doc = await ctx.db.document.findUniqueOrThrow({ where: { id } });
    expect(doc).toMatchObject({
      sourceFormat: "pdf",
      fileName: "تقرير-تبادل.pdf",
      rawSha256: sha256Hex(bytes),
      sha256: sha256Hex(doc.text),
      language: "ar",
      publisherId: sources.outlet.id,
    });
    expect(Buffer.from(doc.rawBytes!).equals(bytes)).toBe(true);
    expect(doc.title).toBe("تبادل أسرى في ريف حلب — Prisoner exchange near Aleppo");
    expect(doc.text).toContain("ونفى مصدر في الجيش الوطني أن يكون الهلال الأحمر قد شارك في العملية.");
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "document.create", entityId: String(id) } });
    expect(JSON.parse(audit.after)).toMatchObject({ sourceFormat: "pdf", rawSha256: sha256Hex(bytes) });

    const review = await session.agent.get(res.headers.location);
    expect(review.status).toBe(200);
    expect(review.text).toContain('<mark id="q-0"');
    const found = await suggestions(id);
    for (const s of found) expect(doc.text).toContain(s.quote.text);
    // both languages' denials, each with its speaker, read from the PDF's text
    expect(found.some((s) => s.stance === "denied" && s.quote.text.includes("الهلال الأحمر قد شارك في العملية"))).toBe(true);
    expect(found.some((s) => s.stance === "denied" && /National Army source/.test(s.speaker.name) && s.quote.text.includes("the Red Crescent took part"))).toBe(
      true,
    );
    expect(found.some((s) => s.quote.text.includes("45 محتجزاً في ريف حلب الشمالي"))).toBe(true);
  });

  it("when a scanned PDF (a picture, no text layer) is uploaded, then the form comes back 422 with the OCR message and nothing is stored", async () => {
    const before = await counts(ctx.db);
    const res = await upload("scan.pdf", formatBytes("scanned.pdf"));
    expect(res.status).toBe(422);
    expect(res.text).toContain("This PDF has no text layer (a scan?). Run OCR first or paste the text.");
    expect(res.text).toContain('id="file-error"');
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when a password-protected PDF, a truncated PDF or a damaged .docx is uploaded, then 422 with a message that says which, and nothing is stored", async () => {
    const before = await counts(ctx.db);
    const locked = await upload("locked.pdf", formatBytes("encrypted.pdf"));
    expect(locked.status).toBe(422);
    expect(locked.text).toContain("This PDF is password-protected.");
    const pdf = formatBytes("report.pdf");
    const truncated = await upload("cut.pdf", pdf.subarray(0, 4000));
    expect(truncated.status).toBe(422);
    expect(truncated.text).toContain("This file is not a readable PDF");
    const docx = await upload("broken.docx", Buffer.concat([Buffer.from("PK\u0003\u0004"), Buffer.alloc(200, 7)]));
    expect(docx.status).toBe(422);
    expect(docx.text).toContain("This file is not a readable .docx");
    const odt = await upload("notes.odt", Buffer.from("PK"));
    expect(odt.status).toBe(422);
    expect(odt.text).toContain("Upload a .pdf, .docx, .html, .txt or .md file.");
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when a news page is uploaded, then Readability's article is stored (no menus, ads, comments or footer) and the ministry's denial is suggested", async () => {
    const bytes = formatBytes("news.html");
    const res = await upload("news.html", bytes);
    expect(res.status).toBe(303);
    const id = documentIdOf(res.headers.location);
    const doc = await ctx.db.document.findUniqueOrThrow({ where: { id } });
    expect(doc.title).toBe("الداخلية العراقية تنفي إغلاق معبر القائم الحدودي");
    expect(Buffer.from(doc.rawBytes!).equals(bytes)).toBe(true);
    for (const chrome of ["الأكثر قراءة", "أبو أحمد", "قرض شخصي", "الانتخابات البلدية", "جميع الحقوق"]) expect(doc.text).not.toContain(chrome);
    const found = await suggestions(id);
    expect(found.length).toBeGreaterThan(0);
    for (const s of found) expect(doc.text).toContain(s.quote.text);
    expect(found.some((s) => s.stance === "denied" && s.speaker.name.includes("الداخلية") && s.quote.text.includes("إغلاق معبر القائم الحدودي"))).toBe(true);
  });
});

describe("files through the API", () => {
  it("when a .docx is sent as multipart/form-data, then 201 with the document and its hashes; sent again, 200 duplicate and nothing written", async () => {
    const bytes = formatBytes("report.docx");
    const res = await api.post("/ingest").field("publisher", String(sources.outlet.id)).field("publishedAt", "2024-05-14").attach("file", bytes, "report.docx");
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body).toMatchObject({
      duplicate: false,
      warnings: [],
      document: { sourceFormat: "docx", fileName: "report.docx", rawSha256: sha256Hex(bytes), publisherId: sources.outlet.id, language: "ar" },
    });
    const before = await counts(ctx.db);
    const again = await api.post("/ingest").attach("file", bytes, "copy.docx");
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, document: { id: res.body.document.id } });
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when a scanned PDF, no file, an unknown kind or bad base64 is sent, then 422 on the file field with the reason, and nothing is written", async () => {
    const before = await counts(ctx.db);
    const scan = await api.post("/ingest").attach("file", formatBytes("scanned.pdf"), "scan.pdf");
    expect(scan.status).toBe(422);
    expect(scan.body.error).toMatchObject({ code: "validation_failed", message: MESSAGES.noTextLayer, fields: { file: MESSAGES.noTextLayer } });
    const none = await api.post("/ingest").field("title", "t");
    expect(none.status).toBe(422);
    expect(none.body.error.fields).toHaveProperty("file");
    const odd = await api.post("/ingest").attach("file", Buffer.from("PK"), "notes.odt");
    expect(odd.status).toBe(422);
    const b64 = await api.post("/ingest").send({ file: "not base64!", fileName: "r.pdf" });
    expect(b64.status).toBe(422);
    expect(b64.body.error.fields).toHaveProperty("file");
    const unnamed = await api.post("/ingest").send({ file: formatBytes("report.pdf").toString("base64") });
    expect(unnamed.status).toBe(422);
    expect(unnamed.body.error.fields).toHaveProperty("fileName");
    const extra = await api.post("/ingest").field("role", "admin").attach("file", formatBytes("report.pdf"), "r.pdf");
    expect(extra.status).toBe(422);
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when a PDF is part text, part scans, then the text pages are ingested and the answer (and the page's note) names the pages that were skipped", async () => {
    const out = await PDFDocument.create();
    const [text, scan] = await Promise.all([PDFDocument.load(formatBytes("report.pdf")), PDFDocument.load(formatBytes("scanned.pdf"))]);
    for (const p of await out.copyPages(scan, [0])) out.addPage(p);
    for (const p of await out.copyPages(text, [0])) out.addPage(p);
    const bytes = Buffer.from(await out.save());
    const warning = "Page 1 of 2 has no text layer (scanned?) and was not read; run OCR on it to include it.";
    const res = await api.post("/ingest").attach("file", bytes, "mixed.pdf");
    expect(res.status).toBe(201);
    expect(res.body.warnings).toEqual([warning]);
    const doc = await ctx.db.document.findUniqueOrThrow({ where: { id: res.body.document.id } });
    expect(doc.text).toContain("ونفى مصدر في الجيش الوطني");

    const page = await upload("mixed-again.pdf", Buffer.concat([bytes, Buffer.from("\n%% same report, other bytes\n")]));
    expect(page.status).toBe(303);
    expect((await session.agent.get(page.headers.location)).text).toContain(warning);
  });

  it("when seed 001 arrives as .txt (multipart), as .docx (base64 JSON) and as .pdf (multipart), then the three documents get the same suggestions and proposals", async () => {
    const txt = await api.post("/ingest").field("publisher", String(sources.outlet.id)).attach("file", fixtureBytes(SEED_001), SEED_001);
    expect(txt.status).toBe(201);
    expect(txt.body.document.sourceFormat).toBe("text");
    const docx = await api
      .post("/ingest")
      .send({ file: formatBytes("seed-001.docx").toString("base64"), fileName: "seed-001.docx", publisher: sources.outlet.id });
    expect(docx.status, JSON.stringify(docx.body)).toBe(201);
    expect(docx.body.document.sourceFormat).toBe("docx");
    const pdf = await api.post("/ingest").field("publisher", String(sources.outlet.id)).attach("file", formatBytes("seed-001.pdf"), "seed-001.pdf");
    expect(pdf.status).toBe(201);

    const fromTxt = (await suggestions(txt.body.document.id)).map(gist);
    expect(fromTxt.length).toBeGreaterThan(3);
    expect(fromTxt.some((s) => s.stance === "denied")).toBe(true);
    expect((await suggestions(docx.body.document.id)).map(gist)).toEqual(fromTxt);
    expect((await suggestions(pdf.body.document.id)).map(gist)).toEqual(fromTxt);
  });

  it("when the other seed report is uploaded as .txt on the page, then it is ingested as before", async () => {
    const bytes = fixtureBytes("000_c05d65dbb0b1fda2.txt");
    const res = await upload("000_c05d65dbb0b1fda2.txt", bytes);
    expect(res.status).toBe(303);
    const doc = await ctx.db.document.findUniqueOrThrow({ where: { id: documentIdOf(res.headers.location) } });
    expect(doc).toMatchObject({ sourceFormat: "text", text: bytes.toString("utf8") });
    expect((await suggestions(doc.id)).length).toBeGreaterThan(0);
  });
});
