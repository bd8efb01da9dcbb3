/**
 * Dates as a reader writes them ("3 Dec 2026", "3 Dec 2026, 13:52 UTC"), not ISO strings.
 * Times are UTC: analysts in several time zones compare them, and the audit trail stores UTC.
 * (The i18n layer can swap the month names; the order day–month–year reads the same in Arabic.)
 */
import { formatDate, formatDateTime } from "../i18n/index.ts";

function toDate(d: unknown): Date | null {
  if (d === null || d === undefined || d === "") return null;
  const date = d instanceof Date ? d : typeof d === "string" || typeof d === "number" ? new Date(d) : new Date(NaN);
  return Number.isNaN(date.getTime()) ? null : date;
}

/** "3 December 2026" / "3 كانون الأول 2026", in the interface language (empty for no date). */
export function humanDate(d: unknown): string {
  return formatDate(d);
}

/** "3 December 2026, 13:52 UTC", in the interface language (empty for no date). */
export function humanDateTime(d: unknown): string {
  return formatDateTime(d);
}

/** The machine form for a <time datetime="…"> attribute. */
export function isoAttr(d: unknown): string {
  return toDate(d)?.toISOString() ?? "";
}
