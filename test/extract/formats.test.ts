/**
 * Reading report files (src/extract/formats) on real files: the PDFs and Word files in
 * test/fixtures/formats were made by scripts/build-format-fixtures.ts (pdf-lib with DejaVu
 * Sans, laid out as word processors lay out right-to-left text; the `docx` package), the
 * scan by rasterising a page, the locked PDF by qpdf.
 */
import { readFileSync } from "node:fs";
import { PDFDocument } from "pdf-lib";
import { describe, expect, it } from "vitest";
import { fixCMap } from "../../src/extract/formats/pdf-ligatures.ts";
import { textFromPages, type PdfTextItem } from "../../src/extract/formats/pdf-layout.ts";
import { formatOfFile, MESSAGES, readReport, UnreadableReportError } from "../../src/extract/formats/index.ts";
import { extractMainText } from "../../src/extract/html.ts";

const bytes = (name: string) => new Uint8Array(readFileSync(new URL(`../fixtures/formats/${name}`, import.meta.url)));
const SEED_001 = readFileSync(new URL("../fixtures/extract/001_cad93aab64d4a56d.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l.trim());

/** The report the fixture builder wrote into report.pdf / report.docx. */
const REPORT = [
  "أعلن الهلال الأحمر العربي السوري يوم الثلاثاء 14 أيار 2024 إتمام عملية تبادل شملت 45 محتجزاً في ريف حلب الشمالي، وقال المتحدث باسم المنظمة إن فريق SARC أشرف على العملية بالكامل.",
  "ونفى مصدر في الجيش الوطني أن يكون الهلال الأحمر قد شارك في العملية.",
  "The Syrian Arab Red Crescent said on Tuesday that 45 detainees were exchanged near Aleppo under its supervision.",
  "A National Army source denied that the Red Crescent took part in the exchange.",
];
const TITLE = "تبادل أسرى في ريف حلب — Prisoner exchange near Aleppo";

async function failure(p: Promise<unknown>): Promise<UnreadableReportError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(UnreadableReportError);
  return err as UnreadableReportError;
}

describe("PDF", () => {
  it("when an Arabic + English PDF is read, then its paragraphs come out in logical order, words, numbers and lam-alef ligatures intact", async () => {
    const r = await readReport(bytes("report.pdf"), "pdf");
    expect(r.text.split("\n\n")).toEqual([TITLE, ...REPORT]);
    expect(r.title).toBe(TITLE);
    expect(r.warnings).toEqual([]);
    // the classic corruptions of Arabic PDF text are absent
    expect(r.text).not.toMatch(/الهالل|األحمر|الثالثاء|9102|82 /);
  });

  it("when seed report 001 is read from a PDF, then each paragraph is exactly the .txt's line", async () => {
    const r = await readReport(bytes("seed-001.pdf"), "pdf");
    expect(r.text.split("\n\n")).toEqual(SEED_001);
  });

  it("when a PDF holds only a scanned picture, then it is refused with the OCR message", async () => {
    const err = await failure(readReport(bytes("scanned.pdf"), "pdf"));
    expect(err.reason).toBe("no_text_layer");
    expect(err.message).toBe("This PDF has no text layer (a scan?). Run OCR first or paste the text.");
  });

  it("when some pages are scans and others have text, then the text pages are read and a warning names the scanned pages", async () => {
    const out = await PDFDocument.create();
    const [text, scan] = await Promise.all([PDFDocument.load(bytes("report.pdf")), PDFDocument.load(bytes("scanned.pdf"))]);
    for (const p of await out.copyPages(text, [0])) out.addPage(p);
    for (const p of await out.copyPages(scan, [0, 0])) out.addPage(p);
    const r = await readReport(await out.save(), "pdf");
    expect(r.text.split("\n\n")).toEqual([TITLE, ...REPORT]);
    expect(r.warnings).toEqual(["Pages 2, 3 of 3 have no text layer (scanned?) and were not read; run OCR on them to include them."]);
  });

  it("when a PDF is password-protected, truncated or not a PDF at all, then each is refused with its own message", async () => {
    expect((await failure(readReport(bytes("encrypted.pdf"), "pdf"))).message).toBe(MESSAGES.pdfEncrypted);
    const whole = bytes("report.pdf");
    expect((await failure(readReport(whole.subarray(0, Math.floor(whole.length / 3)), "pdf"))).reason).toBe("damaged");
    expect((await failure(readReport(new TextEncoder().encode("%PDF-1.7\nnot really"), "pdf"))).reason).toBe("damaged");
    expect((await failure(readReport(bytes("report.docx"), "pdf"))).message).toBe(MESSAGES.pdfDamaged);
  });

  it("a ToUnicode CMap's multi-letter Arabic destinations are stored reversed (so pdf.js's run reversal restores them); Latin ones and ranges are left alone", () => {
    const cmap = "2 beginbfchar\n<0025> <06440627>\n<0026> <00660069>\nendbfchar\n2 beginbfrange\n<0030> <0030> <06440623>\n<0040> <0042> <0041>\nendbfrange";
    expect(fixCMap(cmap)).toBe(
      "2 beginbfchar\n<0025> <06270644>\n<0026> <00660069>\nendbfchar\n2 beginbfrange\n<0030> <0030> <06230644>\n<0040> <0042> <0041>\nendbfrange",
    );
  });

  it("pieces of a right-to-left line are read from the right, a Latin run keeps its order, a lone vowel mark returns to its word", () => {
    const item = (str: string, x: number, width: number, y = 700): PdfTextItem => ({ str, x, y, width, height: 12 });
    // visual, left to right: "SDF centre" | "مشتركاً مع" | "45" | "أعلنت" (drawn in that scrambled order)
    const line = [item("أعلنت", 400, 40), item("45", 380, 12), item("centre", 250, 50), item("مشتركاً مع", 310, 60), item("SDF", 215, 30)];
    expect(textFromPages([line])).toBe("أعلنت 45 مشتركاً مع SDF centre");
    // "ً" drawn over the left end (the last letter) of "اختصارا"
    const marked = [item("اختصارا", 300, 50), item("ً", 300, 0), item("قسد", 250, 30)];
    expect(textFromPages([marked])).toBe("اختصاراً قسد");
  });

  it("lines are rejoined into paragraphs: a wider gap or a short line ending a sentence starts a new one; a sentence running over a page break stays whole", () => {
    const line = (str: string, y: number, width = 400): PdfTextItem => ({ str, x: 100, y, width, height: 12 });
    const page1 = [
      line("The ministry said the crossing", 700),
      line("was open.", 682, 60),
      line("A second paragraph starts", 652),
      line("here and runs on to the next", 634),
    ];
    const page2 = [line("page, where it ends.", 760, 130), line("Coordi-", 742, 50), line("nation continued.", 724, 120)];
    expect(textFromPages([page1, page2])).toBe(
      "The ministry said the crossing was open.\n\nA second paragraph starts here and runs on to the next page, where it ends.\n\nCoordination continued.",
    );
  });
});

describe("Word (.docx)", () => {
  it("when an Arabic + English .docx is read, then its paragraphs come out as written", async () => {
    const r = await readReport(bytes("report.docx"), "docx");
    expect(r.text.split("\n\n")).toEqual([TITLE, ...REPORT]);
  });

  it("when seed report 001 is read from a .docx, then each paragraph is exactly the .txt's line", async () => {
    expect((await readReport(bytes("seed-001.docx"), "docx")).text.split("\n\n")).toEqual(SEED_001);
  });

  it("when a .docx declares it unpacks to gigabytes (a ZIP bomb), then it is refused before anything is unpacked", async () => {
    const name = Buffer.from("word/document.xml");
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(0xfffffff0, 24); // uncompressed size
    central.writeUInt16LE(name.length, 28);
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(1, 8);
    end.writeUInt16LE(1, 10);
    end.writeUInt32LE(central.length + name.length, 12);
    end.writeUInt32LE(local.length, 16);
    const bomb = new Uint8Array(Buffer.concat([local, central, name, end]));
    expect((await failure(readReport(bomb, "docx"))).message).toBe(MESSAGES.docxTooLarge);
  });

  it("when the file is an old .doc / encrypted Word file, or a ZIP that is no Word document, then it is refused", async () => {
    const ole = new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0, 0, 0]);
    expect((await failure(readReport(ole, "docx"))).message).toBe(MESSAGES.docxOld);
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6]);
    expect((await failure(readReport(zip, "docx"))).message).toBe(MESSAGES.docxDamaged);
    expect((await failure(readReport(new TextEncoder().encode("plain text"), "docx"))).reason).toBe("damaged");
  });
});

