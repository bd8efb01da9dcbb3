/**
 * The engine's and the extractor's reasons in the interface's language.
 *
 * The engine, the extractor and the proposal step write their reasons as English sentences
 * with the evidence quoted inside («…», "…", '…'). Those strings are what the store, the audit
 * trail, the API and the exports keep, unchanged: they are the engine's own record and what a
 * tuner searches for. For the pages, each known sentence shape is recognised here and rewritten
 * from the catalogue (locales/*.json, `reasonText.*`), with the quoted evidence, names, numbers
 * and dates carried over exactly as written. A shape nobody has translated stays as the engine
 * wrote it, and test/i18n/reason-text.test.ts fails when the seed reports, the end-to-end
 * stories or the engine's own tests produce one, so a new reason cannot ship in English only.
 *
 * Group names in the patterns say how a captured value is carried over:
 *   r_x   another reason (or several joined by "; "), rewritten in turn
 *   s_x   a stance (asserted / denied / unverified), shown as the catalogue's word for it
 *   k_x   an extractor cue kind (verb, masdar …), from the catalogue
 *   f_x   a stance-cue family (denial cue, hedge …), from the catalogue
 *   n_x   a count (as `count`, so the catalogue's plural forms apply)
 *   c_x   an event concept a number counts (detainees, killed …), from the catalogue
 *   pc_x  a fraction 0–1, shown as a whole percentage
 *   anything else: evidence, kept as written
 */
import { t as translate, type Translate } from "../i18n/index.ts";

interface Rule {
  re: RegExp;
  key: string;
}

const STANCE = "(?:asserted|denied|unverified)";

function rule(source: string, key: string): Rule {
  return { re: new RegExp(`^${source}$`, "u"), key };
}

