/**
 * Resolve a date expression found in a report ("يوم السبت الماضي", "اليوم الخميس 28 آذار/ مارس",
 * "أمس", "last Saturday", "March 28") to a calendar day, relative to the report's publication
 * date. Lets the comparison engine see that "Saturday" and "28 March" are different days.
 * Pure; returns undefined when the expression does not pin down one day ("قبل أيام").
 */
import { foldDigits, normalizeText } from "../engine/normalize.ts";

// Names are compared after the same normalisation as the text (so "الثلاثاء" is matched as
// normalised, without its final hamza); see `norm` below.
const WEEKDAYS_RAW: Array<[string, number]> = [
  ["الاحد", 0],
  ["الاثنين", 1],
  ["الثلاثاء", 2],
  ["الاربعاء", 3],
  ["الخميس", 4],
  ["الجمعه", 5],
  ["السبت", 6],
  ["sunday", 0],
  ["monday", 1],
  ["tuesday", 2],
  ["wednesday", 3],
  ["thursday", 4],
  ["friday", 5],
  ["saturday", 6],
];

const MONTHS_RAW: Array<[string, number]> = [
  ["كانون الثاني", 1],
  ["شباط", 2],
  ["اذار", 3],
  ["نيسان", 4],
  ["ايار", 5],
  ["حزيران", 6],
  ["تموز", 7],
  ["اب", 8],
  ["ايلول", 9],
  ["تشرين الاول", 10],
  ["تشرين الثاني", 11],
  ["كانون الاول", 12],
  ["يناير", 1],
  ["فبراير", 2],
  ["مارس", 3],
  ["ابريل", 4],
  ["مايو", 5],
  ["يونيو", 6],
  ["يونيه", 6],
  ["يوليو", 7],
  ["يوليه", 7],
  ["اغسطس", 8],
  ["سبتمبر", 9],
  ["اكتوبر", 10],
  ["نوفمبر", 11],
  ["ديسمبر", 12],
  ["january", 1],
  ["february", 2],
  ["march", 3],
  ["april", 4],
  ["may", 5],
  ["june", 6],
  ["july", 7],
  ["august", 8],
  ["september", 9],
  ["october", 10],
  ["november", 11],
  ["december", 12],
  ["jan", 1],
  ["feb", 2],
  ["aug", 8],
  ["sept", 9],
  ["sep", 9],
  ["oct", 10],
  ["nov", 11],
  ["dec", 12],
];

const norm = (list: Array<[string, number]>): Array<[string, number]> => list.map(([name, v]) => [words(name).join(" "), v]);
const WEEKDAYS = norm(WEEKDAYS_RAW);
const MONTHS = norm(MONTHS_RAW);

const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

function words(s: string): string[] {
  return foldDigits(normalizeText(s))
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean);
}

/** The calendar day (YYYY-MM-DD, UTC) an expression refers to, or undefined. */
export function resolveDate(expr: string, publishedAt: string): string | undefined {
  const pub = Date.parse(publishedAt);
  if (Number.isNaN(pub)) return undefined;
  const base = Date.UTC(new Date(pub).getUTCFullYear(), new Date(pub).getUTCMonth(), new Date(pub).getUTCDate());
  const w = words(expr);
  const joined = ` ${w.join(" ")} `;

  // an explicit day and month wins: "28 آذار/ مارس", "March 28, 2024"
  for (const [name, month] of MONTHS) {
    const m = new RegExp(`(?:^| )(\\d{1,2}) ${name}(?: [^ ]+)?(?: (\\d{4}))?(?= |$)|(?:^| )${name} (\\d{1,2})(?: (\\d{4}))?(?= |$)`).exec(joined);
    if (!m) continue;
    const day = Number(m[1] ?? m[3]);
    const yearText = m[2] ?? m[4] ?? /\b(\d{4})\b/.exec(joined)?.[1];
    let year = yearText ? Number(yearText) : new Date(base).getUTCFullYear();
    let t = Date.UTC(year, month - 1, day);
    if (!yearText && t > base + 2 * DAY) t = Date.UTC(--year, month - 1, day); // "28 December" read in January
    if (day >= 1 && day <= 31) return iso(t);
  }

  if (/ (?:اليوم|today) /.test(joined) && !WEEKDAYS.some(([n]) => joined.includes(` ${n} `))) return iso(base);
  if (/ (?:امس|yesterday) /.test(joined)) return iso(base - DAY);
  if (/ (?:غدا|tomorrow) /.test(joined)) return iso(base + DAY);
  const ago = / (?:قبل|منذ) (?:(\d+) (?:ايام|يوما)|(يومين)) /.exec(joined);
  if (ago) return iso(base - (ago[2] ? 2 : Number(ago[1])) * DAY);

  const wd = WEEKDAYS.find(([n]) => joined.includes(` ${n} `));
  if (wd) {
    const target = wd[1];
    const today = new Date(base).getUTCDay();
    const next = / (?:المقبل|القادم|next) /.test(joined);
    const last = / (?:الماضي|الفايت|المنصرم|last) /.test(joined);
    const isToday = / (?:اليوم|today|this) /.test(joined);
    if (next) return iso(base + ((target - today + 7) % 7 || 7) * DAY);
    if (isToday && target === today) return iso(base);
    let back = (today - target + 7) % 7;
    if (last && back === 0) back = 7;
    return iso(base - back * DAY); // news default: the most recent such day
  }
  return undefined;
}