describe("HTML through Readability", () => {
  it("when a news page with navigation, ticker, ads, related links, comments, sidebar and footer is read, then only the article remains, headline first", async () => {
    const r = await readReport(bytes("news.html"), "html");
    const paras = r.text.split("\n\n");
    expect(r.title).toBe("الداخلية العراقية تنفي إغلاق معبر القائم الحدودي");
    expect(paras[0]).toBe(r.title);
    expect(paras).toHaveLength(6);
    expect(paras[1]).toMatch(/^نفت وزارة الداخلية العراقية، يوم الأحد/);
    expect(paras[5]).toMatch(/المحملة بالبضائع\.$/);
    for (const chrome of [
      "الرئيسية",
      "عاجل",
      "إعلان",
      "قرض شخصي",
      "اقرأ أيضاً",
      "أخبار ذات صلة",
      "التعليقات",
      "أبو أحمد",
      "الأكثر قراءة",
      "النشرة البريدية",
      "جميع الحقوق محفوظة",
      "فيسبوك",
      "سكربت",
    ]) {
      expect(r.text, chrome).not.toContain(chrome);
    }
    // why Readability: the hand-tuned extractor drops this page's body ("content-area has-sidebar" reads as a sidebar)
    expect(extractMainText(new TextDecoder().decode(bytes("news.html"))).text).not.toContain("نفت وزارة الداخلية");
  });

  it("when a page is a few lines with no article for Readability, then the page's text is still read", async () => {
    const r = await readReport(new TextEncoder().encode("<p>قال المتحدث إن المعبر مفتوح.</p>"), "html");
    expect(r.text).toBe("قال المتحدث إن المعبر مفتوح.");
  });
});

describe("formatOfFile", () => {
  it("decides by extension, then MIME type; a PDF signature under another name wins", () => {
    expect(formatOfFile("تقرير.PDF")).toBe("pdf");
    expect(formatOfFile("r.docx")).toBe("docx");
    expect(formatOfFile("page.htm")).toBe("html");
    expect(formatOfFile("download", "application/pdf")).toBe("pdf");
    expect(formatOfFile("notes.odt", "application/octet-stream")).toBeUndefined();
    expect(formatOfFile("report.doc")).toBeUndefined();
    expect(formatOfFile("saved-as.docx", null, bytes("report.pdf"))).toBe("pdf");
  });
});
