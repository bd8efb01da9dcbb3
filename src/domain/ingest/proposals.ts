/**
 * The assistant's complete proposal for every suggestion: attach it to the claim that states
 * the same proposition (one already stored, or one proposed earlier in this report), create a
 * new claim, or reject it — with the speaker, stance, quote, dates and the reasons. A proposal
 * is exactly an item `POST /documents/:id/suggestions` accepts, so "accept the proposals
 * unchanged" is one call (the review page pre-selects them; `ingest --accept-proposals` sends
 * them). The analyst can change any of it.
 *
 * Rules, in order (each proposal says which one decided it):
 *   1. Already recorded from exactly this quote → reject (recording it twice adds nothing).
 *   2. Not a checkable proposition (a bare name, a fragment) → reject.
 *   3. The same proposition as a stored claim or an earlier new claim of this report
 *      (engine/proposition.ts: the actors agree once each speaker is counted, the predicate
 *      words overlap) → attach to it. The best-scoring candidate wins.
 *   4. Otherwise → a new claim.
 * A speaker never takes both stances on one claim within one report: the later statement is
 * proposed for rejection with the reason, since one of the two readings is wrong.
 * The outlet's own voice on a stored claim takes its stance from the stance classifier, which
 * reads the whole report against that claim (a debunk rarely restates what it debunks).
 * Pure apart from its inputs: no database access here.
 */
import { sameProposition, type EntityDictionary } from "../../engine/index.ts";
import { hasArabic } from "../../engine/normalize.ts";
import type { Suggestion } from "../../extract/extract.ts";
import { outletNames } from "../../extract/outlet.ts";
import { partyMatches, statementReference } from "../../extract/reference.ts";

/** The speaker kinds of the extractor, as source kinds. */
export const SPEAKER_KIND: Record<string, string> = {
  anonymous: "anonymous",
  person: "person",
  official_body: "official_body",
  outlet: "outlet",
  state: "official_body",
  unknown: "other",
};

export interface Proposal {
  index: number;
  decision: "accept" | "merge" | "reject";
  claimText?: string;
  language?: string;
  speakerId?: number;
  speakerName?: string;
  speakerKind?: string;
  speakerParentId?: number;
  /** A new speaker's parent that is not a known source yet: created with it (accept-suggestions.ts). */
  speakerParentName?: string;
  speakerParentAliases?: string[];
  speakerAliases?: string[];
  stance?: "asserted" | "denied" | "unverified";
  quote?: string;
  quoteStart?: number;
  quoteEnd?: number;
  statedAt?: string;
  eventDate?: string;
  tags?: string[];
  mergeInto?: { claimId: number } | { item: number };
}

export interface ProposalView {
  proposal: Proposal;
  /** Why, in plain words; the first line is the decision. */
  why: string[];
}

/** A stored claim the proposal may attach to, with who already stands on it. */
export interface StoredCandidate {
  claimId: number;
  text: string;
  /** Names of sources with an attribution on it (the subject its text may leave implicit). */
  speakers: string[];
  /** Cosine of the suggestion's and the claim's sentence vectors, when both have one. */
  cosine?: number;
}

/** The stance classifier's reading of the whole report against a stored claim. */
export interface DocumentStance {
  claimId: number;
  stance: "asserted" | "denied" | "unverified";
  reasons: string[];
}

export interface ProposalInput {
  suggestions: Array<
    Suggestion & { index: number; recorded: { attributionId: number; claimId: number }[]; origin?: "stance" | "own-voice"; targetClaimId?: number }
  >;
  /** Per suggestion index: stored claims retrieved for it. */
  candidates: Map<number, StoredCandidate[]>;
  /** Per stored claim: the stance the report as a whole takes on it. */
  documentStances: Map<number, DocumentStance>;
  dict: EntityDictionary;
  publisherId: number | null;
  /** The publisher's name (the outlet's own voice). */
  outletName: string | null;
  /** The outlet's other names in the text («بوليتكال كيز» beside "Political Keys"). */
  outletAliases?: string[];
  /** Source id of the outlet the text names, when it is a known source. */
  outletSourceId: number | null;
  /** The report's publication day (YYYY-MM-DD), the statements' date unless they give one. */
  publishedDay: string | null;
  /**
   * Per suggestion index, for a suggestion that only refers to another party's statement
   * ("The ministry's announcement is false"): the stored claims that party asserted, best first.
   */
  partyClaims?: Map<number, StoredCandidate[]>;
}

