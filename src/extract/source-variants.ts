/**
 * Is a new speaker name a variant of a source the analyst already has? Pure string work over
 * the known sources' names and aliases, so a report that writes «المركز الإعلامي لقسد» proposes
 * the stored «المركز الإعلامي لقوات سوريا الديمقراطية» instead of a second source.
 *
 * Two names are the same source when, in this order:
 *   1. spelling — equal once normalised: hamza/alef/ta marbuta/ya forms, diacritics, tatweel,
 *      the article ال, the clitics و ب ل («لـ»), quotes, case, English "the" and possessive 's,
 *      British/American spellings (centre/center);
 *   2. known alias — both are wholly one entity of the engine's bilingual dictionary (قسد = SDF);
 *   3. acronym — one is the initials of the other (قسد ↔ قوات سوريا الديمقراطية, SDF ↔ Syrian
 *      Democratic Forces), function words skipped;
 *   4. the same part of the same body — "X of Y" on both sides (لـ / التابع لـ / باسم, of, 's,
 *      "SDF media centre"), the X equal and the Ys the same source by these rules;
 *   5. description — one is the other plus a description (قسد المدعومة أمريكياً, the US-backed
 *      SDF, «… (قسد)», «… المعروفة اختصاراً قسد»);
 *   6. person — for people only: the same number of name parts, each part the same up to a
 *      transliteration-light edit (vowels, doubled letters: Mohammed/Muhammad, Saleh/Salih), the
 *      consonants equal and the first letter the same — never a guess on one name part.
 * A part is never its whole: «المركز الإعلامي لقوات سوريا الديمقراطية» is NOT
 * «قوات سوريا الديمقراطية» (the centre belongs to it; see `partOf`).
 */
import { defaultEntities, type EntityDictionary } from "../engine/entities.ts";
import { normalizeText, stripArabicClitics } from "../engine/normalize.ts";

export interface KnownName {
  id: string | number;
  name: string;
  aliases: string[];
  kind?: string;
}

export type VariantRule = "spelling" | "known alias" | "acronym" | "same part" | "description" | "person";

export interface NameMatch {
  rule: VariantRule;
  /** Plain-words reason, e.g. "«قسد» is the acronym of «قوات سوريا الديمقراطية»". */
  reason: string;
}

export interface SourceVariant<K extends KnownName = KnownName> extends NameMatch {
  source: K;
  /** The known name or alias the new name matched. */
  matched: string;
  /** The new name (or alias) that matched it. */
  variant: string;
}

const ARABIC = /[\u0621-\u064A]/;
const EN_SPELLING: Record<string, string> = {
  centre: "center",
  defence: "defense",
  organisation: "organization",
  programme: "program",
  honour: "honor",
  labour: "labor",
};
/** Words that carry no identity in a name. */
const STOP = new Set(["the", "of", "and", "for", "s", "a", "an", "in", "al", "el", "ل", "لل", "ب", "و", "في", "من", "عن", "تابع", "تابعه", "باسم"]);
/** Heads of a part of a body: a media centre, an office, a spokesman … (normalised, article stripped). */
const PART_HEADS_AR = new Set(["مركز", "مكتب", "قياده", "ناطق", "متحدث", "جناح", "دائره", "لجنه", "غرفه", "مجلس", "هيئه", "فرع", "وحده", "مديريه"]);
const PART_HEADS_EN = new Set([
  "media",
  "press",
  "office",
  "center",
  "spokesman",
  "spokesperson",
  "spokeswoman",
  "wing",
  "bureau",
  "branch",
  "department",
  "committee",
  "council",
  "command",
  "unit",
]);
/** Words that open a description after (Arabic) or before (English) a name. */
const DESCRIPTION_AR = new Set(["مدعوم", "مدعومه", "قياده", "ذات", "معروف", "معروفه", "مسماه", "مكونه", "مؤلفه", "امريكيا", "تركيا", "ايرانيا", "روسيا"]);
const DESCRIPTION_EN_AFTER = new Set([
  "backed",
  "led",
  "dominated",
  "allied",
  "aligned",
  "supported",
  "funded",
  "known",
  "also",
  "which",
  "who",
  "that",
  "group",
  "militia",
  "alliance",
  "coalition",
]);
const DESCRIPTION_EN_BEFORE = new Set(["backed", "led", "dominated", "allied", "aligned", "supported", "funded"]);