const RULES: Rule[] = [
  // Conflicts (engine/conflicts.ts, domain/conflicts/pair-conflicts.ts)
  rule("Opposite stances on the same claim: (?<a>.+) asserted it; (?<b>.+) denied it\\.", "conflict.opposite"),
  rule("A report denied: (?<a>.+) reported it without confirming it; (?<b>.+) denied it\\.", "conflict.reportedDenied"),
  rule(`(?<who>.+) reversed itself: it (?<s_first>${STANCE}) the claim on (?<d1>.+) and (?<s_then>${STANCE}) it on (?<d2>.+)\\.`, "conflict.reversal"),
  rule("Two accounts of the same event disagree on a detail: (?<r_detail>.+)\\.", "conflict.detail"),
  rule("The two claims contradict each other: confirmed by an analyst\\.", "conflict.byAnalyst"),
  rule("The two claims contradict each other: (?<r_why>.+)\\.", "conflict.contradict"),
  // Conflicting details (engine/details.ts, engine/event.ts)
  rule("dates differ: (?<a>.+?) vs (?<b>.+)", "detail.dates"),
  rule("times differ: (?<a>.+?) vs (?<b>.+)", "detail.times"),
  rule("numbers differ: (?<a>.+?) vs (?<b>.+?) \\((?<c_unit>[^()]+)\\)", "detail.numbersUnit"),
  rule("numbers differ: (?<a>.+?) vs (?<b>.+)", "detail.numbers"),
  rule("places differ: (?<a>.+?) vs (?<b>.+)", "detail.places"),
  rule("participants differ: (?<a>.+?) vs (?<b>.+)", "detail.participants"),
  // The pair classifier (engine/pair.ts) and retrieval (engine/match.ts)
  rule("however, (?<r_why>.+)", "pair.however"),
  rule("shared words: (?<list>.+)", "pair.sharedWords"),
  rule("(?<pct>\\d+)% of content words shared \\((?<list>.+)\\)", "pair.sharedPctList"),
  rule("(?<pct>\\d+)% of content words shared", "pair.sharedPct"),
  rule("shared entities: (?<list>.+)", "pair.sameActors"),
  rule("about the same actors: (?<list>.+)", "pair.sameActors"),
  rule("same actors: (?<list>.+)", "pair.sameActors"),
  rule("entities on one side only: (?<list>.+)", "pair.oneSideOnly"),
  rule("actors on one side only: (?<list>.+)", "pair.oneSideOnly"),
  rule("(?<n>\\d+) shared concept\\(s\\) across languages", "pair.otherLanguage"),
  rule("covers (?<pct>\\d+)% of the stored claim's key words(?: \\(BM25 [\\d.]+\\))?", "pair.keyWords"),
  rule("sentence meaning similarity (?<v>[\\d.]+)(?: \\((?:Arabic|English) sentence encoder\\))?", "pair.closeInMeaning"),
  rule("same meaning in other words, similarity (?<v>[\\d.]+)", "pair.sameMeaning"),
  rule("spelling similarity (?<pct>\\d+)%", "pair.similarSpelling"),
  rule("(?<a>\\d+) word\\(s\\) only in A, (?<b>\\d+) only in B", "pair.wordCounts"),
  rule("negation words: (?<a>\\d+) in A vs (?<b>\\d+) in B", "pair.negationCounts"),
  rule("'(?<w>[^']*)' only in [AB]", "pair.onlyOne"),
  rule("'(?<a>[^']*)' \\(A\\) replaced by '(?<b>[^']*)' \\(B\\)", "pair.replaced"),
  rule("negation in [AB] only: (?<list>.+)", "pair.negationOne"),
  rule("negation on both sides \\((?<list>.+)\\)", "pair.negationBoth"),
  rule("hedged/reported in [AB] only: (?<list>.+)", "pair.hedgeOne"),
  rule("opposites: (?<opp_list>.+)", "pair.opposites"),
  rule("same number on both sides: (?<n>.+)", "pair.sameNumber"),
  rule("(?<n>\\d+) of (?<m>\\d+) differing word\\(s\\) are rewordings of the other side", "pair.rewordings"),
  rule("(?<n>\\d+) word\\(s\\) differ with no counterpart \\((?<list>.*)\\)", "pair.noCounterpart"),
  rule("(?<n>\\d+) content word\\(s\\) in common \\((?<pct>\\d+)% of the shorter\\)", "pair.wordsInCommon"),
  rule("no content words in common", "pair.noWordsInCommon"),
  rule("the same wording with one part swapped \\((?<list>.+)\\)", "pair.oneSwapped"),
  rule("the same wording with parts swapped \\((?<list>.+)\\)", "pair.partsSwapped"),
  rule("shared words in another order", "pair.otherOrder"),
  rule("linked by an analyst as agreeing: (?<note>.+)", "pair.analystAgreeNote"),
  rule("linked by an analyst as agreeing", "pair.analystAgree"),
  rule("linked by an analyst as contradicting: (?<note>.+)", "pair.analystConflictNote"),
  rule("linked by an analyst as contradicting", "pair.analystConflict"),
  // The stance classifier (engine/stance.ts)
  rule("low overlap with the claim: [\\d.]+ \\(the claim has no content words\\)", "stance.noContentWords"),
  rule("low overlap with the claim: [\\d.]+ \\(the text is empty\\)", "stance.emptyText"),
  rule("low overlap with the claim: (?<pc_cov>[\\d.]+) of its words in the text, best sentence [\\d.]+", "stance.lowOverlap"),
  rule("overlap with the claim: (?<pc_cov>[\\d.]+) of its words in the text, best sentence (?<pc_best>[\\d.]+)", "stance.overlap"),
  rule("(?<f_family>[a-z -]+) '(?<cue>[^']*)' in: «(?<sentence>.*)»", "stance.cue"),
  rule("the claim is negative but the text carries no denial cue: it states what the claim denies", "stance.statesDenied"),
  rule("the sentences closest to the claim ask a question", "stance.question"),
  rule("no denial or hedge cue in the sentences closest to the claim", "stance.noCue"),
  rule("the claim itself is negative \\((?<list>.*)\\)", "stance.negativeClaim"),
  // Credibility suggestions (engine/credibility.ts)
  rule("contradicted by (?<list>.+)", "credibility.contradicted"),
  rule("confirmed by (?<n_count>\\d+) other independent reliable origin\\(s\\): (?<list>.+)", "credibility.confirmed"),
  rule("corroborated by (?<list>.+)", "credibility.corroborated"),
  rule("also supported by (?<list>.+)", "credibility.alsoSupported"),
  rule("single origin (?<who>.+) graded (?<grade>[^,]+), not contradicted", "credibility.singleGraded"),
  rule("rests only on anonymous sources of (?<outlet>.+)", "credibility.restsOnAnonymous"),
  rule("rests only on (?<who>.+)", "credibility.restsOn"),
  // Corroboration's name for one outlet's anonymous sources (engine/corroboration.ts)
  rule("anonymous sources of (?<outlet>.+)", "credibility.anonymousOf"),
  rule("a single origin \\((?<who>.+), (?<grade>[^,()]+)\\) with nothing to weigh it against", "credibility.singleNamed"),
  rule("a single origin with nothing to weigh it against", "credibility.single"),
  rule("(?<n_count>\\d+) copies of the same origin counted once", "credibility.copies"),
  rule("the report itself is hedged \\(unverified\\), so at best possibly true", "credibility.hedgedReport"),
  // The extractor (extract/*.ts)
  rule(`"(?<q>[^"]*)" continues the previous speaker`, "extract.continues"),
  rule(`"(?<q>[^"]*)" is passive: no speaker is named; attributed to the outlet`, "extract.passive"),
  rule(`the headline's "(?<a>[^"]*)" is (?<b>.+), who takes the same stance in the body`, "extract.headlineSpeaker"),
  rule(`"(?<a>[^"]*)" is (?<b>.+), named in full in the report`, "extract.namedInFull"),
  rule("headline: the verb's object is the other headline clause", "extract.headlineObject"),
  rule(`cue "(?<cue>[^"]*)" \\((?<k_kind>[a-z]+)\\) suggests (?<s_stance>${STANCE})`, "extract.cue"),
  rule(`"(?<q>[^"]*)" marks a relayed attribution → unverified`, "extract.relayCue"),
  rule(`the content is a denial \\("(?<q>[^"]*)"\\) → denied`, "extract.contentDenial"),
  rule("the speaker is anonymous \\((?<who>.+)\\) → unverified", "extract.anonymous"),
  rule(`hedged \\("(?<q>[^"]*)"\\) → unverified`, "extract.hedged"),
  rule("no named speaker → unverified", "extract.noSpeaker"),
  rule(`"(?<q>[^"]*)" is the outlet's own voice`, "extract.ownVoice"),
  rule(`headline verbal noun "(?<a>[^"]*)" with the agent "(?<b>[^"]*)"`, "extract.headlineMasdar"),
  rule(`subject before the verb "(?<q>[^"]*)"`, "extract.subjectFirst"),
  rule(`relayed by (?<who>.+?) \\("(?<q>[^"]*)"\\)`, "extract.relayedBy"),
  rule(`"(?<q>[^"]*)" names no speaker \\(passive\\): attributed to the outlet`, "extract.passiveOutlet"),
  rule("the outlet reports this without naming who announced it", "extract.outletUnnamed"),
  rule(`no speaker after "(?<q>[^"]*)": carried over from the previous statement`, "extract.carried"),
  rule("a short post with no reporting frame: the outlet's own statement", "extract.shortPost"),
  rule(`the report (?<s_stance>${STANCE}) stored claim #(?<id>\\d+) \\(probability (?<p>[\\d.]+)\\)`, "extract.documentStance"),
  // Speakers matched to known sources (domain/ingest/speaker-variants.ts, extract/source-variants.ts)
  rule("speaker: variant of known source «(?<name>.+?)» \\((?<r_why>.+)\\); «(?<whole>.+)» is the body it belongs to", "speaker.partOfVariant"),
  rule("speaker: «(?<part>.+?)» is a part of known source «(?<whole>.+)», not the same source: a new source belonging to it", "speaker.newPart"),
  rule("speaker: variant of known source «(?<name>.+?)» \\((?<r_why>.+)\\)", "speaker.variant"),
  rule("Speaker variant of known source «(?<name>.+?)» \\((?<r_why>.+)\\); «(?<whole>.+)» is the body it belongs to\\.", "speaker.partOfVariant"),
  rule("Speaker «(?<part>.+?)» is a part of known source «(?<whole>.+)», not the same source: a new source belonging to it\\.", "speaker.newPart"),
  rule("Speaker variant of known source «(?<name>.+?)» \\((?<r_why>.+)\\)\\.", "speaker.variant"),
  rule("«(?<a>.+?)» is «(?<b>.+)» written another way", "variant.spelling"),
  rule("«(?<a>.+?)» and «(?<b>.+?)» are names of (?<who>.+)", "variant.alias"),
  rule("«(?<a>.+?)» is the acronym of «(?<b>.+)»", "variant.acronym"),
  rule("the same (?<part>.+?) of the same body \\((?<r_why>.+)\\)", "variant.samePart"),
  rule("«(?<a>.+?)» names «(?<b>.+?)» with an aside \\((?<r_why>.+)\\)", "variant.aside"),
  rule("«(?<a>.+?)» is «(?<b>.+?)» with a description", "variant.description"),
  rule("«(?<a>.+?)» and «(?<b>.+?)» are spellings of one name", "variant.person"),
  // What the review proposes (domain/ingest/proposals.ts)
  rule("Reject: already recorded from this quote \\(attribution #(?<attr>\\d+) on claim #(?<id>\\d+)\\)\\.", "proposal.recorded"),
  rule(
    "Reject: «(?<text>.*)» refers to what (?<party>.+) said, and no claim of theirs is stored — record their statement first, then attach this denial to it\\.",
    "proposal.noPartyClaimDenial",
  ),
  rule(
    "Reject: «(?<text>.*)» refers to what (?<party>.+) said, and no claim of theirs is stored — record their statement first, then attach this confirmation to it\\.",
    "proposal.noPartyClaimConfirmation",
  ),
  rule(
    `Reject: the same speaker (?<s_stance>${STANCE}) this claim in suggestion (?<n>\\d+) of this report; one of the two readings is wrong — check both\\.`,
    "proposal.twoReadings",
  ),
  rule(
    `Attach to the new claim of suggestion (?<n>\\d+) \\(«(?<text>.*)»\\): «(?<quote>.*)» (?:denies|confirms) what (?<party>.+) said, so the speaker (?<s_stance>${STANCE}) that claim\\.`,
    "proposal.referenceNew",
  ),
  rule(
    `Attach to claim #(?<id>\\d+) \\(«(?<text>.*)», stated by (?<who>.+)\\): «(?<quote>.*)» (?:denies|confirms) what (?<party>.+) said, so the speaker (?<s_stance>${STANCE}) that claim\\.`,
    "proposal.referenceStored",
  ),
  rule("Reject: too short to be a checkable statement \\(«(?<text>.*)»\\)\\.", "proposal.tooShort"),
  rule("Reject: a name or a fragment, not a statement \\(«(?<text>.*)»\\)\\.", "proposal.fragment"),
  rule("Attach to claim #(?<id>\\d+): the report as a whole takes a stance on it\\.", "proposal.documentStance"),
  rule("Attach to claim #(?<id>\\d+): it states the same proposition \\((?<r_why>.*)\\)\\.", "proposal.sameStored"),
  rule("Attach to the new claim of suggestion (?<n>\\d+): it states the same proposition \\((?<r_why>.*)\\)\\.", "proposal.sameNew"),
  rule(`Stance (?<s_now>${STANCE}), not (?<s_was>${STANCE}): read from the whole report against the claim \\((?<r_why>.*)\\)\\.`, "proposal.stanceFromReport"),
  rule("New claim: no stored claim or earlier suggestion states the same proposition\\.", "proposal.newClaim"),
];