/** At least this many letters, and two content words, make a checkable proposition. */
const MIN_LETTERS = 12;

function checkable(s: Suggestion): string | null {
  const letters = s.claimText.replace(/[^\p{L}]/gu, "").length;
  if (letters < MIN_LETTERS) return "too short to be a checkable statement";
  const words = s.claimText.split(/\s+/).filter((w) => /\p{L}{2}/u.test(w));
  if (words.length < 3) return "a name or a fragment, not a statement";
  return null;
}

/** Speaker identity within one report: the matched source, or the new name. */
function speakerKey(s: Suggestion): string {
  return s.speaker.matchedSourceId !== undefined ? `id:${String(s.speaker.matchedSourceId)}` : `new:${s.speaker.kind ?? ""}:${s.speaker.name}`;
}

function isOwnVoice(s: ProposalInput["suggestions"][number], outletName: string | null): boolean {
  return (
    s.origin === "own-voice" || (s.speaker.kind === "outlet" && (outletName === null || s.speaker.name === outletName || s.speaker.matchedVia === "outlet"))
  );
}

/**
 * The event date: the sentence's first resolved day, leaving out "today" («اليوم الخميس 28 آذار»):
 * that is when the words were said or published, not when the event happened ("meetings were held
 * days ago", reported today), and it is already the statement date.
 */
function firstDate(s: Suggestion): string | undefined {
  return s.details.resolvedDates?.find((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.date) && !/(?:^|[^\p{L}])(?:اليوم|today)(?![\p{L}])/iu.test(d.text))?.date;
}

/**
 * The outlet an anonymous source spoke to, as a new source: under every name the text gives it,
 * so the Arabic «بوليتكال كيز» finds the outlet created as "Political Keys" in the next report.
 */
function outletParent(named: string, input: Pick<ProposalInput, "outletName" | "outletAliases">): { name: string; aliases: string[] } {
  const own = outletNames(named);
  if (own.name !== input.outletName) return own;
  return { name: own.name, aliases: [...new Set([...own.aliases, ...(input.outletAliases ?? [])])].filter((a) => a !== own.name) };
}

function speakerFields(
  s: Suggestion,
  input: ProposalInput,
): Pick<Proposal, "speakerId" | "speakerName" | "speakerKind" | "speakerParentId" | "speakerParentName" | "speakerParentAliases" | "speakerAliases"> {
  const sp = s.speaker;
  // a known source under another name keeps that name as an alias (speaker-variants.ts)
  if (sp.matchedSourceId !== undefined && sp.matchedVia !== "role")
    return { speakerId: Number(sp.matchedSourceId), ...(sp.aliases?.length ? { speakerAliases: sp.aliases } : {}) };
  const kind = SPEAKER_KIND[sp.kind ?? "unknown"] ?? "other";
  // A person speaking for a known body belongs to it; an anonymous source to the outlet it spoke to.
  // A body named as part of another (its media centre, its spokesman's office) belongs to that one.
  const parent =
    sp.matchedVia === "role" && sp.matchedSourceId !== undefined
      ? Number(sp.matchedSourceId)
      : kind === "anonymous"
        ? (input.outletSourceId ?? input.publisherId ?? undefined)
        : sp.parent?.matchedSourceId !== undefined
          ? Number(sp.parent.matchedSourceId)
          : undefined;
  // An anonymous source of an outlet not on file: that outlet is proposed as a new source with it.
  const outletNamed = kind === "anonymous" ? (sp.outlet ?? input.outletName ?? undefined) : undefined;
  const newParent = parent === undefined ? (sp.parent ?? (outletNamed ? outletParent(outletNamed, input) : undefined)) : undefined;
  const aliases = [...new Set([...(sp.aliases ?? []), ...(sp.surface && sp.surface.trim() !== sp.name && !sp.resolvedFrom ? [sp.surface.trim()] : [])])].filter(
    (a) => a !== sp.name,
  );
  return {
    speakerName: sp.name,
    speakerKind: kind,
    ...(parent !== undefined ? { speakerParentId: parent } : {}),
    ...(newParent ? { speakerParentName: newParent.name, ...(newParent.aliases.length ? { speakerParentAliases: newParent.aliases } : {}) } : {}),
    ...(aliases.length ? { speakerAliases: aliases } : {}),
  };
}