/** Memoised per name (bounded): known names are compared again and again, report after report. */
function memo<R>(fn: (name: string) => R): (name: string) => R {
  const cache = new Map<string, R>();
  return (name) => {
    let r = cache.get(name);
    if (r === undefined && !cache.has(name)) {
      if (cache.size > 20_000) cache.clear();
      r = fn(name);
      cache.set(name, r);
    }
    return r as R;
  };
}

interface Tok {
  /** Normalised, clitics stripped, spelling folded: what identity is compared on. */
  key: string;
  /** Normalised as written (keeps ل/ال): where a part's owner starts. */
  norm: string;
}

/** A name's words, with (…) asides and «المعروفة اختصاراً …» tails cut off and kept apart. */
const split = memo(splitName);
function splitName(name: string): { toks: Tok[]; asides: string[] } {
  const asides: string[] = [];
  let s = name.replace(/\s*\(([^()]{1,60})\)\s*/g, (_m, inner: string) => {
    asides.push(inner);
    return " ";
  });
  const known = /\s+(?:ال)?معروف[ةه]?\s+(?:اختصار(?:ا|\u064B)?ً?|ب(?:اسم|ـ)?)\s*(.+)$/u.exec(s) ?? /,?\s+(?:also\s+)?known\s+as\s+(.+)$/iu.exec(s);
  if (known) {
    asides.push(known[1]);
    s = s.slice(0, known.index);
  }
  const toks: Tok[] = [];
  for (const raw of normalizeText(s)
    .replace(/['’]s\b/g, " ")
    .match(/[\p{L}\p{N}]+/gu) ?? []) {
    const key = ARABIC.test(raw) ? stripArabicClitics(raw) : (EN_SPELLING[raw] ?? raw);
    toks.push({ key, norm: raw });
  }
  return { toks, asides };
}

const content = (toks: Tok[]) => toks.filter((t) => !STOP.has(t.key) && !STOP.has(t.norm));
const keyOf = (toks: Tok[]) =>
  content(toks)
    .map((t) => t.key)
    .join(" ");

/** The name's key: what rule 1 compares. */
export const nameKey = memo((name: string): string => keyOf(split(name).toks));

/** Where the owner of a part starts: «لـ» / لX / التابع لـ / باسم (Arabic), of / 's (English). */
const partSplit = memo(partSplitOf);
function partSplitOf(name: string): { head: Tok[]; owner: Tok[] } | null {
  const { toks } = split(name);
  if (toks.length < 2) return null;
  const first = content(toks)[0];
  if (!first) return null;
  if (ARABIC.test(first.norm)) {
    if (!PART_HEADS_AR.has(first.key)) return null;
    for (let i = 1; i < toks.length; i++) {
      const t = toks[i];
      if (t.norm === "ل" || t.norm === "لل" || t.norm === "باسم" || /^(?:ال)?تابع[هة]?$/.test(t.norm)) {
        const owner = toks.slice(i + 1).filter((x) => x.norm !== "ل" && x.norm !== "لل");
        return owner.length ? { head: toks.slice(0, i), owner } : null;
      }
      if (/^(?:لل|ل)[\u0621-\u064A]{2,}/.test(t.norm) && t.key !== t.norm) return { head: toks.slice(0, i), owner: toks.slice(i) };
    }
    return null;
  }
  // English: "media centre of the SDF", "the SDF's media centre", "SDF media centre"
  const written = normalizeText(name);
  const of = toks.findIndex((t, i) => i > 0 && t.norm === "of");
  if (of > 0 && PART_HEADS_EN.has(content(toks.slice(0, of))[0]?.key ?? "")) return { head: toks.slice(0, of), owner: toks.slice(of + 1) };
  const poss = /^(.+?)['’]s\s+(.+)$/u.exec(written);
  if (poss) {
    const head = split(poss[2]).toks;
    if (PART_HEADS_EN.has(content(head)[0]?.key ?? "")) return { head, owner: split(poss[1]).toks };
  }
  const at = toks.findIndex((t, i) => i > 0 && PART_HEADS_EN.has(t.key));
  if (at > 0 && content(toks.slice(0, at)).length) return { head: toks.slice(at), owner: toks.slice(0, at) };
  return null;
}

/** Whether `name` is a part of the body `whole` names (its media centre, its spokesman …). */
export function partOf(name: string, whole: string, dict: EntityDictionary = defaultEntities): boolean {
  const p = partSplit(name);
  if (!p) return false;
  const owner = p.owner.map((t) => t.norm).join(" ");
  return Boolean(sameBase(owner, whole, dict));
}

const defaultWhole = memo((name: string) => wholeEntityOf(name, defaultEntities));
/** The single entity a name wholly consists of, if any. */
function wholeEntity(name: string, dict: EntityDictionary): string | undefined {
  return dict === defaultEntities ? defaultWhole(name) : wholeEntityOf(name, dict);
}
function wholeEntityOf(name: string, dict: EntityDictionary): string | undefined {
  const ms = dict.resolve(name);
  if (ms.length !== 1) return undefined;
  const words = content(split(name).toks).length;
  const covered = ms[0].mention.split(" ").length;
  return covered >= words ? ms[0].id : undefined;
}

function initials(toks: Tok[]): string {
  return content(toks)
    .map((t) => t.key.charAt(0))
    .join("");
}

function acronymOf(short: string, long: string): boolean {
  const s = content(split(short).toks);
  const l = content(split(long).toks);
  if (s.length !== 1 || l.length < 2 || l.length > 6) return false;
  const word = s[0].key;
  return word.length >= 2 && word.length === l.length && word === initials(l);
}

/** Rules 1–4 (no description, no person): the bases of two names are one source. */
function sameBase(a: string, b: string, dict: EntityDictionary, depth = 0): NameMatch | null {
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (!ka || !kb) return null;
  if (ka === kb) return { rule: "spelling", reason: `«${a.trim()}» is «${b.trim()}» written another way` };
  const ea = wholeEntity(a, dict);
  if (ea && ea === wholeEntity(b, dict)) return { rule: "known alias", reason: `«${a.trim()}» and «${b.trim()}» are names of ${dict.get(ea)?.en ?? ea}` };
  if (acronymOf(a, b)) return { rule: "acronym", reason: `«${a.trim()}» is the acronym of «${b.trim()}»` };
  if (acronymOf(b, a)) return { rule: "acronym", reason: `«${b.trim()}» is the acronym of «${a.trim()}»` };
  if (depth > 2) return null;
  const pa = partSplit(a);
  const pb = partSplit(b);
  if (pa && pb && keyOf(pa.head) === keyOf(pb.head)) {
    const oa = pa.owner.map((t) => t.norm).join(" ");
    const ob = pb.owner.map((t) => t.norm).join(" ");
    const owners = sameBase(oa, ob, dict, depth + 1);
    if (owners) return { rule: "same part", reason: `the same ${pa.head.map((t) => t.norm).join(" ")} of the same body (${owners.reason})` };
  }
  return null;
}

/** Rule 5: `long` is `short` plus a description. */
function described(long: string, short: string, dict: EntityDictionary): NameMatch | null {
  const { toks, asides } = split(long);
  const base = content(toks);
  const target = content(split(short).toks).length;
  if (!target || base.length < target) return null;
  const text = (ts: Tok[]) => ts.map((t) => t.norm).join(" ");
  // «قسد (قوات سوريا الديمقراطية)», «… المعروفة اختصاراً قسد»: the name, or an aside, is the other
  if (asides.length) {
    for (const n of [text(toks), ...asides]) {
      const m = n.trim() ? sameBase(n, short, dict) : null;
      if (m) return { rule: "description", reason: `«${long.trim()}» names «${short.trim()}» with an aside (${m.reason})` };
    }
  }
  if (base.length === target) return null;
  // A name followed by a description: «قسد المدعومة أمريكياً», «… في دير الزور», "SDF, which …"
  for (let k = 1; k < base.length; k++) {
    const next = toks[toks.indexOf(base[k - 1]) + 1];
    if (!(DESCRIPTION_AR.has(base[k].key) || DESCRIPTION_EN_AFTER.has(base[k].key) || next?.norm === "في" || next?.norm === "in")) continue;
    if (sameBase(text(base.slice(0, k)), short, dict)) return { rule: "description", reason: `«${long.trim()}» is «${short.trim()}» with a description` };
  }
  // English descriptions before the name: "the US-backed SDF", "Kurdish-led Syrian Democratic Forces"
  for (let k = 1; k < base.length; k++) {
    if (!DESCRIPTION_EN_BEFORE.has(base[k - 1].key)) continue;
    if (sameBase(text(base.slice(k)), short, dict)) return { rule: "description", reason: `«${long.trim()}» is «${short.trim()}» with a description` };
  }
  return null;
}

/** Edit distance (Levenshtein). */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cur = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = cur;
    }
  }
  return row[b.length];
}

