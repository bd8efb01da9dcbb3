/**
 * Do two claim texts state the same proposition? The question the extraction assistant asks
 * before it proposes to attach a statement to an existing claim rather than create a new one.
 *
 * It differs from the pair classifier (pair.ts), which asks whether two *claims* agree or
 * contradict. Here the texts are propositions as a report states them, often without their
 * subject: "denied forming a joint centre with the SDF", said by the Iraqi army, and
 * "announced forming a joint centre with the Iraqi army", said by the SDF's media centre,
 * are one proposition — the SDF and the Iraqi army formed a joint centre — once each speaker
 * is counted among the participants it leaves implicit. A denial's text is the proposition
 * denied, so stance never enters: one claim asserted by one side and denied by the other is
 * exactly what must end up as one claim.
 *
 * The decision is explainable and deliberately conservative (a wrong merge makes a false
 * conflict; a missed one leaves two claims an analyst can still merge):
 *   - the actors taking part must agree: at least two shared, or one shared and neither side
 *     naming an actor the other lacks;
 *   - the predicate — the content words that are not entity names — must overlap: at least three
 *     shared words covering half of the shorter side (or, with sentence vectors, a cosine
 *     that says the same meaning).
 * Pure: plain values in, a decision with reasons out.
 */
import { resolveEntities, type EntityDictionary, defaultEntities, type EntityMention } from "./entities.ts";
import { contentTerms, termOf } from "./text.ts";

export interface PropositionInput {
  text: string;
  /** Who states it, when the text leaves its subject implicit ("denied forming …"). */
  speaker?: string;
}

export interface PropositionMatch {
  same: boolean;
  /** 0–1, for ranking candidates; comparable across candidates of one query. */
  score: number;
  sharedActors: string[];
  sharedWords: string[];
  reasons: string[];
}

export interface PropositionOptions {
  entities?: EntityDictionary;
  /** Cosine of the two texts' sentence vectors, when both have one. */
  cosine?: number;
}

/** Frame and filler words that say how something was reported, not what: never predicate evidence. */
const FRAME_TERMS = new Set(
  [
    "deny",
    "denied",
    "denies",
    "reject",
    "refute",
    "said",
    "say",
    "says",
    "claim",
    "claimed",
    "report",
    "reported",
    "announce",
    "announced",
    "confirm",
    "confirmed",
    "state",
    "stated",
    "told",
    "accord",
    "according",
    "also",
    "new",
    "forces",
    "force",
    "side",
    "نفى",
    "ينفي",
    "نفي",
    "نفيا",
    "اعلن",
    "يعلن",
    "اكد",
    "قال",
    "يقول",
    "اضاف",
    "افاد",
    "ذكر",
    "قوات",
    "قوه",
    "جانب",
    "طرف",
    "مصادر",
    "مصدر",
  ].map(termOf),
);

interface Analysed {
  actors: Map<string, string>;
  places: Set<string>;
  words: Set<string>;
}

function mentionTerms(m: EntityMention): string[] {
  return m.mention.split(/\s+/).map(termOf).filter(Boolean);
}

function analyse(p: PropositionInput, dict: EntityDictionary): Analysed {
  const mentions = resolveEntities(p.text, dict);
  const entityTerms = new Set(mentions.flatMap(mentionTerms));
  const actors = new Map<string, string>();
  const places = new Set<string>();
  for (const m of mentions) {
    if (m.kind === "place") places.add(m.id);
    else actors.set(m.id, m.label);
  }
  // The speaker is a participant the text leaves implicit; a place in its name is not.
  if (p.speaker) for (const m of resolveEntities(p.speaker, dict)) if (m.kind !== "place") actors.set(m.id, m.label);
  const words = new Set(contentTerms(p.text).filter((t) => !entityTerms.has(t) && !FRAME_TERMS.has(t) && !/^\d+$/.test(t)));
  return { actors, places, words };
}

/** Minimum cosine that counts as "the same meaning" on its own word evidence of one shared word. */
export const SAME_MEANING_COSINE = 0.8;

export function sameProposition(a: PropositionInput, b: PropositionInput, opts: PropositionOptions = {}): PropositionMatch {
  const dict = opts.entities ?? defaultEntities;
  const x = analyse(a, dict);
  const y = analyse(b, dict);
  const sharedActors = [...x.actors.keys()].filter((id) => y.actors.has(id));
  const onlyX = [...x.actors.keys()].filter((id) => !y.actors.has(id));
  const onlyY = [...y.actors.keys()].filter((id) => !x.actors.has(id));
  const sharedWords = [...x.words].filter((w) => y.words.has(w));
  const shorter = Math.max(1, Math.min(x.words.size, y.words.size));
  const cover = sharedWords.length / shorter;
  const cos = opts.cosine;

  const actorsAgree =
    sharedActors.length >= 2 || (sharedActors.length === 1 && (onlyX.length === 0 || onlyY.length === 0)) || (x.actors.size === 0 && y.actors.size === 0);
  const wordsAgree = (sharedWords.length >= 3 && cover >= 0.5) || (cos !== undefined && cos >= SAME_MEANING_COSINE && sharedWords.length >= 1);
  // Two sides each naming actors the other lacks describe different events (a joint room with
  // the Russian army is not a joint centre with the Iraqi army), whatever their words share.
  const clash = onlyX.length > 0 && onlyY.length > 0 && sharedActors.length < 2;
  const same = actorsAgree && wordsAgree && !clash;

  const actorScore = x.actors.size + y.actors.size ? (2 * sharedActors.length) / (x.actors.size + y.actors.size) : 0.5;
  const score = Math.round((0.5 * Math.min(1, cover) + 0.3 * actorScore + 0.2 * (cos ?? cover)) * 1000) / 1000;

  const label = (id: string) => x.actors.get(id) ?? y.actors.get(id) ?? id;
  const reasons: string[] = [];
  if (sharedActors.length) reasons.push(`same actors: ${sharedActors.map(label).join(", ")}`);
  if (onlyX.length || onlyY.length) reasons.push(`actors on one side only: ${[...onlyX, ...onlyY].map(label).join(", ")}`);
  reasons.push(
    sharedWords.length ? `${sharedWords.length} content word(s) in common (${Math.round(cover * 100)}% of the shorter)` : "no content words in common",
  );
  if (cos !== undefined) reasons.push(`sentence meaning similarity ${cos.toFixed(2)}`);
  return { same, score, sharedActors: sharedActors.map(label), sharedWords, reasons };
}