const FAMILIES: Record<string, string> = {
  "denial cue": "refute",
  "doubt cue": "refuteWeak",
  negation: "negation",
  hedge: "hedge",
  "modal hedge": "modal",
  "anonymous-source cue": "anon",
  "confirmation cue": "confirm",
  contrast: "contrast",
  "reported speech": "speech",
  "rumour-debunk cue": "debunk",
};

/** Splits "a; b; c" into reasons, keeping "; " inside parentheses or quotes together. */
function splitReasons(s: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "(" || c === "«") depth++;
    else if ((c === ")" || c === "»") && depth > 0) depth--;
    else if (c === ";" && s[i + 1] === " " && depth === 0) {
      out.push(s.slice(start, i));
      start = i + 2;
    }
  }
  out.push(s.slice(start));
  return out.filter(Boolean);
}

function ruleFor(reason: string): { rule: Rule; groups: Record<string, string> } | undefined {
  for (const r of RULES) {
    const m = r.re.exec(reason);
    if (m) return { rule: r, groups: m.groups ?? {} };
  }
  return undefined;
}

function carry(name: string, value: string, tr: Translate): [string, string | number] {
  const [prefix, rest] = name.includes("_") ? (name.split(/_(.*)/s) as [string, string]) : ["", name];
  switch (prefix) {
    case "r":
      return [
        rest,
        splitReasons(value)
          .map((v) => reasonText(v, tr))
          .join(tr("reasonText.joiner")),
      ];
    case "s":
      return [rest, tr(`stance.${value}`)];
    case "k":
      return [rest, tr(`reasonText.cueKind.${value}`)];
    case "f":
      return [rest, FAMILIES[value] ? tr(`reasonText.family.${FAMILIES[value]}`) : value];
    case "n":
      return [rest, Number(value)];
    case "c":
      return [rest, tr(`reasonText.concept.${value}`, { defaultValue: value })];
    case "pc":
      return [rest, String(Math.round(Number(value) * 100))];
    case "opp":
      return [rest, value.replace(/'([^']*)' \(A\) vs '([^']*)' \(B\)/g, "«$1» ↔ «$2»").replace(/; /g, tr("reasonText.joiner"))];
    default:
      return [name, value];
  }
}