/** Transliteration-light form of a name part: doubled letters once, ou/oo → u, ee → i. */
const fold = (w: string) =>
  w
    .replace(/(.)\1+/g, "$1")
    .replace(/ou|oo/g, "u")
    .replace(/ee/g, "i");
/** Its consonants: Latin vowels (and a final y), Arabic long vowels dropped. */
const skeleton = (w: string) =>
  fold(w)
    .replace(/y$/, "")
    .replace(/[aeiouاوي]/g, "");

/** A person's name parts: عبد/أبو/al- joined to what follows (عبد الحسين = عبدالحسين). */
const personParts = memo(personPartsOf);
function personPartsOf(name: string): string[] {
  const words = content(split(name).toks).map((t) => t.norm.replace(/^ال(?=[\u0621-\u064A]{3,})/, "").replace(/^(عبد|ابو)ال/, "$1"));
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    if (/^(?:عبد|ابو|بن|abd|abu|abdul|abdel)$/.test(words[i]) && i + 1 < words.length) {
      out.push(words[i] + words[i + 1]);
      i++;
    } else out.push(words[i]);
  }
  return out;
}

const ORG_WORDS = new Set([
  ...PART_HEADS_EN,
  "forces",
  "army",
  "ministry",
  "government",
  "agency",
  "news",
  "tv",
  "قوات",
  "جيش",
  "وزاره",
  "حكومه",
  "وكاله",
  "قناه",
]);

