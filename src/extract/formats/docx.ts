/**
 * The text of a Word .docx, through mammoth's raw-text extraction: paragraphs in document
 * order (body, then tables' cells as paragraphs), separated by a blank line. A .docx stores
 * Arabic in logical order, so nothing is reordered here.
 */
import { isOleCompound, isZip } from "./detect.ts";
import { MESSAGES, UnreadableReportError } from "./errors.ts";
import type { ReportText } from "./types.ts";

/** What a .docx may unpack to; a report is a few MB of XML, a "ZIP bomb" is gigabytes. */
export const MAX_UNPACKED_BYTES = 200 * 1024 * 1024;

/**
 * The sum of the uncompressed sizes a ZIP's central directory declares (read from its end
 * record and entry headers only), or Infinity when it cannot be told (ZIP64, a broken
 * directory). Checked before mammoth unpacks anything.
 */
export function declaredUnpackedSize(bytes: Uint8Array): number {
  const b = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const from = Math.max(0, b.length - 22 - 0xffff);
  let eocd = -1;
  for (let i = b.length - 22; i >= from; i--) {
    if (b.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) return Number.POSITIVE_INFINITY;
  const entries = b.readUInt16LE(eocd + 10);
  let at = b.readUInt32LE(eocd + 16);
  let total = 0;
  for (let n = 0; n < entries; n++) {
    if (at + 46 > b.length || b.readUInt32LE(at) !== 0x02014b50) return Number.POSITIVE_INFINITY;
    const size = b.readUInt32LE(at + 24);
    if (size === 0xffffffff) return Number.POSITIVE_INFINITY;
    total += size;
    at += 46 + b.readUInt16LE(at + 28) + b.readUInt16LE(at + 30) + b.readUInt16LE(at + 32);
  }
  return total;
}

const CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/gu;

export async function readDocx(bytes: Uint8Array): Promise<ReportText> {
  if (isOleCompound(bytes)) throw new UnreadableReportError("old_word_format", MESSAGES.docxOld);
  if (!isZip(bytes)) throw new UnreadableReportError("damaged", MESSAGES.docxDamaged);
  const unpacked = declaredUnpackedSize(bytes);
  if (!Number.isFinite(unpacked)) throw new UnreadableReportError("damaged", MESSAGES.docxDamaged);
  if (unpacked > MAX_UNPACKED_BYTES) throw new UnreadableReportError("too_large", MESSAGES.docxTooLarge);
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
