/**
 * Claim matching, text analysis: what the index keys a text by — content words, bigrams,
 * entity ids and concept keys — and what it notes about it (dates, author, media, names).
 * Part of src/engine/match.ts, which re-exports the public names.
 */
import type { EntityDictionary } from "./entities.ts";
import { conceptOf } from "./lexicon.ts";
import { contentTerms, isStopword, termOf } from "./text.ts";

/** Strip what tweets add around a claim: URLs, the "— Name (@handle) date" trailer, # and @. */
export function cleanForMatch(text: string): string {
  return text
    .replace(/https?:\/\/\S+/gi, " ")
    .replace(/pic\.twitter\.com\/\S+/gi, " ")
    .replace(/\bwww\.\S+/gi, " ")
    .replace(/\(@\w+\)\s*(?:[A-Z][a-z]+ \d{1,2}, \d{4})?\s*$/u, " ")
    .replace(
      /[#@]([\p{L}\p{N}_]+)/gu,
      (_m, tag: string) =>
        " " +
        tag
          .replace(/_/g, " ")
          .replace(/([a-z])([A-Z])/g, "$1 $2")
          .replace(/([A-Z]+)([A-Z][a-z])/g, "$1 $2")
          .replace(/([a-zA-Z])(\d)/g, "$1 $2"),
    )
    .replace(/&amp;/g, "&");
}

/** The display name in a tweet's "— Name (@handle) date" trailer. */
export function tweetAuthor(text: string): string | undefined {
  const m = /[—–]\s*([^—–]{1,80}?)\s*\(@(\w+)\)\s*(?:[A-Z][a-z]+ \d{1,2}, \d{4})?\s*$/u.exec(text);
  return m ? `${m[1]} ${m[2].replace(/([a-z])([A-Z])/g, "$1 $2")}` : undefined;
}

export const MEDIA_WORDS = new Set(["photo", "photograph", "image", "video", "picture", "pictur", "footag", "clip", "meme"]);

const MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];
/** Month-year keys ("7-2019") and year keys ("y2019") a text mentions ("July 2019", "4 July 2019", "July 4, 2019") — tweets carry their date in the trailer. */
export function monthYears(text: string): Set<string> {
  const out = new Set<string>();
  const re = /\b(january|february|march|april|may|june|july|august|september|october|november|december)\b(?:\s+\d{1,2},?)?\s+((?:19|20)\d\d)\b/gi;
  for (const m of text.matchAll(re)) out.add(`${MONTHS.indexOf(m[1].toLowerCase()) + 1}-${m[2]}`);
  for (const m of text.matchAll(/\b((?:19|20)\d\d)\b/g)) out.add(`y${m[1]}`);
  return out;
}

export interface Analyzed {
  /** key → term frequency */
  tf: Map<string, number>;
  length: number;
  words: string[];
  entities: Map<string, string>;
  dates: Set<string>;
  author?: Set<string>;
  media: boolean;
  /** Keys of capitalised (proper-noun-like) words, not sentence-initial. */
  names: Set<string>;
  /** The entity resolver's token keys of the text (EntityDictionary.lookupKey). */
  mentionKeys: Set<string>;
}

const ENT = "@e:";
const BIG = "@b:";

export function kindOf(key: string): "u" | "b" | "e" | "c" {
  if (key.startsWith(ENT)) return "e";
  if (key.startsWith(BIG)) return "b";
  if (key.startsWith("~")) return "c";
  return "u";
}

/** `withMentions`: also collect the resolver's token keys (stored claims need them; queries do not). */
export function analyzeForIndex(text: string, dict: EntityDictionary, withMentions = false): Analyzed {
  const clean = cleanForMatch(text);
  const words = contentTerms(clean);
  const tf = new Map<string, number>();
  const inc = (k: string) => tf.set(k, (tf.get(k) ?? 0) + 1);
  for (let i = 0; i < words.length; i++) {
    inc(words[i]);
    const c = conceptOf(words[i]);
    if (c) inc(c);
    if (i + 1 < words.length) inc(BIG + words[i] + " " + words[i + 1]);
  }
  const entities = new Map<string, string>();
  const mentionKeys = new Set<string>();
  for (const m of dict.resolve(clean, withMentions ? mentionKeys : undefined)) {
    entities.set(m.id, m.label);
    inc(ENT + m.id);
  }
  const who = tweetAuthor(text);
  const author = who ? new Set(contentTerms(who).filter((w) => w.length > 2)) : undefined;
  const media = /pic\.twitter\.com|youtu|\bvideo\b|\bphoto|\bimage|\bpicture|\bfootage/i.test(text) || words.some((w) => MEDIA_WORDS.has(w));
  const names = new Set<string>();
  for (const m of clean.matchAll(/(?<![.!?]\s|^)\b([A-Z][\p{L}'’-]+)/gu)) {
    const k = termOf(m[1]);
    if (k.length > 2 && !isStopword(k)) names.add(k);
  }
  return { tf, length: Math.max(1, words.length), words, entities, dates: monthYears(text), author, media, names, mentionKeys };
}
