/**
 * Entities and aliases: actors and places of the Syria/Iraq theatre resolve to one canonical id
 * across spellings and languages (قسد = قوات سوريا الديمقراطية = SDF = Syrian Democratic Forces).
 *
 * The built-in list is a seed; the app feeds each Source's aliases in at run time through
 * `EntityDictionary.addAliases` / `withAliases`. Matching is on stemmed key tokens (see
 * `text.ts`), longest alias first, so clitics, ال, ة/ه and nisba endings do not matter.
 */
import { normalizeText, tokenize } from "./normalize.ts";
import { joinSegmented, stem, stripClitics } from "./text.ts";

/**
 * Entity keys are stemmed more gently than index terms: Arabic keeps everything but the ة/ه
 * ending (so حماية ≠ حماه and فرقة ≠ الرقة), Latin uses the shared s-stemmer.
 */
function entityStem(token: string): string {
  if (/^[\u0621-\u064A]/.test(token)) return token.length >= 4 && token.endsWith("ه") ? token.slice(0, -1) : token;
  return stem(token);
}

export type EntityKind = "actor" | "place" | "person";

export interface EntityDef {
  /** Stable canonical id, e.g. "sdf". */
  id: string;
  kind: EntityKind;
  /** Display names used in reasons. */
  en: string;
  ar: string;
  /** Other spellings in any language (the display names are aliases too). */
  aliases: string[];
}

export interface EntityMention {
  id: string;
  kind: EntityKind;
  /** English display name (for reasons). */
  label: string;
  /** The key tokens that matched. */
  mention: string;
  /** Index of the first matching key token. */
  start: number;
  end: number;
}

const A = (id: string, kind: EntityKind, en: string, ar: string, ...aliases: string[]): EntityDef => ({ id, kind, en, ar, aliases });

