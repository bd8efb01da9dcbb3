/** ingestReport: what is stored for pasted text, HTML and Markdown, and re-ingest recognition. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { sha256Hex } from "../../src/domain/documents/create-document.ts";
import { ingestReport, type IngestReportInput } from "../../src/domain/ingest/ingest-report.ts";
import { ValidationError } from "../../src/errors.ts";
import { setupTestApp, type TestContext } from "../helpers.ts";
import { counts, fixtureBytes, fixtureText, SEED_001 } from "./support.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx.close());

const actor = systemActor("test");
const ingest = (input: IngestReportInput) => inTransaction(ctx.db, (tx) => ingestReport(tx, actor, input));

describe("ingestReport", () => {
  it("when an HTML page is ingested, then the main text is kept without page furniture, and the page's bytes with their SHA-256", async () => {
    const bytes = fixtureBytes("article.html");
    const { document, duplicate } = await ingest({ rawBytes: bytes, format: "html", fileName: "article.html" });
    expect(duplicate).toBe(false);
    const stored = await ctx.db.document.findUniqueOrThrow({ where: { id: document.id } });
    expect(stored.title).toBe("نفي عراقي لتشكيل مركز مشترك");
    expect(stored.text.startsWith("نفي عراقي لتشكيل مركز مشترك\n\n")).toBe(true);
    expect(stored.text).toContain("نفى الجيش العراقي تشكيل مركز مشترك مع قوات سوريا الديمقراطية على الحدود.");
    for (const chrome of ["الرئيسية", "الأكثر قراءة", "مقالات ذات صلة", "اقرأ أيضاً", "window.tracking", "فيسبوك"]) expect(stored.text).not.toContain(chrome);
    expect(stored).toMatchObject({
      sourceFormat: "html",
      fileName: "article.html",
      language: "ar",
      sha256: sha256Hex(stored.text),
      rawSha256: sha256Hex(bytes),
    });
    expect(Buffer.from(stored.rawBytes!).equals(bytes)).toBe(true);
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "document.create", entityId: String(document.id) } });
    expect(JSON.parse(event.after)).toMatchObject({ sourceFormat: "html", rawSha256: sha256Hex(bytes) });
  });

  it("when the same bytes are ingested again, then the existing document comes back and nothing is written (no row, no audit event)", async () => {
    const bytes = fixtureBytes("article.html");
    const before = await counts(ctx.db);
    const first = await ctx.db.document.findFirstOrThrow({ where: { rawSha256: sha256Hex(bytes) } });
    const again = await ingest({ rawBytes: bytes, format: "html", fileName: "renamed.html", title: "Another title" });
    expect(again).toMatchObject({ duplicate: true, document: { id: first.id, title: first.title } });
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when pasted text is ingested, then it is stored byte-exact, titled by its first line, its language detected; pasting it again is recognised", async () => {
    const text = `${fixtureText(SEED_001)}  \r\n`;
    const { document, duplicate } = await ingest({ text, format: "text" });
    expect(duplicate).toBe(false);
    expect(document.text).toBe(text);
    expect(document).toMatchObject({ sourceFormat: "text", language: "ar", rawBytes: null, rawSha256: null, sha256: sha256Hex(text) });
    expect(document.title).toBe("مركز مشترك للتنسيق بين الجيش العراقي و قوات “قسد” لحماية الحدود .. والعراق ينفي!");
    const before = await counts(ctx.db);
    expect(await ingest({ text, format: "text", title: "pasted twice" })).toMatchObject({ duplicate: true, document: { id: document.id } });
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when English Markdown is ingested, then the plain text is stored, the Markdown bytes kept, and the given title used", async () => {
    const md = "# Iraq denies joint centre\n\nThe Iraqi army **denied** on Saturday that a [joint centre](https://example.org) was formed.\n";
    const { document } = await ingest({ text: md, format: "markdown", title: "Denial" });
    expect(document).toMatchObject({ title: "Denial", language: "en", sourceFormat: "markdown" });
    expect(document.text).toBe("Iraq denies joint centre\n\nThe Iraqi army denied on Saturday that a joint centre was formed.");
    expect(Buffer.from(document.rawBytes!).toString("utf8")).toBe(md);
  });

  it("when an Arabic page declares windows-1256, then it is decoded by its charset", async () => {
    const html =
      '<html><head><meta charset="windows-1256"><title>t</title></head><body><article><h1>نفي</h1><p>نفى الجيش العراقي تشكيل مركز مشترك مع قوات سوريا الديمقراطية على طول الحدود السورية العراقية.</p></article></body></html>';
    const bytes = Buffer.from(encode1256(html));
    const { document } = await ingest({ rawBytes: bytes, format: "html" });
    expect(document.text).toContain("نفى الجيش العراقي");
  });

  it("when the text holds a NUL byte, is empty after extraction, or the file is not UTF-8, then it is refused and nothing is written", async () => {
    const before = await counts(ctx.db);
    await expect(ingest({ text: "نص\u0000مخفي", format: "text" })).rejects.toThrow(ValidationError);
    await expect(ingest({ text: "<html><body><nav>menu</nav></body></html>", format: "html" })).rejects.toThrow(/No report text/);
    await expect(ingest({ rawBytes: Buffer.from([0xc3, 0x28, 0x41]), format: "text" })).rejects.toThrow(/not valid UTF-8/);
    expect(await counts(ctx.db)).toEqual(before);
  });
});

/** windows-1256 encoder for the Arabic letters used above (Node's TextEncoder only writes UTF-8). */
function encode1256(s: string): number[] {
  const dec = new TextDecoder("windows-1256");
  const table = new Map<string, number>();
  for (let b = 0; b < 256; b++) table.set(dec.decode(new Uint8Array([b])), b);
  return [...s].map((ch) => {
    const b = table.get(ch);
    if (b === undefined) throw new Error(`not in windows-1256: ${ch}`);
    return b;
  });
}
