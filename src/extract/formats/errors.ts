/**
 * Why a report file could not be read. Plain errors (src/extract knows nothing of HTTP); the
 * ingest use case turns them into a 422 on the `file` field, with the message as written here.
 */
export type UnreadableReason =
  "no_text_layer" | "unreadable_text_layer" | "encrypted" | "old_word_format" | "damaged" | "too_large" | "charset" | "unsupported";

export class UnreadableReportError extends Error {
  constructor(
    readonly reason: UnreadableReason,
    message: string,
  ) {
    super(message);
    this.name = "UnreadableReportError";
  }
}

/** The user-facing messages, gathered here so they can be found (and translated). */
export const MESSAGES = {
  noTextLayer: "This PDF has no text layer (a scan?). Run OCR first or paste the text.",
  unreadableTextLayer: "This PDF's text cannot be read: its fonts carry no character map, so the letters come out as symbols. Run OCR first or paste the text.",
  pdfEncrypted: "This PDF is password-protected. Remove the password (or print it to a new PDF) and upload it again.",
  pdfDamaged: "This file is not a readable PDF (damaged or incomplete). Download it again, or paste the text.",
  docxOld: "This Word file is password-protected or in the old .doc format. Remove the password, or save it as .docx, and upload it again.",
  docxTooLarge: "This .docx unpacks to more than 200 MB, far more than a report; it was not opened. Save the report's text as a new .docx, or paste it.",
  docxDamaged: "This file is not a readable .docx (damaged or not a Word document). Save it again as .docx, or paste the text.",
} as const;
