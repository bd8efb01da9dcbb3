/**
 * The text of a PDF, through pdf.js (Mozilla's reader; the legacy build, which runs on
 * Node 20 without a browser). pdf.js runs in-process: no worker is downloaded, fonts and
 * character maps come from the package on disk, scripts in the PDF are never evaluated.
 * A PDF whose pages carry no text (a scan) is refused with a message that says so.
 */
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { isPdf } from "./detect.ts";
import { MESSAGES, UnreadableReportError } from "./errors.ts";
import { textFromPages, type PdfTextItem } from "./pdf-layout.ts";
import { fixRtlLigatures } from "./pdf-ligatures.ts";
import type { ReportText } from "./types.ts";

const pdfjsDir = dirname(createRequire(import.meta.url).resolve("pdfjs-dist/package.json"));

/** Characters a text layer yields for glyphs it cannot map: NUL, U+FFFD, private use. */

const UNMAPPED = /[\u0000\uFFFD\uE000-\uF8FF]/gu;

const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFD]/gu;
/** Arabic presentation forms (some producers map glyphs to them) → the letters. */
const PRESENTATION_FORMS = /[\uFB50-\uFDFF\uFE70-\uFEFF]+/gu;

function cleanTitle(t: unknown): string | undefined {
  if (typeof t !== "string") return undefined;
  const s = t.replace(CONTROLS, "").replace(/\s+/g, " ").trim();
  // Word processors fill the title with the file name or the program's name.
  if (!s || /^(?:microsoft word\s*-|untitled\b)|\.(?:docx?|pdf|odt|rtf)$/i.test(s)) return undefined;
  return s;
}

function pageList(pages: number[]): string {
  return pages.length > 8 ? `${pages.slice(0, 8).join(", ")} and ${pages.length - 8} more` : pages.join(", ");
}

/**
 * `maxChars`: stop reading pages once this much text is gathered (the caller refuses a report
 * that long anyway; a 3,000-page PDF need not be read to the end to know it).
 */
export async function readPdf(bytes: Uint8Array, maxChars = Number.POSITIVE_INFINITY): Promise<ReportText> {
  if (!isPdf(bytes)) throw new UnreadableReportError("damaged", MESSAGES.pdfDamaged);
  let data: Uint8Array = bytes;
  try {
    data = (await fixRtlLigatures(bytes)) ?? bytes;
  } catch {
    // encrypted or unusual structure: pdf.js reads the original (and says what is wrong)
  }
  const pdfjs = await import("pdfjs-dist/legacy/build/pdf.mjs");
  const task = pdfjs.getDocument({
    data: new Uint8Array(data), // pdf.js takes ownership of the buffer it is given
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    enableXfa: false,
    verbosity: 0,
    cMapUrl: join(pdfjsDir, "cmaps/"),
    cMapPacked: true,
    standardFontDataUrl: join(pdfjsDir, "standard_fonts/"),
  });
  let doc: Awaited<typeof task.promise>;
  try {
    doc = await task.promise;
  } catch (err) {
    await task.destroy().catch(() => undefined);
    if ((err as { name?: string }).name === "PasswordException") throw new UnreadableReportError("encrypted", MESSAGES.pdfEncrypted);
    throw new UnreadableReportError("damaged", MESSAGES.pdfDamaged);
  }
  try {
    const pages: PdfTextItem[][] = [];
    const empty: number[] = [];
    let unmapped = 0;
    let letters = 0;
    let gathered = 0;
    for (let n = 1; n <= doc.numPages && gathered <= maxChars; n++) {
      const page = await doc.getPage(n);
      const content = await page.getTextContent();
      const items: PdfTextItem[] = [];
      for (const it of content.items) {
        if (!("str" in it) || !it.str) continue;
        unmapped += it.str.match(UNMAPPED)?.length ?? 0;
        const str = it.str.replace(CONTROLS, "").replace(PRESENTATION_FORMS, (s) => s.normalize("NFKC"));
        letters += str.match(/[\p{L}\p{N}]/gu)?.length ?? 0;
        gathered += str.length;
        const tr = it.transform as number[];
        items.push({ str, x: tr[4], y: tr[5], width: it.width, height: it.height || Math.hypot(tr[2], tr[3]) });
      }
      if (!items.some((i) => /[\p{L}\p{N}]/u.test(i.str))) empty.push(n);
      pages.push(items);
      page.cleanup();
    }
    if (letters === 0)
      throw new UnreadableReportError(unmapped ? "unreadable_text_layer" : "no_text_layer", unmapped ? MESSAGES.unreadableTextLayer : MESSAGES.noTextLayer);
    if (unmapped > letters) throw new UnreadableReportError("unreadable_text_layer", MESSAGES.unreadableTextLayer);
    const text = textFromPages(pages);
    const warnings = empty.length
      ? [
          `Page${empty.length > 1 ? "s" : ""} ${pageList(empty)} of ${doc.numPages} ha${empty.length > 1 ? "ve" : "s"} no text layer (scanned?) and ${empty.length > 1 ? "were" : "was"} not read; run OCR on ${empty.length > 1 ? "them" : "it"} to include ${empty.length > 1 ? "them" : "it"}.`,
        ]
      : [];
    let title: string | undefined;
    try {
      title = cleanTitle(((await doc.getMetadata()).info as { Title?: unknown } | undefined)?.Title);
    } catch {
      title = undefined;
    }
    return { text, ...(title ? { title } : {}), warnings };
  } catch (err) {
    if (err instanceof UnreadableReportError) throw err;
    throw new UnreadableReportError("damaged", MESSAGES.pdfDamaged);
  } finally {
    await doc.destroy().catch(() => undefined);
  }
}
