/**
 * Detail conflicts: two accounts of (presumably) the same event that disagree on a date, a
 * time, a number, a place or the participants. Pure extraction + comparison; whether the two
 * texts describe the same event is the caller's (or the pair model's) business.
 *
 * Dates understand Arabic and English weekdays, Levantine (آذار، نيسان…), Egyptian/Gulf
 * (مارس، أبريل…) and English month names, Hijri months, numeric d/m/y, years, and relative
 * expressions ("يوم السبت الماضي", "last Saturday", أمس، غداً).
 */
import { normalizeText, tokenize } from "./normalize.ts";
import { defaultEntities, type EntityDictionary } from "./entities.ts";
import { joinSegmented } from "./text.ts";
import { HIJRI_NAMES_EN, MONTH_NAMES_EN, MONTHS, WEEKDAY_NAMES_AR, WEEKDAY_NAMES_EN, WEEKDAY_VALUES_AR } from "../lexicon/calendar.ts";
import { MULTIPLIER_WORDS, NUMBER_WORDS as LEX_NUMBER_WORDS } from "../lexicon/numbers.ts";

export type DetailKind = "date" | "time" | "number" | "place" | "participants";

export interface DetailConflict {
  kind: DetailKind;
  /** What A says (display form). */
  a: string;
  /** What B says (display form). */
  b: string;
  reason: string;
}

const n = (s: string) => normalizeText(s);
const WEEKDAY_EN = WEEKDAY_NAMES_EN;
const MONTH_EN = MONTH_NAMES_EN;
const HIJRI_EN = HIJRI_NAMES_EN;

/** Single-token names → value (weekday 0–6). Normalised without ال. */
const WEEKDAYS = new Map<string, number>([
  ...WEEKDAY_NAMES_AR.map((w, i) => [n(w).replace(/^ال/, ""), WEEKDAY_VALUES_AR[i]] as [string, number]),
  ...WEEKDAY_NAMES_EN.map((w, i) => [w.toLowerCase(), i] as [string, number]),
]);

/** Month names (1–12 Gregorian, 101–112 Hijri; src/lexicon/calendar.ts); multi-token names are matched as phrases. */
const MONTH_PHRASES: Array<[string[], number, boolean]> = [];
for (const m of MONTHS) for (const name of m.names) MONTH_PHRASES.push([tokenize(n(name)), m.value, !!m.ambiguous]);
MONTH_PHRASES.sort((x, y) => y[0].length - x[0].length);
/** Month phrases by their first token (bare of ال), longest first. */
const MONTHS_BY_FIRST = new Map<string, Array<[string[], number, boolean]>>();
for (const m of MONTH_PHRASES) {
  const k = m[0][0].replace(/^ال/, "");
  MONTHS_BY_FIRST.set(k, [...(MONTHS_BY_FIRST.get(k) ?? []), m]);
}

/** Number words and multipliers (src/lexicon/numbers.ts), normalised. */
const NUMBER_WORDS = new Map<string, number>(LEX_NUMBER_WORDS.map(([w, v]) => [n(w), v] as [string, number]));
const MULTIPLIERS = new Map<string, number>(MULTIPLIER_WORDS.map(([w, v]) => [n(w), v] as [string, number]));
/** Words after which a cardinal is a clock hour or a count we do not compare. */
const ORDINAL_HOURS = new Map<string, number>(
  ["الواحده", "الثانيه", "الثالثه", "الرابعه", "الخامسه", "السادسه", "السابعه", "الثامنه", "التاسعه", "العاشره", "الحاديه", "الثانيه عشره"].map(
    (w, i) => [n(w), i + 1] as [string, number],
  ),
);
const PM_WORDS = new Set(["ظهرا", "ظهر", "مساء", "مسا", "عصرا", "عصر", "ليلا", "pm", "p"].map(n));
const AM_WORDS = new Set(["صباحا", "صباح", "فجرا", "فجر", "am", "a"].map(n));

interface DateFact {
  weekday?: number;
  day?: number;
  month?: number;
  year?: number;
  /** -1 yesterday/last, 0 today/this, +1 tomorrow/next. */
  rel?: number;
  text: string;
}
interface NumberFact {
  value: number;
  text: string;
  /** Stem-ish token that follows the number (its unit or counted noun), for alignment. */
  unit: string;
}
export interface Details {
  dates: DateFact[];
  times: Array<{ minutes: number; text: string }>;
  numbers: NumberFact[];
  places: Map<string, string>;
  actors: Map<string, string>;
}