/** Seed dictionary: a few dozen actors and places; extend at run time, not by editing rows here. */
export const BUILTIN_ENTITIES: readonly EntityDef[] = [
  // armed actors and organisations
  A("sdf", "actor", "SDF", "قسد", "قوات سوريا الديمقراطية", "قوات سورية الديمقراطية", "Syrian Democratic Forces", "QSD"),
  A("ypg", "actor", "YPG", "وحدات حماية الشعب", "وحدات الحماية الكردية", "People's Protection Units", "YPJ", "وحدات حماية المرأة"),
  A("pkk", "actor", "PKK", "حزب العمال الكردستاني", "Kurdistan Workers' Party", "العمال الكردستاني"),
  A(
    "isis",
    "actor",
    "ISIS",
    "داعش",
    "تنظيم الدولة",
    "تنظيم الدولة الإسلامية",
    "الدولة الإسلامية",
    "ISIL",
    "Islamic State",
    "IS",
    "Daesh",
    "Daish",
    "الدولة الاسلامية في العراق والشام",
  ),
  A(
    "iraqi_army",
    "actor",
    "Iraqi army",
    "الجيش العراقي",
    "القوات العراقية",
    "Iraqi forces",
    "Iraqi security forces",
    "القوات الأمنية العراقية",
    "Iraqi military",
  ),
  A(
    "syrian_army",
    "actor",
    "Syrian army",
    "الجيش السوري",
    "قوات النظام",
    "قوات النظام السوري",
    "جيش النظام",
    "Syrian government forces",
    "regime forces",
    "Syrian Arab Army",
    "SAA",
    "الجيش العربي السوري",
  ),
  A("russian_army", "actor", "Russian army", "الجيش الروسي", "القوات الروسية", "Russian forces", "Russian military"),
  A("turkish_army", "actor", "Turkish army", "الجيش التركي", "القوات التركية", "Turkish forces", "Turkish military"),
  A("us_forces", "actor", "US forces", "القوات الأمريكية", "القوات الاميركية", "الجيش الأمريكي", "US troops", "American forces", "US military", "US army"),
  A(
    "coalition",
    "actor",
    "international coalition",
    "التحالف الدولي",
    "التحالف الدولي بقيادة واشنطن",
    "US-led coalition",
    "التحالف بقيادة الولايات المتحدة",
    "Global Coalition",
    "anti-ISIS coalition",
    "coalition forces",
    "قوات التحالف",
  ),
  A("pmf", "actor", "PMF", "الحشد الشعبي", "هيئة الحشد الشعبي", "Popular Mobilization Forces", "Popular Mobilisation Forces", "Hashd al-Shaabi", "Hashd"),
  A("peshmerga", "actor", "Peshmerga", "البيشمركة", "البشمركة", "بيشمركة"),
  A("hts", "actor", "HTS", "هيئة تحرير الشام", "Hayat Tahrir al-Sham", "جبهة النصرة", "Nusra Front", "al-Nusra", "جبهة فتح الشام"),
  A("sna", "actor", "Syrian National Army", "الجيش الوطني السوري", "SNA", "الجيش الحر", "الجيش السوري الحر", "Free Syrian Army", "FSA"),
  A("hezbollah", "actor", "Hezbollah", "حزب الله", "Hizbollah", "Hizballah"),
  A("irgc", "actor", "IRGC", "الحرس الثوري", "الحرس الثوري الإيراني", "Revolutionary Guard", "Revolutionary Guards", "Quds Force", "فيلق القدس"),
  A("krg", "actor", "Kurdistan Regional Government", "حكومة إقليم كردستان", "KRG", "إقليم كردستان", "Kurdistan Region"),
  A("un", "actor", "United Nations", "الأمم المتحدة", "UN", "U.N."),
  A("sohr", "actor", "SOHR", "المرصد السوري لحقوق الإنسان", "المرصد السوري", "Syrian Observatory for Human Rights"),
  // people
  A("mustafa_bali", "person", "Mustafa Bali", "مصطفى بالي", "Mustefa Bali"),
  A("mazloum_abdi", "person", "Mazloum Abdi", "مظلوم عبدي", "مظلوم كوباني", "Mazloum Kobani"),
  A("assad", "person", "Bashar al-Assad", "بشار الأسد", "Assad", "الأسد", "Bashar Assad"),
  A("erdogan", "person", "Erdogan", "أردوغان", "اردوغان", "Recep Tayyip Erdogan", "Erdoğan"),
  A("putin", "person", "Putin", "بوتين", "Vladimir Putin", "فلاديمير بوتين"),
  A("trump", "person", "Trump", "ترامب", "Donald Trump", "دونالد ترامب"),
  // states
  A("syria", "place", "Syria", "سوريا", "سورية", "Syrian", "السوري", "السورية", "السوريين"),
  A("iraq", "place", "Iraq", "العراق", "Iraqi", "العراقي", "العراقية", "العراقيين"),
  A("turkey", "place", "Turkey", "تركيا", "Türkiye", "Turkish", "أنقرة", "Ankara", "التركي", "التركية"),
  A("russia", "place", "Russia", "روسيا", "Russian", "موسكو", "Moscow", "الروسي", "الروسية"),
  A("iran", "place", "Iran", "إيران", "Iranian", "طهران", "Tehran", "الإيراني", "الإيرانية"),
  A(
    "usa",
    "place",
    "United States",
    "الولايات المتحدة",
    "واشنطن",
    "Washington",
    "USA",
    "U.S.",
    "US",
    "America",
    "أمريكا",
    "أميركا",
    "American",
    "الأمريكي",
    "الأمريكية",
    "الأميركي",
    "الأميركية",
  ),
  // places
  A("deir_ezzor", "place", "Deir ez-Zor", "دير الزور", "Deir ez Zor", "Deir al-Zor", "Deir Ezzor", "Deir el-Zor", "Deir Azzor", "ديرالزور"),
  A("hasakah", "place", "Hasakah", "الحسكة", "Al-Hasakah", "Hasaka", "Hassakeh", "Hasakeh"),
  A("raqqa", "place", "Raqqa", "الرقة", "Raqqah", "Al-Raqqa"),
  A("aleppo", "place", "Aleppo", "حلب", "Halab"),
  A("idlib", "place", "Idlib", "إدلب", "Idleb"),
  A("damascus", "place", "Damascus", "دمشق"),
  A("homs", "place", "Homs", "حمص"),
  A("hama", "place", "Hama", "حماة", "حماه"),
  A("daraa", "place", "Daraa", "درعا", "Deraa", "Dara'a"),
  A("latakia", "place", "Latakia", "اللاذقية", "Lattakia"),
  A("qamishli", "place", "Qamishli", "القامشلي", "Qamishlo", "قامشلو"),
  A("manbij", "place", "Manbij", "منبج"),
  A("afrin", "place", "Afrin", "عفرين"),
  A("kobani", "place", "Kobani", "عين العرب", "كوباني", "Kobane", "Ain al-Arab"),
  A("albukamal", "place", "Al-Bukamal", "البوكمال", "Abu Kamal", "Albu Kamal", "Bukamal"),
  A("rmeilan", "place", "Rmeilan", "رميلان", "Rumeilan"),
  A("shaddadi", "place", "al-Shaddadi", "الشدادي", "Shaddadi", "Shadadi"),
  A("tal_baydar", "place", "Tal Baydar", "تل بيدر", "Tell Baydar"),
  A("hmeimim", "place", "Hmeimim", "حميميم", "Khmeimim", "Hmeymim"),
  A("salhiyah", "place", "al-Salhiyah", "الصالحية", "Salhiyeh", "Salhiyah"),
  A("tanf", "place", "al-Tanf", "التنف", "Tanf"),
  A("baghdad", "place", "Baghdad", "بغداد"),
  A("mosul", "place", "Mosul", "الموصل"),
  A("erbil", "place", "Erbil", "أربيل", "اربيل", "Arbil", "Irbil", "Hawler"),
  A("kirkuk", "place", "Kirkuk", "كركوك"),
  A("sinjar", "place", "Sinjar", "سنجار", "Shingal", "شنكال"),
  A("anbar", "place", "Anbar", "الأنبار", "Al-Anbar"),
  A("qaim", "place", "al-Qaim", "القائم", "Qaim", "Al Qaim"),
  A("al_walid", "place", "al-Walid crossing", "معبر الوليد", "Al-Waleed crossing", "al-Waleed", "Walid crossing"),
  A("semalka", "place", "Semalka crossing", "معبر سيمالكا", "فيشخابور", "Fishkhabour", "Semalka"),
];

