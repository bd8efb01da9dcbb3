/**
 * Bring a report in: pasted text, or the bytes of an uploaded .txt / .html / .md file.
 *
 * The document keeps what the assistant reads (`text`: the page's main text for HTML, the
 * plain text for Markdown, byte-exact) and, for HTML and Markdown, the original bytes with
 * their SHA-256 as evidence. The same report ingested twice is recognised — by the raw
 * bytes' hash for files, by the text's hash for pasted text — and the existing document is
 * returned with `duplicate: true`: nothing is written and no audit event is added.
 */
import type { Tx } from "../../db/client.ts";
import { hasArabic } from "../../engine/normalize.ts";
import { ValidationError } from "../../errors.ts";
import { extractMainText, markdownToText } from "../../extract/html.ts";
import { LIMITS } from "../../validation/fields.ts";
import type { Actor } from "../actor.ts";
import { createDocument, sha256Hex } from "../documents/create-document.ts";

export const INGEST_FORMATS = ["text", "html", "markdown"] as const;
export type IngestFormat = (typeof INGEST_FORMATS)[number];

export interface IngestReportInput {
  /** Pasted text (or an HTML / Markdown source as a string). One of text / rawBytes is required. */
  text?: string;
  /** The file's bytes as received. */
  rawBytes?: Uint8Array;
  format: IngestFormat;
  fileName?: string | null;
  title?: string | null;
  url?: string | null;
  publisherId?: number | null;
  publishedAt?: Date | null;
  /** Detected from the text (Arabic letters → "ar", else "en") when not given. */
  language?: string | null;
}

export interface IngestResult {
  document: Awaited<ReturnType<typeof createDocument>>;
  duplicate: boolean;
}

const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

/** The charset an HTML page declares in its first bytes (<meta charset> or http-equiv). */
function declaredCharset(bytes: Uint8Array): string | undefined {
  const head = Buffer.from(bytes.subarray(0, 2048)).toString("latin1");
  return /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)/i.exec(head)?.[1]?.toLowerCase();
}

/**
 * Decode a file. UTF-8 (with or without BOM) is the norm; an HTML page may declare another
 * charset (Arabic sites still serve windows-1256). Bytes that are not valid in the charset
 * are refused rather than silently replaced: the text is evidence.
 */
export function decodeReport(bytes: Uint8Array, format: IngestFormat): string {
  let label = "utf-8";
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) label = "utf-8";
  else if (format === "html") label = declaredCharset(bytes) ?? "utf-8";
  let decoder: InstanceType<typeof TextDecoder>;
  try {
    decoder = new TextDecoder(label, { fatal: true });
  } catch {
    throw new ValidationError(`The page declares an unknown character set (${label}).`, { file: "Unknown character set." });
  }
  try {
    return decoder.decode(bytes); // strips a UTF-8 BOM (ignoreBOM defaults to false)
  } catch {
    throw new ValidationError(`The file is not valid ${label.toUpperCase()} text.`, { file: "The file is not valid text in its character set." });
  }
}

function sameBytes(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(text, "utf8").equals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** What the assistant reads, and the title the page or text offers. */
export function readableText(source: string, format: IngestFormat): { text: string; title?: string } {
  if (format === "html") {
    const { title, text } = extractMainText(source);
    // The headline is part of the report (it can carry a statement: "… والعراق ينفي!").
    return { title, text: title && !text.startsWith(title) ? `${title}\n\n${text}` : text };
  }
  if (format === "markdown") return { text: markdownToText(source) };
  return { text: source };
}

/** At most `max` UTF-16 units, never splitting a surrogate pair (an emoji cut in half is not text). */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = /[\uD800-\uDBFF]/.test(s[max - 1]) ? max - 1 : max;
  return s.slice(0, end);
}

/** The first non-empty line, shortened to fit a title. */
export function titleFromText(text: string): string {
  const line = text.split(/\r?\n/).map((l) => l.trim()).find(Boolean) ?? "";
  const max = 200;
  return line.length > max ? `${cut(line, max - 1).trimEnd()}…` : line;
}

/** Ingest one report; returns the existing document when the same report was ingested before. */
export async function ingestReport(tx: Tx, actor: Actor, input: IngestReportInput): Promise<IngestResult> {
  if (input.text === undefined && input.rawBytes === undefined) throw new ValidationError("Paste the report's text or choose a file.", { text: "Paste the text or choose a file." });
  const source = input.rawBytes !== undefined ? decodeReport(input.rawBytes, input.format) : input.text!;
  // HTML and Markdown keep their original bytes (a pasted source string as UTF-8); a .txt file
  // keeps them only when they differ from its text (a BOM, say), since the text is the report.
  const raw = input.format !== "text" ? (input.rawBytes ?? new TextEncoder().encode(source)) : input.rawBytes && !sameBytes(input.rawBytes, source) ? input.rawBytes : undefined;

  const field = input.rawBytes !== undefined ? "file" : "text";
  if (FORBIDDEN_CONTROLS.test(source)) throw new ValidationError("The report contains a control character (such as NUL) that is not allowed.", { [field]: "Contains a control character (such as NUL)." });

  const { text, title: foundTitle } = readableText(source, input.format);
  if (!text.trim()) throw new ValidationError("No report text was found.", { [field]: "No text found." });
  if (text.length > LIMITS.documentText) throw new ValidationError(`The report is longer than ${LIMITS.documentText} characters.`, { [field]: "The report is too long." });

  const existing = input.format !== "text" && raw
    ? await tx.document.findFirst({ where: { rawSha256: sha256Hex(raw) }, orderBy: { id: "asc" } })
    : await tx.document.findFirst({ where: { sha256: sha256Hex(text) }, orderBy: { id: "asc" } });
  if (existing) return { document: existing, duplicate: true };

  const title = cut(input.title?.trim() || foundTitle || titleFromText(text), LIMITS.title);
  const document = await createDocument(tx, actor, {
    title,
    url: input.url ?? null,
    publisherId: input.publisherId ?? null,
    publishedAt: input.publishedAt ?? null,
    language: input.language || (hasArabic(text) ? "ar" : "en"),
    text,
    sourceFormat: input.format,
    fileName: input.fileName ?? null,
    rawBytes: raw ?? null,
  });
  return { document, duplicate: false };
}
