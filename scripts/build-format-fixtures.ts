/**
 * Builds the binary report fixtures in test/fixtures/formats/ (committed; run again only to
 * change them): `npx tsx scripts/build-format-fixtures.ts`.
 *
 * - report.docx / report.pdf: a short Arabic + English report (numbers, dates, a Latin acronym
 *   inside Arabic sentences);
 * - seed-001.docx / seed-001.pdf: seed report 001, one paragraph per line of the .txt;
 * - scanned.pdf: page 1 of report.pdf as a picture only (no text layer), as a scanner makes it;
 * - encrypted.pdf: report.pdf behind a user password.
 *
 * The PDFs are laid out the way word processors write right-to-left text: each line is cut
 * into direction runs, placed from the right margin leftwards, each run drawn on its own
 * (fontkit shapes the Arabic and orders its glyphs visually), so a reader must put the runs
 * back in logical order. Needs Debian's poppler-utils (pdftoppm) and qpdf for the last two.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fontkit from "@pdf-lib/fontkit";
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from "docx";
import { PDFDocument, type PDFFont, type PDFPage } from "pdf-lib";

const OUT = new URL("../test/fixtures/formats/", import.meta.url).pathname;
const FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
const ARABIC = /[\u0600-\u06FF]/;

export const REPORT = {
  title: "تبادل أسرى في ريف حلب — Prisoner exchange near Aleppo",
  paragraphs: [
    "أعلن الهلال الأحمر العربي السوري يوم الثلاثاء 14 أيار 2024 إتمام عملية تبادل شملت 45 محتجزاً في ريف حلب الشمالي، وقال المتحدث باسم المنظمة إن فريق SARC أشرف على العملية بالكامل.",
    "ونفى مصدر في الجيش الوطني أن يكون الهلال الأحمر قد شارك في العملية.",
    "The Syrian Arab Red Crescent said on Tuesday that 45 detainees were exchanged near Aleppo under its supervision.",
    "A National Army source denied that the Red Crescent took part in the exchange.",
  ],
};

const SEED_001 = readFileSync(new URL("../test/fixtures/extract/001_cad93aab64d4a56d.txt", import.meta.url), "utf8")
  .split("\n")
  .filter((l) => l.trim());

async function docx(title: string | null, paragraphs: string[]): Promise<Buffer> {
  const rtl = (t: string) => ARABIC.test(t);
  const children = [
    ...(title
      ? [new Paragraph({ heading: HeadingLevel.HEADING_1, bidirectional: rtl(title), children: [new TextRun({ text: title, rightToLeft: rtl(title) })] })]
      : []),
    ...paragraphs.map((p) => new Paragraph({ bidirectional: rtl(p), children: [new TextRun({ text: p, rightToLeft: rtl(p) })] })),
  ];
  const doc = new Document({ creator: "Crosscheck fixtures", title: title ?? "", sections: [{ children }] });
  return Packer.toBuffer(doc);
}

/** Direction runs of one line of a right-to-left paragraph: Latin letters/digits vs the rest. */
function runs(line: string): string[] {
  return line.split(/([A-Za-z0-9](?:[A-Za-z0-9.,:%'’/ -]*[A-Za-z0-9])?)/).filter((r) => r !== "");
}

function drawLine(page: PDFPage, font: PDFFont, line: string, rtl: boolean, y: number, size: number, left: number, right: number) {
  if (!rtl) {
    page.drawText(line, { x: left, y, size, font });
    return;
  }
  let x = right;
  for (const run of runs(line)) {
    const w = font.widthOfTextAtSize(run, size);
    x -= w;
    page.drawText(run, { x, y, size, font });
  }
}

function wrap(font: PDFFont, text: string, size: number, width: number): string[] {
  const lines: string[] = [];
  let cur = "";
  for (const word of text.split(" ")) {
    const next = cur ? `${cur} ${word}` : word;
    if (cur && font.widthOfTextAtSize(next, size) > width) {
      lines.push(cur);
      cur = word;
    } else cur = next;
  }
  if (cur) lines.push(cur);
  return lines;
}

async function pdf(title: string | null, paragraphs: string[]): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.registerFontkit(fontkit);
  doc.setTitle(title ?? "", { showInWindowTitleBar: false });
  doc.setCreator("Crosscheck fixtures");
  doc.setProducer("pdf-lib");
  const font = await doc.embedFont(readFileSync(FONT), { subset: true });
  const [W, H, M] = [595, 842, 56];
  let page = doc.addPage([W, H]);
  let y = H - M;
  const block = (text: string, size: number) => {
    const rtl = ARABIC.test(text);
    for (const line of wrap(font, text, size, W - 2 * M)) {
      if (y < M) {
        page = doc.addPage([W, H]);
        y = H - M;
      }
      drawLine(page, font, line, rtl, y, size, M, W - M);
      y -= size * 1.5;
    }
    y -= size; // paragraph spacing
  };
  if (title) block(title, 18);
  for (const p of paragraphs) block(p, 12);
  // Deterministic bytes: fixed dates, no random document ID.
  doc.setCreationDate(new Date("2024-05-14T00:00:00Z"));
  doc.setModificationDate(new Date("2024-05-14T00:00:00Z"));
  return doc.save({ useObjectStreams: false });
}

async function scanned(fromPdf: string): Promise<Uint8Array> {
  const dir = mkdtempSync(join(tmpdir(), "scan-"));
  try {
    execFileSync("pdftoppm", ["-png", "-r", "60", "-f", "1", "-l", "1", "-gray", fromPdf, join(dir, "page")]);
    const png = readFileSync(join(dir, "page-1.png"));
    const doc = await PDFDocument.create();
    const img = await doc.embedPng(png);
    const page = doc.addPage([595, 842]);
    page.drawImage(img, { x: 0, y: 0, width: 595, height: 842 });
    doc.setCreationDate(new Date("2024-05-14T00:00:00Z"));
    doc.setModificationDate(new Date("2024-05-14T00:00:00Z"));
    return doc.save();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

writeFileSync(join(OUT, "report.docx"), await docx(REPORT.title, REPORT.paragraphs));
writeFileSync(join(OUT, "report.pdf"), await pdf(REPORT.title, REPORT.paragraphs));
writeFileSync(join(OUT, "seed-001.docx"), await docx(null, SEED_001));
writeFileSync(join(OUT, "seed-001.pdf"), await pdf(null, SEED_001));
writeFileSync(join(OUT, "scanned.pdf"), await scanned(join(OUT, "report.pdf")));
execFileSync("qpdf", ["--encrypt", "secret", "owner-secret", "256", "--", join(OUT, "report.pdf"), join(OUT, "encrypted.pdf")]);
console.log(`fixtures written to ${OUT}`);
