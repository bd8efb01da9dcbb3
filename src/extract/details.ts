/**
 * Checkable details in a sentence: dates and times, places, numbers, people.
 * Returned as surface strings (dates, numbers, people) or canonical gazetteer names / surface
 * "منطقة X" phrases (places), in text order, de-duplicated. Deterministic and dictionary-driven.
 */
import { type Tok, tokenizeWithOffsets, withoutConj } from "./tokens.ts";
import { resolveDate } from "./dates.ts";
import {
  GAZ,
  PLACES,
  MONTHS_AR,
  NAME_LIST_TRIGGERS,
  NAME_STOP,
  NUMBER_WORDS_AR,
  NUMBER_WORDS_EN,
  PLACE_TRIGGERS,
  PLACE_TRIGGERS_EN,
  ROLE_NOUNS,
  TITLES,
  WEEKDAYS_AR,
  GAZ_ALL_KEYS,
  GAZ_FIRST_KEYS,
  GAZ_SINGLE_KEYS,
} from "./gazetteer.ts";

export interface Details {
  dates: string[];
  places: string[];
  numbers: string[];
  people: string[];
  /** Only with a publication date: the calendar day each date expression resolves to. */
  resolvedDates?: Array<{ text: string; date: string }>;
}

export interface FoundSpan {
  text: string;
  start: number;
  end: number;
  role?: string;
}

// ---------------------------------------------------------------- Arabic regex helpers
const MARKS = "[\\u064B-\\u0652\\u0670\\u0640]*";
/** A regex source matching an Arabic word with optional diacritics and hamza/ya/ta variants. */
function ar(word: string): string {
  let out = "";
  const chars = [...word];
  chars.forEach((c, i) => {
    const last = i === chars.length - 1;
    if ("اأإآ".includes(c)) out += "[اأإآ]";
    else if ((c === "ة" || c === "ه") && last) out += "[ةه]";
    else if ((c === "ى" || c === "ي") && last) out += "[ىي]";
    else if (c === " ") out += "\\s+";
    else if (c === "/") out += "\\s*/\\s*";
    else out += c.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    if (c !== " " && c !== "/") out += MARKS;
  });
  return out;
}
const alt = (words: string[]) =>
  `(?:${words
    .map(ar)
    .sort((a, b) => b.length - a.length)
    .join("|")})`;

const B = "(?<![\\p{L}\\p{M}])"; // word start
const E = "(?![\\p{L}\\p{M}])"; // word end
const DIG = "[0-9\\u0660-\\u0669\\u06F0-\\u06F9]";
const WEEKDAY = alt(WEEKDAYS_AR);
const MONTH = alt(MONTHS_AR);
const DAYNUM = `${DIG}{1,2}`;
const YEAR = `${DIG}{4}`;
const TIME_OF_DAY = alt(["اليوم", "أمس", "غدا", "مساء", "صباح", "ظهر", "فجر", "ليلة", "ليل", "عصر", "ظهيرة", "منتصف ليل"]);
const REL = alt(["الماضي", "المقبل", "القادم", "الفائت", "المنصرم"]);
const HOUR_WORD = alt([
  "الواحدة",
  "الثانية",
  "الثالثة",
  "الرابعة",
  "الخامسة",
  "السادسة",
  "السابعة",
  "الثامنة",
  "التاسعة",
  "العاشرة",
  "الحادية عشرة",
  "الثانية عشرة",
]);
const DAYPART = alt(["ظهرا", "ظهراً", "صباحا", "مساء", "ليلا", "فجرا", "عصرا", "بعد الظهر", "بعد منتصف الليل", "بتوقيت دمشق", "بالتوقيت المحلي"]);

