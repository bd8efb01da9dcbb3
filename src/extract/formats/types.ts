export interface ReportText {
  /** What the assistant reads. */
  text: string;
  /** The title the file offers (a page's headline, a PDF's document title), if any. */
  title?: string;
  /** What the user should know about the reading (pages that had no text, say). */
  warnings: string[];
}