/** Remove one-letter proclitics and ال from a surface token. */
function bare(tok: string): string {
  let t = tok;
  if (/^[وفبل]ال/.test(t) && t.length > 4) t = t.slice(3);
  else if (t.startsWith("لل") && t.length > 3) t = t.slice(2);
  else if (t.startsWith("ال") && t.length > 3) t = t.slice(2);
  else if (/^[وفب]/.test(t) && WEEKDAYS.has(t.slice(1))) t = t.slice(1);
  return t;
}
const hadArticle = (tok: string) => /^(?:[وفبل]?ال|لل)/.test(tok);

const YESTERDAY = new Set(["امس", "البارحه", "yesterday"].map(n));
const TODAY = new Set(["today", "tonight"]);
const TOMORROW = new Set(["غدا", "غد", "tomorrow"].map(n));
const PAST = new Set(["الماضي", "الفايت", "المنصرم", "last", "past"].map(n));
const NEXT = new Set(["المقبل", "القادم", "next", "coming"].map(n));

const clock = (m: number) => `${String(Math.floor(m / 60)).padStart(2, "0")}:${String(m % 60).padStart(2, "0")}`;
const fmtDate = (d: DateFact): string => d.text;

function describeDate(d: Omit<DateFact, "text">): string {
  const parts: string[] = [];
  if (d.rel === -1 && d.weekday === undefined) parts.push("yesterday");
  if (d.rel === 0 && d.weekday === undefined) parts.push("today");
  if (d.rel === 1 && d.weekday === undefined) parts.push("tomorrow");
  if (d.weekday !== undefined) parts.push((d.rel === -1 ? "last " : d.rel === 1 ? "next " : "") + WEEKDAY_EN[d.weekday]);
  if (d.month !== undefined) {
    const m = d.month > 100 ? HIJRI_EN[d.month - 101] : MONTH_EN[d.month - 1];
    parts.push(d.day !== undefined ? `${d.day} ${m}` : m);
  } else if (d.day !== undefined) parts.push(`day ${d.day}`);
  if (d.year !== undefined) parts.push(String(d.year));
  return parts.join(" ");
}