const DATE_PATTERNS_AR: RegExp[] = [
  // اليوم الخميس 28 آذار/ مارس 2024 — يوم السبت الماضي — مساء الأحد
  new RegExp(
    `${B}(?:${TIME_OF_DAY}\\s+){0,2}(?:${ar("يوم")}\\s+)?${WEEKDAY}(?:\\s+${REL})?(?:\\s*[،,]?\\s*${DAYNUM}\\s+${MONTH}(?:\\s*/\\s*${MONTH})?(?:\\s+(?:${ar("عام")}\\s+)?${YEAR})?)?${E}`,
    "gu",
  ),
  new RegExp(`${B}${DAYNUM}\\s+${MONTH}(?:\\s*/\\s*${MONTH})?(?:\\s+(?:${ar("عام")}\\s+)?${YEAR})?${E}`, "gu"),
  new RegExp(`${B}${MONTH}(?:\\s*/\\s*${MONTH})?\\s+${YEAR}${E}`, "gu"),
  new RegExp(
    `${B}${ar("الساعة")}\\s+(?:${HOUR_WORD}|${DIG}{1,2}(?::${DIG}{2})?)(?:\\s+${ar("و")}?(?:${ar("النصف")}|${ar("الربع")}))?(?:\\s+(?:${ar("من")}\\s+)?${DAYPART})?${E}`,
    "gu",
  ),
  new RegExp(
    `${B}(?:${ar("قبل")}|${ar("منذ")})\\s+(?:${alt(["أيام", "يومين", "أسبوع", "أسبوعين", "شهر", "شهرين", "أشهر", "ساعات", "ساعتين", "سنوات", "عامين"])}|${DIG}+\\s+${alt(["أيام", "ساعات", "أشهر", "أسابيع", "سنوات", "يوما"])})${E}`,
    "gu",
  ),
  new RegExp(`${B}${alt(["الأسبوع", "الشهر", "العام", "الأحد"])}\\s+${alt(["الماضي", "المقبل", "الجاري", "الحالي"])}${E}`, "gu"),
  new RegExp(`${B}${ar("عام")}\\s+${YEAR}${E}`, "gu"),
];

const EN_MONTH = "(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan\\.|Feb\\.|Aug\\.|Sept?\\.|Oct\\.|Nov\\.|Dec\\.)";
const EN_DAY = "(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)";
const DATE_PATTERNS_EN: RegExp[] = [
  new RegExp(`\\b(?:(?:last|next|on|this|late on|early on|late|early)\\s+)?${EN_DAY}(?:\\s+(?:morning|afternoon|evening|night))?\\b`, "g"),
  new RegExp(`\\b${EN_MONTH}\\s+\\d{1,2}(?:,?\\s+\\d{4})?\\b`, "g"),
  new RegExp(`\\b\\d{1,2}\\s+${EN_MONTH}(?:\\s+\\d{4})?\\b`, "g"),
  new RegExp(`\\b\\d{1,2}(?::\\d{2})?\\s*(?:a\\.m\\.|p\\.m\\.|am\\b|pm\\b|GMT\\b)`, "g"),
  /\b(?:yesterday|today|tomorrow|last (?:week|month|year|night)|earlier this (?:week|month|year))\b/g,
  /\b(?:in|since) (?:19|20)\d{2}\b/g,
];

function collect(text: string, from: number, to: number, patterns: RegExp[]): FoundSpan[] {
  const seg = text.slice(from, to);
  const found: FoundSpan[] = [];
  for (const re of patterns) {
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(seg))) {
      if (!m[0].trim()) {
        re.lastIndex++;
        continue;
      }
      found.push({ text: m[0].trim(), start: from + m.index, end: from + m.index + m[0].length });
    }
  }
  return dropContained(found);
}

function dropContained(spans: FoundSpan[]): FoundSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: FoundSpan[] = [];
  for (const s of sorted) {
    if (out.some((o) => o.start <= s.start && o.end >= s.end)) continue;
    out.push(s);
  }
  return out;
}

/** Date and time expressions in [from, to). */
export function detectDates(text: string, from = 0, to = text.length): FoundSpan[] {
  return collect(text, from, to, [...DATE_PATTERNS_AR, ...DATE_PATTERNS_EN]);
}