/**
 * The day a report was written, read from its own words when no publication date was given:
 * "اليوم الخميس 28 آذار/ مارس" or "today, Thursday 28 March" near the top, or a dateline with
 * a year on its first line ("16 May 2024 —", "2024-05-16"). A day and month without a year are
 * placed in the most recent year (not after `now`) in which that day falls on the weekday the
 * report names; without a weekday or a year the day is not guessed. Pure.
 */
export function reportDate(text: string, now: Date): { date: string; text: string } | undefined {
  const limit = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) + DAY;
  const day = (y: number, month: number, d: number) => {
    const t = Date.UTC(y, month - 1, d);
    return new Date(t).getUTCDate() === d && new Date(t).getUTCMonth() === month - 1 && t <= limit ? t : undefined;
  };
  const head = text.slice(0, 600);
  const weekdays = WEEKDAYS.map(([n]) => n).join("|");

  const today = dayMonthAfter(` ${words(head).join(" ")} `, ` (?:اليوم|today) (?:the )?(${weekdays})`);
  if (today) {
    const weekday = WEEKDAYS.find(([n]) => n === today.lead)![1];
    const thisYear = now.getUTCFullYear();
    const years = today.year ? [today.year] : Array.from({ length: 31 }, (_, k) => thisYear - k);
    for (const y of years) {
      const t = day(y, today.month, today.day);
      if (t !== undefined && (today.year || new Date(t).getUTCDay() === weekday)) return { date: iso(t), text: today.text };
    }
  }

  // a dateline opens the first line ("Raqqa, 16 May 2024 —", "2024-05-16"): only its first words are read
  const firstLine = (head.split(/\r?\n/).find((l) => l.trim()) ?? "").trim();
  const isoDay = /^\W{0,3}(?:[^\d\n]{0,40}?)\b(\d{4})-(\d{2})-(\d{2})\b/u.exec(foldDigits(firstLine));
  const isoT = isoDay ? day(Number(isoDay[1]), Number(isoDay[2]), Number(isoDay[3])) : undefined;
  if (isoDay && isoT !== undefined) return { date: iso(isoT), text: isoDay[0] };
  const dateline = dayMonthAfter(` ${words(firstLine).slice(0, 7).join(" ")} `, "()");
  const t = dateline?.year ? day(dateline.year, dateline.month, dateline.day) : undefined;
  return dateline && t !== undefined ? { date: iso(t), text: dateline.text } : undefined;
}

/**
 * "28 March [2024]" or "March 28[, 2024]" right after `lead` (a pattern whose one group is
 * returned as `lead`), in text joined from words(); a second month name, as in «آذار/ مارس», is allowed.
 */
function dayMonthAfter(joined: string, lead: string): { lead: string; day: number; month: number; year?: number; text: string } | undefined {
  const months = MONTHS.map(([n]) => n).join("|");
  for (const [name, month] of MONTHS) {
    const m = new RegExp(`${lead} (?:(\\d{1,2}) ${name}|${name} (\\d{1,2}))(?: (?:${months}))?(?: (\\d{4}))? `).exec(joined);
    if (m) return { lead: m[1], day: Number(m[2] ?? m[3]), month, ...(m[4] ? { year: Number(m[4]) } : {}), text: m[0].trim() };
  }
  return undefined;
}