/** Extract dates, times, numbers, places and actors from a text. */
export function extractDetails(text: string, dict: EntityDictionary = defaultEntities): Details {
  const norm = normalizeText(joinSegmented(text))
    .replace(/(\d)[,٬](?=\d{3}\b)/g, "$1") // thousands separators
    .replace(/(\d)[٫](?=\d)/g, "$1.");
  const toks = norm.match(/\d+(?:\.\d+)?|[\p{L}]+|[:/-]/gu) ?? [];
  const used = new Array<boolean>(toks.length).fill(false);
  const dates: DateFact[] = [];
  const times: Array<{ minutes: number; text: string }> = [];
  const numbers: NumberFact[] = [];
  const isNum = (i: number) => i >= 0 && i < toks.length && /^\d+(\.\d+)?$/.test(toks[i]);

  // numeric dates d/m[/y] and ISO y-m-d; clock times h:mm
  for (let i = 0; i + 2 < toks.length; i++) {
    if (isNum(i) && (toks[i + 1] === "/" || toks[i + 1] === "-") && isNum(i + 2)) {
      let a = +toks[i],
        y: number | undefined;
      const b = +toks[i + 2];
      let span = 3;
      if (toks[i + 3] === toks[i + 1] && isNum(i + 4)) {
        y = +toks[i + 4];
        span = 5;
      }
      if (a > 1900 && y !== undefined) {
        // ISO y-m-d
        const year = a;
        a = y;
        y = year;
      }
      if (a >= 1 && a <= 31 && b >= 1 && b <= 12) {
        const d: Omit<DateFact, "text"> = { day: a, month: b, year: y !== undefined ? (y < 100 ? 2000 + y : y) : undefined };
        dates.push({ ...d, text: describeDate(d) });
        for (let k = i; k < i + span; k++) used[k] = true;
      }
    }
    if (isNum(i) && toks[i + 1] === ":" && isNum(i + 2) && +toks[i] < 24 && +toks[i + 2] < 60 && toks[i + 2].length === 2) {
      let h = +toks[i];
      if (PM_WORDS.has(toks[i + 3] ?? "") && h < 12) h += 12;
      times.push({ minutes: h * 60 + +toks[i + 2], text: clock(h * 60 + +toks[i + 2]) });
      used[i] = used[i + 1] = used[i + 2] = true;
    }
  }

  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    const t = toks[i];
    const b = bare(t);
    // weekday (Arabic needs the article or a preceding يوم; اثنين is also "two")
    if (WEEKDAYS.has(b) && (/^[a-z]/.test(b) || hadArticle(t) || bare(toks[i - 1] ?? "") === "يوم")) {
      const d: Omit<DateFact, "text"> = { weekday: WEEKDAYS.get(b)! };
      const prev = toks[i - 1] ?? "",
        next = toks[i + 1] ?? "";
      if (PAST.has(next) || PAST.has(prev)) d.rel = -1;
      else if (NEXT.has(next) || NEXT.has(prev)) d.rel = 1;
      used[i] = true;
      // "Saturday 28 March" / "السبت 28 آذار": attach a following day-month
      const m = matchMonth(toks, i + 2);
      if (isNum(i + 1) && m && +toks[i + 1] <= 31) {
        d.day = +toks[i + 1];
        d.month = m.value;
        for (let k = i + 1; k < i + 2 + m.len; k++) used[k] = true;
        if (isNum(i + 2 + m.len) && +toks[i + 2 + m.len] > 1900) {
          d.year = +toks[i + 2 + m.len];
          used[i + 2 + m.len] = true;
        }
      }
      dates.push({ ...d, text: describeDate(d) });
      continue;
    }
    if (YESTERDAY.has(b) || TOMORROW.has(b) || TODAY.has(t)) {
      const d: Omit<DateFact, "text"> = { rel: YESTERDAY.has(b) ? -1 : TOMORROW.has(b) ? 1 : 0 };
      dates.push({ ...d, text: describeDate(d) });
      used[i] = true;
      continue;
    }
    // day month [year] / month day[, year] / month year
    const m = matchMonth(toks, i);
    if (m) {
      const dayBefore = isNum(i - 1) && !used[i - 1] && +toks[i - 1] >= 1 && +toks[i - 1] <= 31;
      const dayAfter = !dayBefore && isNum(i + m.len) && +toks[i + m.len] >= 1 && +toks[i + m.len] <= 31;
      const yearAfterIdx = dayAfter ? i + m.len + 1 : i + m.len;
      const yearAfter = isNum(yearAfterIdx) && +toks[yearAfterIdx] > 1300 && +toks[yearAfterIdx] < 2200;
      const monthWord = ["شهر", "month"].includes(bare(toks[i - 1] ?? ""));
      if (m.ambiguous && !dayBefore && !dayAfter && !yearAfter && !monthWord) continue;
      const d: Omit<DateFact, "text"> = { month: m.value };
      if (dayBefore) {
        d.day = +toks[i - 1];
        used[i - 1] = true;
      }
      if (dayAfter) {
        d.day = +toks[i + m.len];
        used[i + m.len] = true;
      }
      if (yearAfter) {
        d.year = +toks[yearAfterIdx];
        used[yearAfterIdx] = true;
      }
      for (let k = i; k < i + m.len; k++) used[k] = true;
      dates.push({ ...d, text: describeDate(d) });
      i += m.len - 1;
      continue;
    }
    // clock hour words: الساعة الثانية ظهرا / at 2 pm / 2 p.m.
    if (bare(t) === "ساعه" || t === "at") {
      const h = isNum(i + 1) ? +toks[i + 1] : ORDINAL_HOURS.get(toks[i + 1] ?? "");
      const mer = toks[i + 2] ?? "";
      if (h !== undefined && h >= 0 && h <= 24 && (t !== "at" || PM_WORDS.has(mer) || AM_WORDS.has(mer))) {
        const hh = PM_WORDS.has(mer) && h < 12 ? h + 12 : h;
        times.push({ minutes: hh * 60, text: clock(hh * 60) });
        used[i + 1] = true;
        if (PM_WORDS.has(mer) || AM_WORDS.has(mer)) used[i + 2] = true;
        continue;
      }
    }
    if (isNum(i) && (PM_WORDS.has(toks[i + 1] ?? "") || AM_WORDS.has(toks[i + 1] ?? "")) && +toks[i] <= 12 && toks[i + 1] !== "a") {
      const h = +toks[i] + (PM_WORDS.has(toks[i + 1]) && +toks[i] < 12 ? 12 : 0);
      times.push({ minutes: h * 60, text: clock(h * 60) });
      used[i] = used[i + 1] = true;
      continue;
    }
  }

  // years (standalone 4-digit 1900–2100 after عام/سنة/in/since or alone)
  for (let i = 0; i < toks.length; i++) {
    if (used[i] || !isNum(i)) continue;
    const v = +toks[i];
    if (/^\d{4}$/.test(toks[i]) && v >= 1900 && v <= 2100) {
      const d = { year: v };
      dates.push({ ...d, text: String(v) });
      used[i] = true;
    }
  }

  // counts and quantities
  for (let i = 0; i < toks.length; i++) {
    if (used[i]) continue;
    let value: number | undefined;
    let j = i + 1;
    if (isNum(i)) value = +toks[i];
    else {
      const w = bare(toks[i]);
      const wv = NUMBER_WORDS.get(w) ?? NUMBER_WORDS.get(toks[i]);
      if (wv !== undefined && !(w === "اثنين" && hadArticle(toks[i]))) {
        value = wv;
        // "خمسة وعشرون" / "twenty five"
        const nx = toks[i + 1] ?? "";
        const nxv = NUMBER_WORDS.get(nx.startsWith("و") ? nx.slice(1) : nx);
        if (nxv !== undefined && ((nxv >= 20 && nxv <= 90 && wv < 10) || (wv >= 20 && wv <= 90 && nxv < 10))) {
          value = wv + nxv;
          j++;
        }
      }
    }
    if (value === undefined) continue;
    const mul = MULTIPLIERS.get(toks[j] ?? "");
    if (mul !== undefined && !(mul === 1e6 && toks[j] === "m" && !isNum(i))) {
      value *= mul;
      j++;
    }
    const pct = toks[j] === "percent" || bare(toks[j] ?? "") === "بالميه" || toks[j] === "بالمئه" || bare(toks[j] ?? "") === "بالمايه";
    numbers.push({ value, text: value.toLocaleString("en-US") + (pct ? "%" : ""), unit: bare(toks[j] ?? "").slice(0, 4) });
    for (let k = i; k < j; k++) used[k] = true;
    i = j - 1;
  }

  const places = new Map<string, string>();
  const actors = new Map<string, string>();
  for (const m of dict.resolve(text)) (m.kind === "place" ? places : actors).set(m.id, m.label);
  return { dates, times, numbers, places, actors };
}