// ---------------------------------------------------------------- people
function isNameLike(t: Tok | undefined, allowArticle = false): boolean {
  if (!t || t.kind !== "word") return false;
  if (t.arabic) {
    if (t.norm.length < 2) return false;
    if (NAME_STOP.has(t.norm) || TITLES.has(t.norm) || TITLES.has(withoutConj(t.norm))) return false;
    if (NUMBER_WORDS_AR.has(t.norm)) return false;
    if (t.article && !(allowArticle && /^ال/.test(t.norm))) return false;
    return true;
  }
  return t.cap && !EN_NOT_NAME.has(t.norm);
}
const EN_NOT_NAME = new Set(
  "the a an in on at of for and but said says told according reuters afp ap monday tuesday wednesday thursday friday saturday sunday january february march april may june july august september october november december iraq iraqi syria syrian kurdish u.s us".split(
    " ",
  ),
);
const NAME_JOINERS = new Set(["عبد", "ابو", "ابن", "بن", "ال", "ام", "ابي"]);

/** Read a run of name tokens starting at i; returns [endIndexExclusive] or i when none. */
function readName(toks: Tok[], i: number): number {
  let j = i;
  let count = 0;
  while (j < toks.length && count < 4) {
    const t = toks[j];
    const prev = toks[j - 1];
    const afterJoiner = j > i && prev && NAME_JOINERS.has(prev.norm);
    // family names with the article after a two-part name: "بندر حميدي الدهام الجربا"
    const nisba =
      count >= 2 && t.arabic && t.article && t.norm.startsWith("ال") && !ROLE_NOUNS.has(t.norm) && !GAZ_SINGLE_KEYS.has(t.key) && !t.norm.endsWith("ه");
    // "أحمد الحسن إن …": a family name with the article closes a name
    const nx = toks[j + 1];
    const closing =
      count >= 1 &&
      t.arabic &&
      t.article &&
      t.norm.startsWith("ال") &&
      !ROLE_NOUNS.has(t.norm) &&
      !GAZ_SINGLE_KEYS.has(t.key) &&
      (!nx || nx.kind !== "word" || NAME_STOP.has(nx.norm) || NAME_STOP.has(withoutConj(nx.norm)));
    if (!isNameLike(t, afterJoiner || nisba || closing)) break;
    if (t.arabic && j > i && /^[وف]/.test(t.raw) && !afterJoiner && count > 0 && withoutConj(t.norm) !== t.norm && !GAZ_SINGLE_KEYS.has(t.key)) {
      break; // "… صالح ومساعده": a و-prefixed word ends the name
    }
    j++;
    count++;
  }
  // a trailing joiner ("أبو") without its complement is not a name
  if (j > i && NAME_JOINERS.has(toks[j - 1].norm)) j--;
  return j;
}

