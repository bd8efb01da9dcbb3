/**
 * A statement about another party's statement: "The ministry's announcement is false",
 * «إعلان الوزارة كاذب», «نفى صحة ما أعلنته الوزارة», "He confirmed the army's account". Its text
 * names no proposition of its own — it takes a stance on what that party said. Taken as a claim
 * of its own it is wrong twice over (a claim "the announcement is false" that someone *denied*);
 * the assistant instead attaches the stance to the party's claim (domain/ingest/proposals.ts).
 * Pure.
 */
import { normalizeText } from "../engine/normalize.ts";

export interface StatementReference {
  /** Who made the statement referred to, as written ("the ministry", "الوزارة"). */
  party: string;
  /** The referring speaker's stance on that statement. */
  stance: "asserted" | "denied";
}

const EN_NOUNS =
  "announcement|announcements|statement|statements|claim|claims|report|reports|figures|numbers|allegation|allegations|account|version|narrative|story|remarks|comments|assertion|assertions|accusation|accusations";
const EN_FALSE = "false|untrue|baseless|groundless|fabricated|incorrect|wrong|lies|a lie|not true|unfounded|misleading|inaccurate|made up|fake";
const EN_TRUE = "true|correct|accurate|right";
const ADV = "(?:completely|totally|simply|entirely|absolutely|utterly|categorically|all|not)\\s+";

const EN_POSSESSIVE = new RegExp(
  `^(?:the\\s+)?(.{2,60}?)['’]s?\\s+(?:latest\\s+|recent\\s+|new\\s+)?(?:${EN_NOUNS})(?:\\s+(?:is|are|was|were)\\s+(${ADV})?(${EN_FALSE}|${EN_TRUE}))?\\s*[.!]?$`,
  "i",
);
const EN_BY = new RegExp(
  `^(?:the|this|that)\\s+(?:${EN_NOUNS})\\s+(?:by|of|from)\\s+(?:the\\s+)?(.{2,60}?)(?:\\s+(?:is|are|was|were)\\s+(${ADV})?(${EN_FALSE}|${EN_TRUE}))?\\s*[.!]?$`,
  "i",
);
const EN_WHAT = new RegExp(
  `^what\\s+(?:the\\s+)?(.{2,60}?)\\s+(?:said|announced|claimed|reported|stated)\\s+(?:is|was)\\s+(${ADV})?(${EN_FALSE}|${EN_TRUE})\\s*[.!]?$`,
  "i",
);

// Arabic, matched on normalised text (alef/hamza/ya/ta-marbuta folded, diacritics removed)
const n = (s: string) => normalizeText(s);
const AR_NOUNS = [
  "اعلان",
  "بيان",
  "ادعاء",
  "ادعاءات",
  "مزاعم",
  "تصريحات",
  "تصريح",
  "روايه",
  "ارقام",
  "احصاءات",
  "احصائيات",
  "اتهامات",
  "انباء",
  "اخبار",
  "تقرير",
  "تقارير",
  "خبر",
].map(n);
const AR_WHAT = [
  "ما اعلنته",
  "ما اعلنه",
  "ما نشرته",
  "ما نشره",
  "ما ذكرته",
  "ما ذكره",
  "ما تداولته",
  "ما تداوله",
  "ما اوردته",
  "ما اورده",
  "ما زعمته",
  "ما زعمه",
  "ما ادعته",
  "ما ادعاه",
  "ما قالته",
  "ما قاله",
  "ما روجته",
  "ما روجه",
].map(n);
const AR_FALSE = [
  "كاذب",
  "كاذبه",
  "غير صحيح",
  "غير صحيحه",
  "عار عن الصحه",
  "عاري عن الصحه",
  "عاريه عن الصحه",
  "عار من الصحه",
  "لا اساس له من الصحه",
  "لا اساس لها من الصحه",
  "لا اساس له",
  "لا اساس لها",
  "مفبرك",
  "مفبركه",
  "باطل",
  "باطله",
  "مضلل",
  "مضلله",
  "ملفق",
  "ملفقه",
  "عار تماما عن الصحه",
  "محض كذب",
  "كذب",
].map(n);
const AR_TRUE = ["صحيح", "صحيحه", "دقيق", "دقيقه"].map(n);

const alt = (xs: string[]) =>
  xs
    .map((x) => x.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"))
    .sort((a, b) => b.length - a.length)
    .join("|");
const AR_HEAD = `(?:(?:صحه|حقيقه)\\s+)?(?:(?:${alt(AR_WHAT)})|(?:${alt(AR_NOUNS)}))`;
const AR_RE = new RegExp(
  `^${AR_HEAD}\\s+(\\S+(?:\\s+\\S+){0,4}?)(?:\\s+(?:هو\\s+|هي\\s+|امر\\s+)?(${alt(AR_FALSE)}|${alt(AR_TRUE)}))?(?:\\s+تماما|\\s+جمله\\s+وتفصيلا)?\\s*[.!]?$`,
);

/**
 * Whether `claimText` only refers to another party's statement, and the speaker's stance on it
 * given the cue's stance (`cueStance`: what the frame said — "denied", or "asserted" for
 * "said"/"confirmed"). A falsity word in the text ("is false", «كاذب») makes it a denial; a
 * bare reference takes the cue's stance ("نفى … ما أعلنته الوزارة" is a denial).
 */
export function statementReference(claimText: string, cueStance: string): StatementReference | undefined {
  const text = claimText
    .trim()
    .replace(/^["“”«»']+|["“”«»'.!]+$/g, "")
    .trim();
  if (!text || text.length > 160) return undefined;
  for (const re of [EN_POSSESSIVE, EN_BY, EN_WHAT]) {
    const m = re.exec(text);
    if (!m) continue;
    const party = m[1].trim();
    if (!party || /\s(?:is|are|was|were|that)\s/i.test(` ${party} `)) continue;
    const verdict = m[3]?.toLowerCase();
    const negated = /not/i.test(m[2] ?? "");
    const stance = verdict
      ? new RegExp(`^(?:${EN_FALSE})$`, "i").test(verdict) !== negated
        ? "denied"
        : "asserted"
      : cueStance === "denied"
        ? "denied"
        : cueStance === "asserted"
          ? "asserted"
          : undefined;
    if (!stance) return undefined;
    return { party, stance };
  }
  const norm = n(text).replace(/[،,]/g, " ").replace(/\s+/g, " ").trim();
  const m = AR_RE.exec(norm);
  if (m) {
    const party = m[1].trim();
    if (!party) return undefined;
    const verdict = m[2];
    const stance = verdict
      ? AR_FALSE.includes(verdict)
        ? "denied"
        : "asserted"
      : cueStance === "denied"
        ? "denied"
        : cueStance === "asserted"
          ? "asserted"
          : undefined;
    if (!stance) return undefined;
    return { party, stance };
  }
  return undefined;
}

/**
 * Whether a source name is the party a reference names: every content word of the party
 * ("the ministry" → ministry; «الوزارة» → وزاره) is in the name or an alias.
 */
export function partyMatches(party: string, names: string[]): boolean {
  const words = (s: string) =>
    n(s)
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .map((w) => w.replace(/^(?:وال|فال|بال|لل|ال)(?=\p{L}{2})/u, ""))
      .filter((w) => w.length > 1 && !["the", "of", "s", "for", "and"].includes(w));
  const need = words(party);
  if (!need.length) return false;
  return names.some((name) => {
    const have = new Set(words(name));
    return need.every((w) => have.has(w) || [...have].some((h) => h.length >= 4 && w.length >= 4 && (h.startsWith(w) || w.startsWith(h))));
  });
}
