/**
 * The size limits users meet, in one place: the ingest form states them, the inline check in
 * public/limits.js reads them from the form's data attributes, the body parsers and multer
 * enforce them, and the messages quote them. Before, the upload label said 5 MB, the server
 * refused more than 200,000 characters and a paste over 1 MB got a bare 413.
 */
import { LIMITS } from "./validation/fields.ts";

/** Characters of report text a document can hold (after HTML/Markdown is reduced to text). */
export const REPORT_MAX_CHARS = LIMITS.documentText;
/** Bytes of an uploaded report file (an HTML page with its markup is much larger than its text). */
export const UPLOAD_MAX_BYTES = 5 * 1024 * 1024;
/** Bytes of an ordinary form or JSON body. */
export const BODY_MAX_BYTES = 1024 * 1024;
/**
 * Bytes of the ingest paste form: room for REPORT_MAX_CHARS of Arabic, which a browser sends as
 * percent-encoded UTF-8 (6 bytes per letter: 200,000 letters are 1.2 MB), plus the other fields.
 * A paste of HTML or Markdown can carry markup beyond its text, hence the margin.
 */
export const INGEST_BODY_MAX_BYTES = 3 * 1024 * 1024;

export const fmtInt = (n: number) => n.toLocaleString("en");
export const fmtMb = (bytes: number) => `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;

/** The sentence the forms and messages use. */
export const LIMITS_TEXT = {
  paste: `at most ${fmtInt(REPORT_MAX_CHARS)} characters`,
  upload: `at most ${fmtMb(UPLOAD_MAX_BYTES)}, and at most ${fmtInt(REPORT_MAX_CHARS)} characters of text once the page is reduced to its article`,
  tooLong: (n: number) => `The report has ${fmtInt(n)} characters; the limit is ${fmtInt(REPORT_MAX_CHARS)}. Split it into parts, or keep the part that matters.`,
  bodyTooLarge: (path: string) =>
    path.startsWith("/ingest")
      ? `The pasted report is larger than ${fmtMb(INGEST_BODY_MAX_BYTES)}, so the server could not read it and nothing was stored; the text could not be kept. A report can have ${fmtInt(REPORT_MAX_CHARS)} characters at most: split it into parts, or upload it as a file (at most ${fmtMb(UPLOAD_MAX_BYTES)}).`
      : `The form is larger than ${fmtMb(BODY_MAX_BYTES)}, so the server could not read it and nothing was stored.`,
};