/** Person names introduced by a title (القيادي X، رئيس … X، ومساعده Y) or a list (وهما X و Y). */
export function detectPeople(text: string, toks: Tok[]): FoundSpan[] {
  const out: FoundSpan[] = [];
  const add = (a: number, b: number, role?: string) => {
    if (b <= a) return;
    const start = toks[a].start;
    const end = toks[b - 1].end;
    if (out.some((o) => o.start === start)) return;
    out.push({ text: text.slice(start, end), start, end, role });
  };
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== "word") continue;
    const base = withoutConj(t.norm);
    if (t.arabic && (TITLES.has(t.norm) || TITLES.has(base))) {
      // skip the role description: "القائد العام لقوات الجزيرة العراقية" …
      let j = i + 1;
      let skipped = 0;
      while (j < toks.length && skipped < 9) {
        const u = toks[j];
        if (u.kind === "quote" || u.raw === "(" || u.raw === ")") {
          j++;
          continue;
        }
        if (u.kind !== "word") break;
        const roleLike =
          u.article ||
          (/^(?:لل|ل|ب)/.test(u.norm) && u.norm.length > 3) ||
          ROLE_NOUNS.has(u.norm) ||
          GAZ_SINGLE_KEYS.has(u.key) ||
          (skipped > 0 && (ROLE_NOUNS.has(toks[j - 1]?.norm ?? "") || toks[j - 1]?.norm === "ل"));
        const afterOf = toks[j - 1] && (toks[j - 1].norm === "باسم" || toks[j - 1].norm === "ل" || toks[j - 1].norm === "لل") && j - 1 > i;
        if (
          u.norm === "في" &&
          toks[j + 1]?.kind === "word" &&
          (toks[j + 1].article || ROLE_NOUNS.has(toks[j + 1].norm) || (skipped >= 1 && GAZ_FIRST_KEYS.has(toks[j + 1].key)))
        ) {
          j++; // "القيادي في الجيش الوطني أبو محمد الحلبي"
          skipped++;
          // "رئيس المجلس المحلي في تل أبيض أحمد الحسن": skip the whole place name
          const place = GAZ.filter((g) => g.keys.every((k, x) => toks[j + x]?.key === k)).sort((a, b) => b.keys.length - a.keys.length)[0];
          if (place && !toks[j].article) {
            j += place.keys.length;
            skipped += place.keys.length;
          }
          continue;
        }
        if (/^(?:عنها|عنه|عنهم)$/.test(u.norm)) {
          j++; // "المسؤول عنها بندر …": the name follows the pronoun
          skipped++;
          break;
        }
        if (u.norm === "ل" || u.norm === "لل" || u.norm === "باسم" || afterOf) {
          j++;
          skipped++;
          continue;
        }
        if (!roleLike || (isNameLike(u) && skipped > 0 && !ROLE_NOUNS.has(u.norm) && !GAZ_SINGLE_KEYS.has(u.key) && !/^(?:ل|ب)/.test(u.norm))) break;
        j++;
        skipped++;
      }
      // "رئيس المركز …، مصطفى بالي،" — the name may follow a comma
      let k = j;
      if (toks[k] && /^[،,]$/.test(toks[k].raw) && skipped > 0) k++;
      const e = readName(toks, k);
      if (e > k && (e - k >= 2 || toks[k].arabic)) {
        const role = text.slice(t.start, toks[Math.max(i, k - 1)].end).replace(/[،,\s]+$/, "");
        add(k, e, skipped > 0 || k > i + 1 ? role : t.raw);
        i = e - 1;
      }
      continue;
    }
    if (t.arabic && NAME_LIST_TRIGGERS.has(t.norm)) {
      let k = i + 1;
      for (let guard = 0; guard < 6 && k < toks.length; guard++) {
        const e = readName(toks, k);
        if (e <= k) break;
        add(k, e);
        k = e;
        // "… و أنكيزك خليل" / "…، X"
        if (toks[k] && (toks[k].norm === "و" || /^[،,]$/.test(toks[k].raw))) k++;
        else if (toks[k] && toks[k].raw.startsWith("و") && isNameLike({ ...toks[k], norm: withoutConj(toks[k].norm) })) {
          const e2 = readNameConj(toks, k);
          if (e2 > k) {
            out.push({ text: text.slice(toks[k].start + 1, toks[e2 - 1].end), start: toks[k].start + 1, end: toks[e2 - 1].end });
            k = e2;
          } else break;
        } else break;
      }
      continue;
    }
    // English: Title + Capitalised run (President X Y, spokesman X Y, Dr. X Y)
    if (!t.arabic && EN_TITLES.has(t.norm)) {
      let k = i + 1;
      if (toks[k]?.raw === ".") k++;
      const e = readName(toks, k);
      if (e - k >= 1 && toks[k].cap) {
        add(k, e, t.raw);
        i = e - 1;
      }
    }
  }
  return out.sort((a, b) => a.start - b.start);
}

function readNameConj(toks: Tok[], k: number): number {
  const first = { ...toks[k], norm: withoutConj(toks[k].norm) };
  if (!isNameLike(first)) return k;
  return Math.max(k + 1, readName(toks, k + 1));
}

const EN_TITLES = new Set(
  "mr mrs ms dr president minister spokesman spokeswoman spokesperson commander general gen colonel col major maj sheikh brigadier lieutenant lt chief envoy ambassador governor head leader director chairman adviser advisor deputy secretary mayor senator analyst researcher member".split(
    " ",
  ),
);

