/**
 * One event, two accounts. Paraphrased reports of the same event rarely share their wording
 * ("عملية تبادل للأسرى" / "صفقة تبادل محتجزين" / "prisoner swap"), so the pair model, trained on
 * wording, often reads them as unrelated — and then a mismatch in their dates or numbers goes
 * unflagged. This module recognises that two claims report the same *kind* of event about the
 * same place or parties, by event concepts (the bilingual lexicon of event nouns and their
 * synonyms in lexicon.ts, beside the concept keys of matching), shared places and actors; and then compares their details: dates (also the claims'
 * recorded event dates), and numbers that count the same thing (45 «معتقلاً» vs 12 «محتجزاً»).
 *
 * Pure: no I/O. The caller decides what to do with a mismatch (the engine suggests a
 * "conflict" link for an analyst to confirm; it never opens a conflict by itself).
 */
import { CONTAINER_PLACES, compareDetails, extractDetails, type DetailConflict } from "./details.ts";
import { defaultEntities, type EntityDictionary } from "./entities.ts";
import { keyTokens } from "./normalize.ts";
import { EVENT_CONCEPTS, EVENT_SYNONYMS, eventConceptsOf as conceptsOf } from "./lexicon.ts";

/**
 * Synonyms of the event concepts a text names (empty when it names no event): appended to a
 * search so that "12 محتجزاً أُفرج عنهم" finds "الإفراج عن 45 معتقلاً".
 */
export function eventSynonyms(text: string): string {
  const cs = conceptsOf(text);
  if (![...cs].some((c) => EVENT.has(c))) return "";
  return [...cs]
    .map((c) => EVENT_SYNONYMS[c] ?? "")
    .filter(Boolean)
    .join(" ");
}

export interface EventComparison {
  /** Shared event concepts (at least one names an event). */
  concepts: string[];
  /** Places and actors both mention. */
  shared: string[];
  details: DetailConflict[];
}

const EVENT = new Set(EVENT_CONCEPTS.filter(([, e]) => e).map(([c]) => c));
const COUNTED = new Map<string, string>();
for (const [concept, , stems] of EVENT_CONCEPTS) for (const s of stems) if (!s.includes(" ")) COUNTED.set(s, concept);

/** The concept a number's unit (the stem after it) counts, if any. */
function unitConcept(unit: string): string | undefined {
  if (!unit) return undefined;
  for (const [stem, concept] of COUNTED) if (unit.startsWith(stem.slice(0, 4)) || stem.startsWith(unit)) return concept;
  return undefined;
}

/** Concepts a text counts as none: "no families", "not a single civilian", «لم … أي عائلة». */
function zeroCounts(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.matchAll(/\b(?:no|zero|not a single|not one|none of the)\s+([a-z]+)(?:\s+([a-z]+))?/gi)) {
    const c = [m[1], m[2]].map((w) => (w ? unitConcept(w.toLowerCase().slice(0, 4)) : undefined)).find(Boolean);
    if (c) out.add(c);
  }
  if (/(?:^|\s)(?:لم|لا|ما|ولم|ولا)\s/.test(text)) {
    for (const m of text.matchAll(/(?:^|\s)(?:أي|اي|أيّ)\s+(\S+)/g)) {
      const key = keyTokens(m[1])[0];
      const c = key ? unitConcept(key.slice(0, 4)) : undefined;
      if (c) out.add(c);
    }
  }
  return out;
}

export interface EventSide {
  text: string;
  /** The recorded event date (YYYY-MM-DD), when there is one. */
  eventDate?: string | null;
}

const fmt = (iso: string) => {
  const d = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });
};

/**
 * Whether two claims report the same event, and where their details disagree. Same event:
 * they share an event concept and, besides it, a second concept or a place or actor. Returns
 * undefined when they do not look like one event, or when no detail disagrees.
 */
export function compareEvents(a: EventSide, b: EventSide, dict: EntityDictionary = defaultEntities): EventComparison | undefined {
  const ca = conceptsOf(a.text),
    cb = conceptsOf(b.text);
  const concepts = [...ca].filter((c) => cb.has(c));
  if (!concepts.some((c) => EVENT.has(c))) return undefined;
  const da = extractDetails(a.text, dict),
    db = extractDetails(b.text, dict);
  const shared = [
    ...[...da.places.entries()].filter(([id]) => db.places.has(id)).map(([, label]) => label),
    ...[...da.actors.entries()].filter(([id]) => db.actors.has(id)).map(([, label]) => label),
  ];
  // generic counted words ("civilians") tie nothing together; two places that share nothing
  // are two events ("a strike in Idlib" / "a strike in Aleppo")
  if (concepts.filter((c) => c !== "people").length + shared.length < 2) return undefined;
  // (a country contains the town: "Syria" and "Aleppo" do not tell two places apart)
  const placesA = [...da.places.keys()].filter((p) => !CONTAINER_PLACES.has(p)),
    placesB = [...db.places.keys()].filter((p) => !CONTAINER_PLACES.has(p));
  if (placesA.length && placesB.length && !placesA.some((p) => db.places.has(p))) return undefined;

  const details: DetailConflict[] = [];
  // numbers count the same thing only when their units name the same concept
  for (const x of da.numbers) {
    const ux = unitConcept(x.unit);
    if (!ux) continue;
    for (const y of db.numbers) {
      if (unitConcept(y.unit) !== ux || x.value === y.value) continue;
      if (da.numbers.some((z) => z.value === y.value) || db.numbers.some((z) => z.value === x.value)) continue;
      details.push({ kind: "number", a: x.text, b: y.text, reason: `numbers differ: ${x.text} vs ${y.text} (${ux})` });
      break;
    }
    if (details.length) break;
  }
  // "no families had returned" / «لم تعد أي عائلة» against "300 families returned"
  if (!details.length) {
    for (const [zeros, nums, flip] of [
      [zeroCounts(a.text), db.numbers, false],
      [zeroCounts(b.text), da.numbers, true],
    ] as const) {
      const hit = nums.find((x) => x.value > 0 && zeros.has(unitConcept(x.unit) ?? ""));
      if (hit) {
        const [x, y] = flip ? [hit.text, "none"] : ["none", hit.text];
        details.push({ kind: "number", a: x, b: y, reason: `numbers differ: ${x} vs ${y} (${unitConcept(hit.unit)})` });
        break;
      }
    }
  }
  const textual = compareDetails(a.text, b.text, dict).filter((d) => d.kind === "date" || d.kind === "time");
  details.push(...textual);
  if (!textual.some((d) => d.kind === "date") && a.eventDate && b.eventDate && a.eventDate.slice(0, 10) !== b.eventDate.slice(0, 10)) {
    const [x, y] = [fmt(a.eventDate), fmt(b.eventDate)];
    details.push({ kind: "date", a: x, b: y, reason: `dates differ: ${x} vs ${y}` });
  }
  if (!details.length) return undefined;
  return { concepts, shared, details };
}
