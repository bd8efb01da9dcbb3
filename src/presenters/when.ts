/**
 * Dates as a reader writes them ("3 Dec 2026", "3 Dec 2026, 13:52 UTC"), not ISO strings.
 * Times are UTC: analysts in several time zones compare them, and the audit trail stores UTC.
 * (The i18n layer can swap the month names; the order day–month–year reads the same in Arabic.)
 */
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function toDate(d: unknown): Date | null {
  if (d === null || d === undefined || d === "") return null;
  const date = d instanceof Date ? d : new Date(String(d));
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 Dec 2026" (empty for no date). */
export function humanDate(d: unknown): string {
  const date = toDate(d);
  if (!date) return "";
  return `${date.getUTCDate()} ${MONTHS[date.getUTCMonth()]} ${date.getUTCFullYear()}`;
}

/** "3 Dec 2026, 13:52 UTC" (empty for no date). */
export function humanDateTime(d: unknown): string {
  const date = toDate(d);
  if (!date) return "";
  const hh = String(date.getUTCHours()).padStart(2, "0");
  const mm = String(date.getUTCMinutes()).padStart(2, "0");
  return `${humanDate(date)}, ${hh}:${mm} UTC`;
}

/** The machine form for a <time datetime="…"> attribute. */
export function isoAttr(d: unknown): string {
  return toDate(d)?.toISOString() ?? "";
}