/** Rule 1: a suggestion already recorded from exactly its quote is proposed for rejection (recording it twice adds nothing). */
export function alreadyRecorded(s: { index: number; recorded: { attributionId: number; claimId: number }[] }): ProposalView | null {
  const [first] = s.recorded;
  if (!first) return null;
  return {
    proposal: { index: s.index, decision: "reject" },
    why: [`Reject: already recorded from this quote (attribution #${first.attributionId} on claim #${first.claimId}).`],
  };
}

export function proposeAll(input: ProposalInput): ProposalView[] {
  const out: ProposalView[] = [];
  /** New claims proposed so far in this report: suggestion index → its text and speaker. */
  const newClaims: Array<{ item: number; text: string; speaker: string; speakerKey: string; headline: boolean }> = [];
  /** (target, speaker) → stance and suggestion number, to keep one speaker to one stance per claim. */
  const stances = new Map<string, { stance: string; n: number }>();

  for (const s of input.suggestions) {
    const base: Proposal = { index: s.index, decision: "reject" };
    const recorded = alreadyRecorded(s);
    if (recorded) {
      out.push(recorded);
      continue;
    }
    // "The ministry's announcement is false": a stance on what the ministry said, not a claim.
    const ref = s.origin ? undefined : statementReference(s.claimText, s.stance);
    if (ref) {
      const earlier = [...newClaims].reverse().find((c) => c.speakerKey !== speakerKey(s) && partyMatches(ref.party, [c.speaker]));
      const stored = (input.partyClaims?.get(s.index) ?? [])[0];
      const target: { claimId: number } | { item: number } | undefined = earlier ? { item: earlier.item } : stored ? { claimId: stored.claimId } : undefined;
      if (!target) {
        out.push({
          proposal: base,
          why: [
            `Reject: «${s.claimText}» refers to what ${ref.party} said, and no claim of theirs is stored — record their statement first, then attach this ${ref.stance === "denied" ? "denial" : "confirmation"} to it.`,
          ],
        });
        continue;
      }
      const key = `${"claimId" in target ? `c${target.claimId}` : `s${target.item}`}|${speakerKey(s)}`;
      const prior = stances.get(key);
      if (prior && prior.stance !== ref.stance) {
        out.push({
          proposal: base,
          why: [
            `Reject: the same speaker ${prior.stance} this claim in suggestion ${prior.n + 1} of this report; one of the two readings is wrong — check both.`,
          ],
        });
        continue;
      }
      stances.set(key, { stance: ref.stance, n: s.index });
      const label = earlier
        ? `the new claim of suggestion ${earlier.item + 1} («${earlier.text.slice(0, 80)}»)`
        : `claim #${stored.claimId} («${stored.text.slice(0, 80)}», stated by ${stored.speakers[0] ?? "them"})`;
      out.push({
        proposal: {
          index: s.index,
          decision: "merge",
          mergeInto: target,
          ...speakerFields(s, input),
          stance: ref.stance,
          quote: s.quote.text,
          quoteStart: s.quote.start,
          quoteEnd: s.quote.end,
          ...(input.publishedDay ? { statedAt: input.publishedDay } : {}),
        },
        why: [
          `Attach to ${label}: «${s.claimText}» ${ref.stance === "denied" ? "denies" : "confirms"} what ${ref.party} said, so the speaker ${ref.stance} that claim.`,
        ],
      });
      continue;
    }
    const notCheckable = s.origin === "stance" ? null : checkable(s);
    if (notCheckable) {
      out.push({ proposal: base, why: [`Reject: ${notCheckable} («${s.claimText}»).`] });
      continue;
    }

    // Where it goes: the claim the stance suggestion was made for, else the best same-proposition match.
    const why: string[] = [];
    let target: { claimId: number } | { item: number } | undefined;
    if (s.origin === "stance" && s.targetClaimId !== undefined) {
      target = { claimId: s.targetClaimId };
      why.push(`Attach to claim #${s.targetClaimId}: the report as a whole takes a stance on it.`);
    } else {
      let best: { target: { claimId: number } | { item: number }; score: number; reasons: string[]; label: string } | undefined;
      const me = { text: s.claimText, speaker: s.speaker.name };
      for (const c of input.candidates.get(s.index) ?? []) {
        const m = sameProposition(me, { text: c.text, speaker: c.speakers[0] }, { entities: input.dict, cosine: c.cosine });
        if (m.same && (!best || m.score > best.score))
          best = { target: { claimId: c.claimId }, score: m.score, reasons: m.reasons, label: `claim #${c.claimId}` };
      }
      for (const c of newClaims) {
        // One speaker's successive statements in one report are different statements; only a
        // headline restates the body (the same army denial in the title and in the text).
        if (c.speakerKey === speakerKey(s) && !c.headline && !s.headline) continue;
        const m = sameProposition(me, { text: c.text, speaker: c.speaker }, { entities: input.dict });
        if (m.same && (!best || m.score > best.score))
          best = { target: { item: c.item }, score: m.score, reasons: m.reasons, label: `the new claim of suggestion ${c.item + 1}` };
      }
      if (best) {
        target = best.target;
        why.push(`Attach to ${best.label}: it states the same proposition (${best.reasons.join("; ")}).`);
      }
    }

    // The stance: the extractor's cue, except the outlet's own voice on a stored claim, which the
    // stance classifier reads from the whole report.
    let stance = s.stance;
    if (target && "claimId" in target && s.origin !== "stance" && isOwnVoice(s, input.outletName)) {
      const ds = input.documentStances.get(target.claimId);
      if (ds && ds.stance !== stance) {
        why.push(`Stance ${ds.stance}, not ${stance}: read from the whole report against the claim (${ds.reasons.slice(0, 2).join("; ")}).`);
        stance = ds.stance;
      }
    }

    const key = target ? `${"claimId" in target ? `c${target.claimId}` : `s${target.item}`}|${speakerKey(s)}` : undefined;
    const prior = key ? stances.get(key) : undefined;
    if (prior && prior.stance !== stance) {
      out.push({
        proposal: base,
        why: [
          `Reject: the same speaker ${prior.stance} this claim in suggestion ${prior.n + 1} of this report; one of the two readings is wrong — check both.`,
        ],
      });
      continue;
    }

    const proposal: Proposal = {
      index: s.index,
      decision: target ? "merge" : "accept",
      ...(target ? { mergeInto: target } : { claimText: s.claimText, language: hasArabic(s.claimText) ? "ar" : "en" }),
      ...speakerFields(s, input),
      stance,
      quote: s.quote.text,
      quoteStart: s.quote.start,
      quoteEnd: s.quote.end,
      ...(input.publishedDay ? { statedAt: input.publishedDay } : {}),
      ...(!target && firstDate(s) ? { eventDate: firstDate(s) } : {}),
    };
    if (!target) {
      why.unshift("New claim: no stored claim or earlier suggestion states the same proposition.");
      newClaims.push({ item: s.index, text: s.claimText, speaker: s.speaker.name, speakerKey: speakerKey(s), headline: Boolean(s.headline) });
      stances.set(`s${s.index}|${speakerKey(s)}`, { stance, n: s.index });
    } else if (key) stances.set(key, { stance, n: s.index });
    out.push({ proposal, why });
  }
  return out;
}