// ---------------------------------------------------------------- places
/** Places: gazetteer names (canonical) and "منطقة/مدينة/قاعدة/معبر/ريف X" phrases (surface). */
export function detectPlaces(text: string, toks: Tok[], exclude: FoundSpan[] = []): FoundSpan[] {
  const out: FoundSpan[] = [];
  const inExcluded = (s: number, e: number) => exclude.some((x) => s >= x.start && e <= x.end);
  const wordIdx = toks.map((_, i) => i).filter((i) => toks[i].kind === "word");
  // gazetteer
  for (let w = 0; w < wordIdx.length; w++) {
    for (const g of GAZ_BY_FIRST.get(toks[wordIdx[w]].key) ?? []) {
      let ok = true;
      for (let k = 0; k < g.keys.length; k++) {
        const t = toks[wordIdx[w + k]];
        if (!t || t.key !== g.keys[k]) {
          ok = false;
          break;
        }
      }
      if (!ok) continue;
      const a = toks[wordIdx[w]];
      const b = toks[wordIdx[w + g.keys.length - 1]];
      // "قوات سوريا الديمقراطية", "الجيش العراقي": a country name inside an organisation name is not a place
      const prev = toks[wordIdx[w - 1]];
      if (prev && ORG_HEADS.has(withoutConj(prev.key)) && g.keys.length === 1) break;
      // Arabic hits report the canonical Arabic name; Latin hits the row's first Latin spelling
      const label = a.arabic ? g.canonical : (PLACES.find((r) => r[0] === g.canonical)?.find((v) => /^[\x20-\x7E]+$/.test(v)) ?? text.slice(a.start, b.end));
      if (!inExcluded(a.start, b.end)) out.push({ text: label, start: a.start, end: b.end });
      w += g.keys.length - 1;
      break;
    }
  }
  // trigger phrases (Arabic): the trigger must not carry the article ("المنطقة الحدودية" is generic)
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    if (t.kind !== "word" || !t.arabic) continue;
    if (!PLACE_TRIGGERS.has(t.key) || t.article) continue;
    let j = i + 1;
    let taken = 0;
    let bare = 0;
    while (j < toks.length && taken < 4) {
      const u = toks[j];
      if (u.kind !== "word" || !u.arabic) break;
      if (NAME_STOP.has(u.norm)) break;
      const trig = PLACE_TRIGGERS.has(u.key) && !u.article;
      if (trig && u.norm !== u.key) break; // "بريف" starts a new place
      const article = u.article;
      const gaz = GAZ_ALL_KEYS.has(u.key);
      if (taken > 0 && /^[وف]ال/.test(u.raw)) break; // "إقليم الجزيرة والحدود …"
      if (bare > 0 && article && !gaz) break; // "قاعدة ألايف ستون المخصصة …"
      if (!article && !gaz && !trig) {
        if (bare >= 2 || (taken > 0 && toks[j - 1].article)) break;
        if (/^[وف]/.test(u.norm) && taken > 0) break;
        bare++;
      }
      j++;
      taken++;
    }
    if (taken === 0) continue;
    const a = t.norm === t.key ? t.start : t.start + prefixOffset(t.raw, t.norm.length - t.key.length);
    const b = toks[j - 1].end;
    if (inExcluded(a, b)) continue;
    out.push({ text: text.slice(a, b), start: a, end: b });
    i = j - 1;
  }
  // English trigger phrases: "al-Walid crossing", "Conoco base"
  for (let i = 1; i < toks.length; i++) {
    const t = toks[i];
    if (t.arabic || t.kind !== "word" || !PLACE_TRIGGERS_EN.has(t.norm)) continue;
    let k = i;
    while (k > 0 && toks[k - 1].cap && i - k < 3) k--;
    if (k < i) out.push({ text: text.slice(toks[k].start, t.end), start: toks[k].start, end: t.end });
  }
  return dropContainedKeepGaz(out);
}

/** Offset in `raw` after its first `letters` letters (marks and tatweel skipped): "بريف" → 1. */
function prefixOffset(raw: string, letters: number): number {
  let i = 0;
  let seen = 0;
  while (i < raw.length && seen < letters) {
    if (!/[\u064B-\u0652\u0670\u0640]/.test(raw[i])) seen++;
    i++;
  }
  while (i < raw.length && /[\u064B-\u0652\u0670\u0640]/.test(raw[i])) i++;
  return i;
}

