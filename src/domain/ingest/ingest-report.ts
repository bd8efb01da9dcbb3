/**
 * Bring a report in: pasted text, or the bytes of an uploaded .txt / .html / .md / .pdf /
 * .docx file (read by src/extract/formats).
 *
 * The document keeps what the assistant reads (`text`: the page's main text for HTML, the
 * plain text for Markdown, the text layer of a PDF, the paragraphs of a Word file) and, for
 * every format but plain text, the original bytes with their SHA-256 as evidence. The same
 * report ingested twice is recognised — by the raw bytes' hash for files, by the text's hash
 * for pasted text — and the existing document is returned with `duplicate: true`: nothing is
 * written and no audit event is added. A file that cannot be read (a scanned PDF without a
 * text layer, a password, a damaged file) is refused with a 422 that says why; nothing is
 * stored.
 */
import { t } from "../../i18n/index.ts";
import type { Tx } from "../../db/client.ts";
import { hasArabic } from "../../engine/normalize.ts";
import { LIMITS_TEXT } from "../../limits.ts";
import { ValidationError } from "../../errors.ts";
import {
  decodeText,
  readReport,
  readSource,
  TEXT_FORMATS,
  UnreadableReportError,
  type ReportFormat,
  type ReportText,
  type TextFormat,
} from "../../extract/formats/index.ts";
import { LIMITS } from "../../validation/fields.ts";
import type { Actor } from "../actor.ts";
import { createDocument, sha256Hex } from "../documents/create-document.ts";

/** The formats text can be pasted or sent in; files may also be PDF or Word (REPORT_FORMATS). */
export const INGEST_FORMATS = TEXT_FORMATS;
export type IngestFormat = TextFormat;

export interface IngestReportInput {
  /** Pasted text (or an HTML / Markdown source as a string). One of text / rawBytes is required. */
  text?: string;
  /** The file's bytes as received. */
  rawBytes?: Uint8Array;
  /** pdf and docx only with rawBytes. */
  format: ReportFormat;
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
  /** What the reader could not take in (a PDF's pages without a text layer, say). */
  warnings?: string[];
}

const FORBIDDEN_CONTROLS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;

function sameBytes(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(text, "utf8").equals(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

const isTextFormat = (f: ReportFormat): f is TextFormat => (TEXT_FORMATS as readonly string[]).includes(f);

/** The file's text, or a 422 on the `file` field that says why it cannot be read. */
async function readFile(bytes: Uint8Array, format: ReportFormat): Promise<{ source?: string; read: ReportText }> {
  try {
    if (isTextFormat(format)) {
      const source = decodeText(bytes, format);
      if (FORBIDDEN_CONTROLS.test(source)) throw new ValidationError(t("errors.reportControl"), { file: t("errors.controlField") });
      return { source, read: await readSource(source, format) };
    }
    return { read: await readReport(bytes, format, { maxChars: LIMITS.documentText }) };
  } catch (err) {
    if (err instanceof UnreadableReportError) throw new ValidationError(err.message, { file: err.message });
    throw err;
  }
}

/** At most `max` UTF-16 units, never splitting a surrogate pair (an emoji cut in half is not text). */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = /[\uD800-\uDBFF]/.test(s[max - 1]) ? max - 1 : max;
  return s.slice(0, end);
}

/** The first non-empty line, shortened to fit a title. */
export function titleFromText(text: string): string {
  const line =
    text
      .split(/\r?\n/)
      .map((l) => l.trim())
      .find(Boolean) ?? "";
  const max = 200;
  return line.length > max ? `${cut(line, max - 1).trimEnd()}…` : line;
}

/** A report read and checked, ready to store: what prepareReport gives ingestReport. */
export interface PreparedReport extends IngestReportInput {
  read: ReportText;
  /** The original bytes kept as evidence, if any. */
  raw?: Uint8Array;
}

/**
 * Read and check a report without touching the database, so that a slow read (a long PDF)
 * happens before the write transaction, not inside it. Throws ValidationError (422) when the
 * input cannot be read or holds no text.
 */
export async function prepareReport(input: IngestReportInput): Promise<PreparedReport> {
  if (input.text === undefined && input.rawBytes === undefined) throw new ValidationError(t("upload.nothing"), { text: t("upload.nothingField") });
  if (input.rawBytes === undefined && !isTextFormat(input.format))
    throw new ValidationError(`A ${input.format.toUpperCase()} report can only be sent as a file.`, { file: "Send the file itself." });
  let source: string;
  let read: ReportText;
  if (input.rawBytes !== undefined) {
    const file = await readFile(input.rawBytes, input.format);
    read = file.read;
    source = file.source ?? read.text;
  } else {
    source = input.text!;
    if (FORBIDDEN_CONTROLS.test(source)) throw new ValidationError(t("errors.reportControl"), { text: t("errors.controlField") });
    read = await readSource(source, input.format as TextFormat);
  }
  // Every format but plain text keeps its original bytes (a pasted source string as UTF-8); a
  // .txt file keeps them only when they differ from its text (a BOM, say), since the text is the report.
  const raw =
    input.format !== "text"
      ? (input.rawBytes ?? new TextEncoder().encode(source))
      : input.rawBytes && !sameBytes(input.rawBytes, source)
        ? input.rawBytes
        : undefined;

  const field = input.rawBytes !== undefined ? "file" : "text";
  const { text } = read;
  if (!text.trim()) throw new ValidationError(t("errors.noReportText"), { [field]: t("errors.noTextField") });
  if (text.length > LIMITS.documentText) throw new ValidationError(LIMITS_TEXT.tooLong(text.length), { [field]: LIMITS_TEXT.tooLong(text.length) });
  if (FORBIDDEN_CONTROLS.test(text)) throw new ValidationError(t("errors.reportControl"), { [field]: t("errors.controlField") });
  return { ...input, read, ...(raw ? { raw } : {}) };
}

/**
 * Ingest one report (read by prepareReport first, unless already prepared); returns the
 * existing document when the same report was ingested before.
 */
export async function ingestReport(tx: Tx, actor: Actor, input: IngestReportInput | PreparedReport): Promise<IngestResult> {
  const prepared = "read" in input ? input : await prepareReport(input);
  const { raw, read } = prepared;
  const { text, title: foundTitle, warnings } = read;

  const existing =
    prepared.format !== "text" && raw
      ? await tx.document.findFirst({ where: { rawSha256: sha256Hex(raw) }, orderBy: { id: "asc" } })
      : await tx.document.findFirst({ where: { sha256: sha256Hex(text) }, orderBy: { id: "asc" } });
  if (existing) return { document: existing, duplicate: true, warnings };

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
  return { document, duplicate: false, warnings };
}