interface AliasToken {
  key: string;
  /** Arabic token written with the article (الرقة): a text token must carry it too, so فرقة ≠ الرقة. */
  article: boolean;
}

/** Key tokens for alias matching: segmentation repaired, clitics stripped, stemmed. */
function aliasKey(text: string): AliasToken[] {
  const out: AliasToken[] = [];
  for (const tok of tokenize(normalizeText(joinSegmented(text)))) {
    const key = entityStem(stripClitics(tok));
    if (key) out.push({ key, article: /^(?:[وف]?[بكل]?ال|[وف]?لل)/.test(tok) && /[\u0621-\u064A]/.test(tok) });
  }
  return out;
}

interface AliasEntry {
  id: string;
  tokens: string[];
  article: boolean[];
}

/**
 * A mutable alias dictionary. Lookup is a hash on the first key token followed by a longest-match
 * check, so resolving a text is linear in its length whatever the dictionary size.
 */
export class EntityDictionary {
  private defs = new Map<string, EntityDef>();
  private byFirst = new Map<string, AliasEntry[]>();

  constructor(defs: readonly EntityDef[] = BUILTIN_ENTITIES) {
    for (const d of defs) this.define(d);
  }

  /** Add (or extend) an entity. Existing aliases are kept. */
  define(def: EntityDef): void {
    const prev = this.defs.get(def.id);
    const merged: EntityDef = prev ? { ...prev, aliases: [...prev.aliases, ...def.aliases] } : { ...def, aliases: [...def.aliases] };
    this.defs.set(def.id, merged);
    for (const name of [def.en, def.ar, ...def.aliases]) this.indexAlias(def.id, name);
  }

  /**
   * Attach extra spellings to an entity (e.g. a Source's aliases). Unknown ids create a new
   * entity whose display name is the first alias.
   */
  addAliases(id: string, aliases: string[], kind: EntityKind = "actor"): void {
    if (!this.defs.has(id)) {
      const first = aliases[0] ?? id;
      this.define({ id, kind, en: first, ar: first, aliases: aliases.slice(1) });
      return;
    }
    const d = this.defs.get(id)!;
    d.aliases.push(...aliases);
    for (const a of aliases) this.indexAlias(id, a);
  }