/** `reason` in the interface's language (`tr`), or as written when its shape is unknown. */
export function reasonText(reason: string, tr: Translate = translate): string {
  const hit = ruleFor(reason.trim());
  if (!hit) return reason;
  if (hit.rule.key === "stance.cue" && !FAMILIES[hit.groups.f_family ?? ""]) return reason;
  const vars = Object.fromEntries(Object.entries(hit.groups).map(([k, v]) => carry(k, v ?? "", tr)));
  return tr(`reasonText.${hit.rule.key}`, vars);
}

/**
 * Notes the product writes on what it creates (accept-suggestions.ts: "Created from a suggestion
 * in document #4."), in the interface's language. Only a note exactly as written is rewritten:
 * once an analyst edits it, it is theirs and shown as they wrote it.
 */
const NOTE_RULES: Rule[] = [
  rule("Created from a suggestion in document #(?<id>\\d+)\\.", "note.fromSuggestion"),
  rule("Created from a suggestion in document #(?<id>\\d+), as the body a new source is part of\\.", "note.parentFromSuggestion"),
];

export function generatedNoteText(note: string, tr: Translate = translate): string {
  for (const r of NOTE_RULES) {
    const m = r.re.exec(note);
    if (m) return tr(`reasonText.${r.key}`, m.groups ?? {});
  }
  return note;
}

/** Whether a reason has a known shape (every part of it, for reasons that contain others). */
export function reasonKnown(reason: string): boolean {
  const hit = ruleFor(reason.trim());
  if (!hit) return false;
  if (hit.rule.key === "stance.cue" && !FAMILIES[hit.groups.f_family ?? ""]) return false;
  return Object.entries(hit.groups).every(([k, v]) => !k.startsWith("r_") || splitReasons(v ?? "").every(reasonKnown));
}

/** The catalogue keys the rules use (for the test that both languages have every one). */
export function reasonKeys(): string[] {
  return [...new Set([...RULES, ...NOTE_RULES].map((r) => `reasonText.${r.key}`))];
}

/**
 * The name of an extractor cue's family as the review shows it: an Arabic family is its verb
 * (أعلن، نفى) and stays as written; the English and internal ones come from the catalogue.
 */
export function cueFamilyText(family: string, tr: Translate = translate): string {
  if (/\p{Script=Arabic}/u.test(family)) return family;
  return tr(`reasonText.cueFamily.${family.replace(/ /g, "_")}`, { defaultValue: family });
}