function matchMonth(toks: string[], i: number): { value: number; len: number; ambiguous: boolean } | undefined {
  if (i < 0 || i >= toks.length) return undefined;
  const cands = MONTHS_BY_FIRST.get(bareMonth(toks[i]).replace(/^ال/, ""));
  if (!cands) return undefined;
  for (const [phrase, value, ambiguous] of cands) {
    if (i + phrase.length > toks.length) continue;
    let ok = true;
    for (let k = 0; k < phrase.length; k++) {
      const tok = k === 0 ? bareMonth(toks[i]) : toks[i + k];
      if (tok !== phrase[k] && !(k > 0 && bareMonth(toks[i + k]) === bareMonth(phrase[k]))) {
        ok = false;
        break;
      }
    }
    if (ok) return { value, len: phrase.length, ambiguous };
  }
  return undefined;
}
const bareMonth = (t: string) => (/^[وفبل]?ال/.test(t) && t.length > 4 ? t.replace(/^[وفبل]?ال/, "") : t);

/** Countries are containers of everything else; they never conflict with a city. */
export const CONTAINER_PLACES = new Set(["syria", "iraq", "turkey", "russia", "iran", "usa"]);

/**
 * Detail conflicts between two accounts. Empty when nothing comparable disagrees; each entry
 * names what A and B say and carries a sentence for the analyst.
 */
export function compareDetails(a: string, b: string, dict: EntityDictionary = defaultEntities): DetailConflict[] {
  return compareExtracted(extractDetails(a, dict), extractDetails(b, dict));
}