/** Rule 6: two spellings of one person's name. */
export function samePerson(a: string, b: string): NameMatch | null {
  const pa = personParts(a);
  const pb = personParts(b);
  if (pa.length === 1 && pb.length === 1 && pa[0] === pb[0] && /^(?:عبد|ابو|abd|abu)/.test(pa[0]))
    return { rule: "spelling", reason: `«${a.trim()}» is «${b.trim()}» written another way` };
  if (pa.length < 2 || pa.length !== pb.length || pa.length > 5) return null;
  if ([...pa, ...pb].some((w) => ORG_WORDS.has(w))) return null;
  if (ARABIC.test(pa.join("")) !== ARABIC.test(pb.join(""))) return null;
  let edits = 0;
  for (let i = 0; i < pa.length; i++) {
    const [x, y] = [fold(pa[i]), fold(pb[i])];
    if (x === y) continue;
    // Arabic letters are the spelling (حسن ≠ حسين, محمد ≠ محمود): one edit only in a long part
    if (ARABIC.test(x) && (Math.min(x.length, y.length) < 6 || distance(x, y) > 1)) return null;
    if (x[0] !== y[0] || skeleton(x) !== skeleton(y)) return null;
    const d = distance(x, y);
    if (d > Math.max(1, Math.floor(Math.max(x.length, y.length) / 3))) return null;
    edits += d;
  }
  if (!edits) return { rule: "spelling", reason: `«${a.trim()}» is «${b.trim()}» written another way` };
  return { rule: "person", reason: `«${a.trim()}» and «${b.trim()}» are spellings of one name` };
}

/** Whether two names are one source, and by which rule (never for a part and its whole). */
export function sameSourceName(a: string, b: string, opts: { persons?: boolean; dict?: EntityDictionary } = {}): NameMatch | null {
  const dict = opts.dict ?? defaultEntities;
  const base = sameBase(a, b, dict);
  if (base) return base;
  if (partOf(a, b, dict) || partOf(b, a, dict)) return null;
  const d = described(a, b, dict) ?? described(b, a, dict);
  if (d) return d;
  return opts.persons ? samePerson(a, b) : null;
}

