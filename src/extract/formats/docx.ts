/**
 * The text of a Word .docx, through mammoth's raw-text extraction: paragraphs in document
 * order (body, then tables' cells as paragraphs), separated by a blank line. A .docx stores
 * Arabic in logical order, so nothing is reordered here.
 */
import { isOleCompound, isZip } from "./detect.ts";
import { MESSAGES, UnreadableReportError } from "./errors.ts";
import type { ReportText } from "./types.ts";

// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu;

export async function readDocx(bytes: Uint8Array): Promise<ReportText> {
  if (isOleCompound(bytes)) throw new UnreadableReportError("old_word_format", MESSAGES.docxOld);
  if (!isZip(bytes)) throw new UnreadableReportError("damaged", MESSAGES.docxDamaged);
  const { default: mammoth } = await import("mammoth");
  let value: string;
  try {
    ({ value } = await mammoth.extractRawText({ buffer: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) }));
  } catch {
    throw new UnreadableReportError("damaged", MESSAGES.docxDamaged);
  }
  const paragraphs = value
    .replace(/\r\n?/g, "\n")
    .replace(CONTROLS, "")
    .split(/\n{2,}/)
    .map((p) => p.replace(/[ \t]+\n/g, "\n").trim())
    .filter(Boolean);
  return { text: paragraphs.join("\n\n"), warnings: [] };
}