export function compareExtracted(da: Details, db: Details): DetailConflict[] {
  const out: DetailConflict[] = [];

  // dates: compare the first "event" date on each side field by field
  if (da.dates.length && db.dates.length) {
    const conflict = dateConflict(da.dates, db.dates);
    if (conflict) out.push({ kind: "date", a: conflict[0], b: conflict[1], reason: `dates differ: ${conflict[0]} vs ${conflict[1]}` });
  }
  if (da.times.length && db.times.length) {
    const sa = new Set(da.times.map((t) => t.minutes));
    const onlyA = da.times.filter((t) => !db.times.some((u) => Math.abs(u.minutes - t.minutes) < 30));
    const onlyB = db.times.filter((t) => ![...sa].some((m) => Math.abs(m - t.minutes) < 30));
    if (onlyA.length && onlyB.length)
      out.push({ kind: "time", a: onlyA[0].text, b: onlyB[0].text, reason: `times differ: ${onlyA[0].text} vs ${onlyB[0].text}` });
  }
  if (da.numbers.length && db.numbers.length) {
    const va = new Set(da.numbers.map((x) => x.value));
    const vb = new Set(db.numbers.map((x) => x.value));
    const onlyA = da.numbers.filter((x) => !vb.has(x.value));
    const onlyB = db.numbers.filter((x) => !va.has(x.value));
    if (onlyA.length && onlyB.length) {
      // prefer a pair counting the same thing (same following word)
      let pa = onlyA[0],
        pb = onlyB[0];
      outer: for (const x of onlyA)
        for (const y of onlyB)
          if (x.unit && x.unit === y.unit) {
            pa = x;
            pb = y;
            break outer;
          }
      out.push({ kind: "number", a: pa.text, b: pb.text, reason: `numbers differ: ${pa.text} vs ${pb.text}` });
    }
  }
  const setDiff = (x: Map<string, string>, y: Map<string, string>, skip?: Set<string>) =>
    [...x.entries()].filter(([id]) => !y.has(id) && !skip?.has(id)).map(([, label]) => label);
  {
    const onlyA = setDiff(da.places, db.places, CONTAINER_PLACES);
    const onlyB = setDiff(db.places, da.places, CONTAINER_PLACES);
    if (onlyA.length && onlyB.length)
      out.push({ kind: "place", a: onlyA.join(", "), b: onlyB.join(", "), reason: `places differ: ${onlyA.join(", ")} vs ${onlyB.join(", ")}` });
    else if (!onlyA.length && !onlyB.length) {
      const ca = setDiff(da.places, db.places),
        cb = setDiff(db.places, da.places);
      if (
        ca.length &&
        cb.length &&
        [...da.places.keys()].every((k) => CONTAINER_PLACES.has(k)) &&
        [...db.places.keys()].every((k) => CONTAINER_PLACES.has(k)) &&
        da.places.size === 1 &&
        db.places.size === 1
      )
        out.push({ kind: "place", a: ca.join(", "), b: cb.join(", "), reason: `places differ: ${ca.join(", ")} vs ${cb.join(", ")}` });
    }
  }
  {
    const onlyA = setDiff(da.actors, db.actors);
    const onlyB = setDiff(db.actors, da.actors);
    if (onlyA.length && onlyB.length && (da.actors.size > onlyA.length || db.actors.size > onlyB.length || (da.actors.size === 1 && db.actors.size === 1)))
      out.push({ kind: "participants", a: onlyA.join(", "), b: onlyB.join(", "), reason: `participants differ: ${onlyA.join(", ")} vs ${onlyB.join(", ")}` });
  }
  return out;
}

function dateConflict(as: DateFact[], bs: DateFact[]): [string, string] | undefined {
  // Any pair that is compatible means no conflict (texts often carry several dates).
  let first: [string, string] | undefined;
  for (const x of as) {
    for (const y of bs) {
      const c = dateDiffers(x, y);
      if (c === false) return undefined;
      if (c === true && !first) first = [fmtDate(x), fmtDate(y)];
    }
  }
  return first;
}

/** true: incompatible; false: compatible (something matches); undefined: not comparable. */
function dateDiffers(x: DateFact, y: DateFact): boolean | undefined {
  let compared = false;
  if (x.year !== undefined && y.year !== undefined) {
    if (x.year !== y.year && (x.month === undefined) === (y.month === undefined)) return true;
    compared = true;
  }
  const hx = x.month !== undefined && x.month > 100,
    hy = y.month !== undefined && y.month > 100;
  if (x.month !== undefined && y.month !== undefined && hx === hy) {
    if (x.month !== y.month) return true;
    if (x.day !== undefined && y.day !== undefined && x.day !== y.day) return true;
    compared = true;
  }
  if (x.weekday !== undefined && y.weekday !== undefined) {
    if (x.weekday !== y.weekday) return true;
    if (x.rel !== undefined && y.rel !== undefined && x.rel !== y.rel) return true;
    compared = true;
  }
  // weekday vs calendar date: consistent only if the calendar says so (needs a year)
  const wd = x.weekday !== undefined && x.month === undefined ? x : y.weekday !== undefined && y.month === undefined ? y : undefined;
  const cal = wd === x ? y : x;
  if (wd && cal !== wd && cal.day !== undefined && cal.month !== undefined && cal.month <= 12 && cal.weekday === undefined) {
    if (cal.year !== undefined) return new Date(Date.UTC(cal.year, cal.month - 1, cal.day)).getUTCDay() !== wd.weekday;
    return true;
  }
  if (x.rel !== undefined && y.rel !== undefined && x.weekday === undefined && y.weekday === undefined) return x.rel !== y.rel;
  return compared ? false : undefined;
}