const RANK: Record<VariantRule, number> = { spelling: 6, "known alias": 5, "same part": 5, acronym: 4, description: 3, person: 2 };
const PERSON_KINDS = new Set(["person", "spokesperson"]);

/**
 * What a name is cheaply compared on before the full rules run: its content keys, the entity it
 * wholly is, its initials, and (for persons) its parts' consonants. Two names that share none of
 * these cannot match by any rule, so most known names are never compared in full.
 */
interface Profile {
  keys: Set<string>;
  initials: string;
  single?: string;
  person: string;
}

const profileOf = memo((name: string): Profile => {
  const toks = content(split(name).toks);
  const parts = personParts(name);
  return {
    keys: new Set(toks.map((t) => t.key)),
    initials: toks.length >= 2 ? initials(toks) : "",
    single: toks.length === 1 ? toks[0].key : undefined,
    person: parts.length >= 2 ? parts.map((w) => `${w[0]}${skeleton(w)}`).join(" ") : "",
  };
});

/**
 * A new name's profile, its keys widened by every name of the entities it mentions (so "SDF"
 * reaches a known «قوات سوريا الديمقراطية» without resolving every known name).
 */
function wantedProfile(name: string, dict: EntityDictionary): Profile {
  const p = profileOf(name);
  const keys = new Set(p.keys);
  for (const m of dict.resolve(name)) {
    const d = dict.get(m.id);
    if (d) for (const alias of [d.en, d.ar, ...d.aliases]) for (const k of profileOf(alias).keys) keys.add(k);
  }
  return { ...p, keys };
}

function mayMatch(a: Profile, b: Profile): boolean {
  if ((a.single && a.single === b.initials) || (b.single && b.single === a.initials)) return true;
  if (a.person && a.person === b.person) return true;
  for (const k of b.keys) if (a.keys.has(k)) return true;
  return false;
}

/** The known names, profiled once (a report's speakers are all looked up in one list). */
export class SourceVariantIndex<K extends KnownName> {
  private readonly entries: Array<{ source: K; name: string; profile: Profile }> = [];

  constructor(
    known: K[],
    private readonly dict: EntityDictionary = defaultEntities,
  ) {
    for (const source of known)
      for (const name of [source.name, ...source.aliases]) if (name.trim()) this.entries.push({ source, name, profile: profileOf(name) });
  }

  /**
   * The known source `names` (a new speaker's name and its other spellings) is a variant of, if
   * exactly one is. Two different sources matching equally well is no answer: the analyst decides.
   * `kind` is the new speaker's kind; persons are compared by rule 6 only with person sources.
   */
  find(names: string[], opts: { kind?: string; exclude?: K } = {}): SourceVariant<K> | undefined {
    const wanted = [...new Set(names.map((n) => n.trim()).filter(Boolean))].map((n) => ({ n, p: wantedProfile(n, this.dict) }));
    const bySource = new Map<K, SourceVariant<K>>();
    for (const e of this.entries) {
      if (e.source === opts.exclude) continue;
      const persons = (opts.kind === undefined || PERSON_KINDS.has(opts.kind)) && PERSON_KINDS.has(e.source.kind ?? "");
      for (const w of wanted) {
        if (!mayMatch(w.p, e.profile)) continue;
        const m = sameSourceName(w.n, e.name, { persons, dict: this.dict });
        const mine = bySource.get(e.source);
        if (m && (!mine || RANK[m.rule] > RANK[mine.rule])) bySource.set(e.source, { ...m, source: e.source, matched: e.name, variant: w.n });
      }
    }
    let best: SourceVariant<K> | undefined;
    let tie = false;
    for (const v of bySource.values()) {
      if (!best || RANK[v.rule] > RANK[best.rule]) {
        best = v;
        tie = false;
      } else if (RANK[v.rule] === RANK[best.rule]) tie = true;
    }
    return tie ? undefined : best;
  }
}

/** One-off lookup (tests, small lists); use a SourceVariantIndex for many names against one list. */
export function findSourceVariant<K extends KnownName>(
  names: string[],
  known: K[],
  opts: { kind?: string; dict?: EntityDictionary } = {},
): SourceVariant<K> | undefined {
  return new SourceVariantIndex(known, opts.dict).find(names, opts);
}