function dropContainedKeepGaz(spans: FoundSpan[]): FoundSpan[] {
  // keep gazetteer names even inside a longer phrase ("ريف مدينة الحسكة" and "الحسكة")
  const seen = new Set<string>();
  const out: FoundSpan[] = [];
  for (const s of [...spans].sort((a, b) => a.start - b.start || b.end - a.end)) {
    if (seen.has(s.text)) continue;
    seen.add(s.text);
    out.push(s);
  }
  return out;
}

/** Gazetteer variants indexed by their first key (longest first). */
const GAZ_BY_FIRST = new Map<string, typeof GAZ>();
for (const g of GAZ) {
  const list = GAZ_BY_FIRST.get(g.keys[0]) ?? [];
  list.push(g);
  GAZ_BY_FIRST.set(g.keys[0], list);
}

const ORG_HEADS = new Set(["قوات", "جيش", "حكومه", "وزاره", "جبهه", "حزب", "وكاله", "دوله", "جمهوريه", "منظمه", "army", "forces", "government"]);

// ---------------------------------------------------------------- numbers
export function detectNumbers(text: string, toks: Tok[], exclude: FoundSpan[] = []): FoundSpan[] {
  const out: FoundSpan[] = [];
  for (let i = 0; i < toks.length; i++) {
    const t = toks[i];
    const isNum = t.kind === "num" || (t.kind === "word" && (t.arabic ? NUMBER_WORDS_AR.has(withoutConj(t.norm)) : NUMBER_WORDS_EN.has(t.norm)));
    if (!isNum) continue;
    if (exclude.some((x) => t.start >= x.start && t.end <= x.end)) continue;
    let end = t.end;
    const nx = toks[i + 1];
    if (nx && nx.kind === "word" && !NAME_STOP.has(nx.norm) && !(nx.arabic === false && /^(?:of|the|and|in|on|at|to)$/.test(nx.norm))) {
      end = nx.end;
      i++;
    } else if (nx && !nx.arabic && nx.norm === "of" && toks[i + 2]?.kind === "word") {
      end = toks[i + 2].end; // "dozens of fighters"
      i += 2;
    }
    out.push({ text: text.slice(t.start, end), start: t.start, end });
  }
  return out;
}

const uniq = (xs: string[]) => [...new Set(xs.map((x) => x.replace(/\s+/g, " ").trim()).filter(Boolean))];

/**
 * All details in text[from, to). `extraPeople` adds names found elsewhere (the speaker);
 * `knownNames` are people already found in the document: their later mentions without a title
 * ("وخرج جيا كوباني من …") count as people, and never as places (كوباني).
 */
export function detectDetails(text: string, from: number, to: number, extraPeople: string[] = [], knownNames: string[] = [], publishedAt?: string): Details {
  const toks = tokenizeWithOffsets(text, from, to);
  const dates = detectDates(text, from, to);
  const people = detectPeople(text, toks);
  const seg = text.slice(from, to);
  for (const name of knownNames) {
    let at = seg.indexOf(name);
    while (at >= 0) {
      const start = from + at;
      if (!people.some((p) => p.start <= start && p.end >= start + name.length)) people.push({ text: name, start, end: start + name.length });
      at = seg.indexOf(name, at + name.length);
    }
  }
  people.sort((a, b) => a.start - b.start);
  const places = detectPlaces(text, toks, people);
  const numbers = detectNumbers(text, toks, dates);
  const out: Details = {
    dates: uniq(dates.map((d) => d.text)),
    places: uniq(places.map((p) => p.text)),
    numbers: uniq(numbers.map((n) => n.text)),
    people: uniq([...people.map((p) => p.text), ...extraPeople]),
  };
  if (publishedAt) {
    out.resolvedDates = out.dates.flatMap((d) => {
      const date = resolveDate(d, publishedAt);
      return date ? [{ text: d, date }] : [];
    });
  }
  return out;
}
