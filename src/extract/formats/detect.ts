/**
 * Which reader a report file gets: one map from file extension (and, without a known
 * extension, from the MIME type the client sent) to format, shared by the upload page, the
 * API and the CLI. The file's first bytes are checked too, so a PDF saved as ".docx" is read
 * as the PDF it is.
 */
import { extname } from "node:path";

export const REPORT_FORMATS = ["text", "html", "markdown", "pdf", "docx"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];
/** The formats that arrive as text (pasted, or a JSON string); PDF and Word only as files. */
export const TEXT_FORMATS = ["text", "html", "markdown"] as const;
export type TextFormat = (typeof TEXT_FORMATS)[number];

export const FILE_EXTENSIONS: Readonly<Record<string, ReportFormat>> = {
  ".txt": "text",
  ".text": "text",
  ".html": "html",
  ".htm": "html",
  ".md": "markdown",
  ".markdown": "markdown",
  ".pdf": "pdf",
  ".docx": "docx",
};

const MIME_TYPES: Readonly<Record<string, ReportFormat>> = {
  "text/plain": "text",
  "text/html": "html",
  "application/xhtml+xml": "html",
  "text/markdown": "markdown",
  "text/x-markdown": "markdown",
  "application/pdf": "pdf",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "docx",
};

/** The largest report file taken (a PDF with pictures runs to several MB). */
export const MAX_FILE_MB = 20;
export const MAX_FILE_BYTES = MAX_FILE_MB * 1024 * 1024;

/** For messages (views/pages/ingest.hbs lists the same in the file picker's `accept`). */
export const SUPPORTED_FILES = "a .pdf, .docx, .html, .txt or .md file";

export function isPdf(bytes: Uint8Array): boolean {
  // The header may follow a little junk (the spec allows it within the first 1024 bytes).
  return Buffer.from(bytes.subarray(0, 1024)).includes("%PDF-");
}
export function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04;
}
/** An OLE compound file: a Word 97–2003 .doc, or an encrypted .docx. */
export function isOleCompound(bytes: Uint8Array): boolean {
  return Buffer.from(bytes.subarray(0, 8)).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));
}

/**
 * The format of an uploaded file, or undefined when it is not one Crosscheck reads. The
 * extension decides; the MIME type only when the name has no known extension; a binary
 * signature that contradicts the name wins (a PDF named report.docx is a PDF).
 */
export function formatOfFile(fileName: string | null | undefined, mimeType?: string | null, bytes?: Uint8Array): ReportFormat | undefined {
  const byName = fileName ? FILE_EXTENSIONS[extname(fileName).toLowerCase()] : undefined;
  const byMime = mimeType ? MIME_TYPES[mimeType.split(";")[0].trim().toLowerCase()] : undefined;
  const claimed = byName ?? byMime;
  if (!claimed || !bytes) return claimed;
  if (claimed === "docx" && isPdf(bytes.subarray(0, 8))) return "pdf";
  if (claimed === "pdf" && isZip(bytes)) return "docx";
  return claimed;
}
