/**
 * The size limits users meet, in one place: the ingest form states them, the inline check in
 * public/limits.js reads them from the form's data attributes, the body parsers and multer
 * enforce them, and the messages quote them. Before, the upload label said 5 MB, the server
 * refused more than 200,000 characters and a paste over 1 MB got a bare 413.
 */
import { MAX_FILE_BYTES } from "./extract/formats/detect.ts";
import { formatNumber, t } from "./i18n/index.ts";
import { LIMITS } from "./validation/fields.ts";

/** Characters of report text a document can hold (after HTML/Markdown is reduced to text). */
export const REPORT_MAX_CHARS = LIMITS.documentText;
/**
 * Bytes of an uploaded report file (an HTML page with its markup, a PDF or a Word file is much
 * larger than its text): the 20 MB of src/extract/formats (MAX_FILE_MB), the one figure.
 */
export const UPLOAD_MAX_BYTES = MAX_FILE_BYTES;
/** Bytes of an ordinary form or JSON body. */
export const BODY_MAX_BYTES = 1024 * 1024;
/**
 * Bytes of the ingest paste form: room for REPORT_MAX_CHARS of Arabic, which a browser sends as
 * percent-encoded UTF-8 (6 bytes per letter: 200,000 letters are 1.2 MB), plus the other fields.
 * A paste of HTML or Markdown can carry markup beyond its text, hence the margin.
 */
export const INGEST_BODY_MAX_BYTES = 3 * 1024 * 1024;

export const fmtInt = (n: number) => formatNumber(n);
export const fmtMb = (bytes: number) => t("limits.mb", { n: formatNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10) });

/** The sentences the forms and messages use, in the interface language (locales/*.json, limits.*). */
export const LIMITS_TEXT = {
  get paste() {
    return t("limits.paste", { chars: fmtInt(REPORT_MAX_CHARS) });
  },
  get upload() {
    return t("limits.upload", { size: fmtMb(UPLOAD_MAX_BYTES), chars: fmtInt(REPORT_MAX_CHARS) });
  },
  tooLong: (n: number) => t("limits.tooLong", { n: fmtInt(n), chars: fmtInt(REPORT_MAX_CHARS) }),
  fileTooLarge: () => t("limits.fileTooLarge", { size: fmtMb(UPLOAD_MAX_BYTES), paste: LIMITS_TEXT.paste }),
  bodyTooLarge: (path: string) =>
    path.startsWith("/ingest")
      ? t("limits.pasteTooLarge", { body: fmtMb(INGEST_BODY_MAX_BYTES), chars: fmtInt(REPORT_MAX_CHARS), size: fmtMb(UPLOAD_MAX_BYTES) })
      : t("limits.formTooLarge", { body: fmtMb(BODY_MAX_BYTES) }),
};