  /** A copy with extra aliases, leaving this dictionary untouched. */
  withAliases(extra: Record<string, string[]>): EntityDictionary {
    const copy = new EntityDictionary([...this.defs.values()]);
    for (const [id, al] of Object.entries(extra)) copy.addAliases(id, al);
    return copy;
  }

  get(id: string): EntityDef | undefined {
    return this.defs.get(id);
  }

  get size(): number {
    return this.defs.size;
  }

  private indexAlias(id: string, name: string): void {
    const at = aliasKey(name);
    if (at.length === 0) return;
    const tokens = at.map((t) => t.key);
    // one-letter/two-letter Latin acronyms like "IS", "US" are too ambiguous as lower-case
    // words ("is", "us"); keep them only when written in capitals (checked at resolve time).
    const list = this.byFirst.get(tokens[0]) ?? [];
    if (list.some((e) => e.id === id && e.tokens.join(" ") === tokens.join(" "))) return;
    list.push({ id, tokens, article: at.map((t) => t.article) });
    list.sort((x, y) => y.tokens.length - x.tokens.length);
    this.byFirst.set(tokens[0], list);
  }

  /**
   * Resolve entity mentions in a text, longest alias first, non-overlapping. `keysOut`, when
   * given, receives every token key of the text (see `lookupKey`).
   */
  resolve(text: string, keysOut?: Set<string>): EntityMention[] {
    const at = aliasKey(protectAmbiguousAcronyms(text));
    const tokens = at.map((t) => t.key);
    if (keysOut) for (const k of tokens) keysOut.add(k);
    const out: EntityMention[] = [];
    for (let i = 0; i < tokens.length;) {
      const cands = this.byFirst.get(tokens[i]);
      let hit: AliasEntry | undefined;
      if (cands) {
        for (const c of cands) {
          if (i + c.tokens.length > tokens.length) continue;
          let ok = true;
          for (let j = 0; j < c.tokens.length; j++) {
            if (tokens[i + j] !== c.tokens[j] || (c.article[j] && !at[i + j].article)) {
              ok = false;
              break;
            }
          }
          if (ok) {
            hit = c;
            break;
          }
        }
      }
      if (hit) {
        const d = this.defs.get(hit.id)!;
        out.push({ id: d.id, kind: d.kind, label: d.en, mention: tokens.slice(i, i + hit.tokens.length).join(" "), start: i, end: i + hit.tokens.length });
        i += hit.tokens.length;
      } else i++;
    }
    return out;
  }

  /**
   * The key an alias is looked up by (its first token key), for any dictionary: a text can
   * resolve to this alias only if the keys `resolve` reports for it include this one.
   */
  static lookupKey(name: string): string | undefined {
    return aliasKey(name)[0]?.key;
  }

  /** Distinct entity ids mentioned in a text. */
  ids(text: string): Set<string> {
    return new Set(this.resolve(text).map((m) => m.id));
  }
}

/**
 * "IS" and "US" are entity names only in capitals; lower-case "is"/"us" are English words.
 * Lower-cased capitals are rewritten to a marker token before normalisation lowercases them.
 */
function protectAmbiguousAcronyms(text: string): string {
  if (!/[a-z]/i.test(text)) return text;
  return text
    .replace(/\b(?!IS\b|US\b|UN\b)([Ii][Ss]|[Uu][Ss]|[Uu][Nn])\b/g, " ") // "is", "Us": words, not entities
    .replace(/\bU\.S\.(?=\s|$|[^A-Za-z])/g, "US")
    .replace(/\bU\.N\.(?=\s|$|[^A-Za-z])/g, "UN");
}

/** The process-wide default dictionary (built-ins only). */
export const defaultEntities = new EntityDictionary();

/** Resolve mentions with the given (default: built-in) dictionary. */
export function resolveEntities(text: string, dict: EntityDictionary = defaultEntities): EntityMention[] {
  return dict.resolve(text);
}
