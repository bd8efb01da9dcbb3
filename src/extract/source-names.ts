/**
 * A new source is named as the body it is, not as the sentence described it:
 * «المركز الإعلامي التابع لقوات سوريا الديمقراطية المعروفة اختصاراً قسد» becomes
 * «المركز الإعلامي لقوات سوريا الديمقراطية», with the words as written kept as an alias and
 * the body it belongs to («قوات سوريا الديمقراطية», also known as «قسد») proposed as its
 * parent. Registries list bodies this way, and two reports that describe the centre
 * differently then propose the same source. Pure string work on the speaker phrase.
 */
import { normalizeText } from "../engine/normalize.ts";

export interface CanonicalName {
  name: string;
  /** Other names for the same source: the phrase as written. */
  aliases: string[];
  /** The body this one belongs to ("X التابع لـ Y", "X of Y"), with its short names. */
  parent?: { name: string; aliases: string[] };
}

const TATWEEL = /\u0640+/g;
/** "… المعروفة اختصاراً قسد", "… المعروف باسم X", "(قسد)" — an aside naming what came before. */
const KNOWN_AS = /\s+(?:ال)?معروف(?:ة|ه)?\s+(?:اختصار[\u064Bا]?ً?|ب(?:اسم|ـ)?)\s*(.+)$/u;
const PAREN_ALIAS = /\s*\(([^()]{1,40})\)\s*$/u;
/** "X التابع لـ Y" / "X التابعة لـ Y" → "X لY". */
const BELONGS = /\s+(?:ال)?تابع(?:ة|ه)?\s+(?:لـ*\s*|ل)/u;
/** Heads of sub-bodies whose "of Y" names the parent. */
const SUB_BODY_AR = /^(?:ال)?(?:مركز|مكتب|قياد[ةه]|ناطق|متحدث|جناح|هيئ[ةه]|مجلس|دائر[ةه]|لجن[ةه]|غرف[ةه])/u;

export function canonicalBodyName(phrase: string): CanonicalName {
  const written = phrase.replace(TATWEEL, "").replace(/\s+/g, " ").trim();
  let name = written;
  const shortNames: string[] = [];
  const known = KNOWN_AS.exec(name);
  if (known) {
    shortNames.push(known[1].trim());
    name = name.slice(0, known.index).trim();
  }
  const paren = PAREN_ALIAS.exec(name);
  if (paren) {
    shortNames.push(paren[1].trim());
    name = name.slice(0, paren.index).trim();
  }
  let parent: CanonicalName["parent"];
  const belongs = BELONGS.exec(name);
  if (belongs) {
    const owner = name.slice(belongs.index + belongs[0].length).trim();
    name = `${name.slice(0, belongs.index).trim()} ل${owner}`;
    if (owner) parent = { name: owner, aliases: shortNames };
  } else if (SUB_BODY_AR.test(name)) {
    // "المركز الإعلامي لقوات سوريا الديمقراطية": the parent follows the first لـ after the head
    const m = /\s(?:لـ*\s*|ل)(?=[\u0621-\u064A])/u.exec(name);
    if (m) {
      const owner = name.slice(m.index + m[0].length).trim();
      if (owner.split(" ").length >= 1 && owner.length >= 3) parent = { name: owner, aliases: shortNames };
    }
  }
  const aliases = normalizeText(written) !== normalizeText(name) ? [written] : [];
  if (!parent) for (const s of shortNames) if (!aliases.includes(s)) aliases.push(s);
  return { name, aliases, ...(parent ? { parent } : {}) };
}

/** English heads of sub-bodies whose "of Y" (or "Y's") names the body they belong to. */
const SUB_BODY_EN = /^(?:[a-z]+\s+)*(?:office|centre|center|command|wing|bureau|branch|directorate|headquarters|cell|unit)$/i;
/** A short name in capitals after the name it abbreviates ("Syrian Democratic Forces SDF", the brackets gone). */
const TRAILING_ACRONYM = /^(.*[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)+)\s+\(?([A-Z]{2,6})\)?$/;

/**
 * The English counterpart of canonicalBodyName, for a speaker phrase without its article: "media
 * office of the Syrian Democratic Forces (SDF)" is the media office, part of the Syrian Democratic
 * Forces, whose short name is SDF; "the SDF's media centre" is part of the SDF. Only a sub-body
 * head (office, centre, command, wing …) makes a parent, and only of a capitalised name, so "Ministry
 * of Defence" or "Department of State" stay one body.
 */
export function canonicalBodyNameEn(phrase: string): CanonicalName {
  const name = phrase.replace(/\s+/g, " ").trim();
  const of = /^(.+?)\s+(?:of|affiliated (?:with|to)|belonging to|attached to)\s+(?:the\s+)?([A-Z].*)$/.exec(name);
  if (of && SUB_BODY_EN.test(of[1])) {
    const acronym = TRAILING_ACRONYM.exec(of[2]);
    const owner = acronym ? acronym[1].trim() : of[2].trim();
    return {
      name: acronym ? name.slice(0, name.length - of[2].length) + owner : name,
      aliases: [],
      parent: { name: owner, aliases: acronym ? [acronym[2]] : [] },
    };
  }
  const owns = /^([A-Z][\w-]*(?:\s+[A-Z][\w-]*)*)['’]s\s+(.+)$/.exec(name);
  if (owns && SUB_BODY_EN.test(owns[2])) return { name, aliases: [], parent: { name: owns[1], aliases: [] } };
  return { name, aliases: [] };
}
