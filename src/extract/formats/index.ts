/**
 * Report files → the text the assistant reads: `readReport(bytes, format)` for files, and
 * `readSource(string, format)` for text that arrived as a string (pasted, or JSON).
 *
 *   text      as is (UTF-8; a BOM is dropped)
 *   markdown  syntax stripped (src/extract/html.ts)
 *   html      the article, as reader views find it (./html.ts, Readability); the page's
 *             declared charset is honoured (Arabic sites still serve windows-1256)
 *   pdf       the text layer (./pdf.ts, pdf.js); a scan without one is refused
 *   docx      the paragraphs (./docx.ts, mammoth)
 *
 * Unreadable input throws UnreadableReportError with a message for the user.
 */
import { markdownToText } from "../html.ts";
import type { ReportFormat, TextFormat } from "./detect.ts";
import { readDocx } from "./docx.ts";
import { UnreadableReportError } from "./errors.ts";
import { readHtml } from "./html.ts";
import { readPdf } from "./pdf.ts";
import type { ReportText } from "./types.ts";

export * from "./detect.ts";
export { MESSAGES, UnreadableReportError, type UnreadableReason } from "./errors.ts";
export type { ReportText } from "./types.ts";

/** The charset an HTML page declares in its first bytes (<meta charset> or http-equiv). */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  return /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head)?.[1]?.toLowerCase();
}

/**
 * Decode a text file. UTF-8 (with or without BOM) is the norm; an HTML page may declare
 * another charset. Bytes that are not valid in the charset are refused rather than silently
 * replaced: the text is evidence.
 */
export function decodeText(bytes: Uint8Array, format: TextFormat): string {
  let label = "utf-8";
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = "utf-8";
  else if (format === "html") label = declaredCharset(bytes) ?? "utf-8";
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new UnreadableReportError("charset", `The page declares an unknown character set (${label}).`);
  }
  try {
    return decoder.decode(bytes); // strips a UTF-8 BOM (ignoreBOM defaults to false)
  } catch {
    throw new UnreadableReportError("charset", `The file is not valid ${label.toUpperCase()} text.`);
  }
}

/** What the assistant reads from a text source, and the title it offers. */
export async function readSource(source: string, format: TextFormat): Promise<ReportText> {
  if (format === "html") {
    const { title, text } = await readHtml(source);
    // The headline is part of the report (it can carry a statement: "… والعراق ينفي!").
    return { ...(title ? { title } : {}), text: title && text && !text.startsWith(title) ? `${title}\n\n${text}` : text, warnings: [] };
  }
  if (format === "markdown") return { text: markdownToText(source), warnings: [] };
  return { text: source, warnings: [] };
}

/** What the assistant reads from a file's bytes; `maxChars` lets a long PDF stop early (see readPdf). */
export async function readReport(bytes: Uint8Array, format: ReportFormat, opts: { maxChars?: number } = {}): Promise<ReportText> {
  if (format === "pdf") return readPdf(bytes, opts.maxChars);
  if (format === "docx") return readDocx(bytes);
  return readSource(decodeText(bytes, format), format);
}
