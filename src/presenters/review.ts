/**
 * The suggestions review page's data (GET/POST /documents/:id/suggestions): the document text
 * cut at every quote, and per suggestion its proposal as the form's defaults — or, when the form
 * is shown again after an error, what was posted, with each message beside its field.
 */
import { formatNumber, t } from "../i18n/index.ts";
import type { DocumentSuggestions } from "../domain/ingest/suggestions-for.ts";
import type { ReviewJob } from "../domain/ingest/review-jobs.ts";
import { SOURCE_KINDS } from "../validation/fields.ts";
import { isolateQuoted, plainReasons, strength, type PlainReasons } from "./reasons.ts";
import { cueFamilyText, reasonText } from "./reason-text.ts";

const technicalToo = (r: PlainReasons, score: number): PlainReasons => ({ plain: r.plain, technical: [...r.technical, `score ${score}`] });

const SPEAKER_KIND: Record<string, string> = {
  anonymous: "anonymous",
  person: "person",
  official_body: "official_body",
  outlet: "outlet",
  state: "official_body",
  unknown: "other",
};

export interface Segment {
  text: string;
  /** Set on the first piece of a highlighted quote: the anchor `q-N`. */
  id?: string;
  marked: boolean;
  classes: string;
  title: string;
}

/**
 * The document text cut at every quote boundary, each piece tagged with the quotes that
 * cover it. Templates escape each piece; nothing here is HTML.
 */
export function highlightSegments(text: string, quotes: { n: number; start: number; end: number }[]): Segment[] {
  const valid = quotes.filter((q) => q.start >= 0 && q.end <= text.length && q.end > q.start);
  const cuts = [...new Set([0, text.length, ...valid.flatMap((q) => [q.start, q.end])])].sort((a, b) => a - b);
  const anchored = new Set<number>();
  const out: Segment[] = [];
  for (let i = 0; i + 1 < cuts.length; i++) {
    const [a, b] = [cuts[i], cuts[i + 1]];
    const covering = valid.filter((q) => q.start <= a && q.end >= b);
    const piece = text.slice(a, b);
    if (!covering.length) {
      out.push({ text: piece, marked: false, classes: "", title: "" });
      continue;
    }
    // Each quote is anchored where it starts; quotes starting at the same place get empty anchors.
    const starting = covering.filter((q) => !anchored.has(q.n) && q.start === a);
    for (const q of starting) anchored.add(q.n);
    const first = starting.pop();
    for (const q of starting) out.push({ text: "", id: `q-${q.n}`, marked: true, classes: `q-${q.n}`, title: t("ingest.suggestionN", { n: q.n + 1 }) });
    out.push({
      text: piece,
      marked: true,
      ...(first ? { id: `q-${first.n}` } : {}),
      classes: covering.map((q) => `q-${q.n}`).join(" "),
      title: t("ingest.suggestionN", { n: covering.map((q) => q.n + 1).join(", ") }),
    });
  }
  return out;
}

/** Text before or after a page's quotes shorter than this is shown as it is, not folded away. */
export const FOLD_MIN_CHARS = 600;

export interface FocusedText {
  /** The text before the paragraph of the page's first quote, folded away (null when short or none). */
  before: { segments: Segment[]; chars: number } | null;
  /** From the paragraph of the first quote to the end of the last quote's paragraph, quotes marked. */
  focus: Segment[];
  after: { segments: Segment[]; chars: number } | null;
}

/**
 * The document text for one review page, opened where this page's quotes are. Page 7 of a long
 * report has its quotes far down the text: the reader sees the paragraphs that hold them, and
 * the text before and after stays one click away (folded, with its length) rather than making
 * them scroll past it. Nothing is cut: the three parts joined are the document text exactly.
 */
export function focusedText(text: string, quotes: { n: number; start: number; end: number }[]): FocusedText {
  const valid = quotes.filter((q) => q.start >= 0 && q.end <= text.length && q.end > q.start);
  if (!valid.length) return { before: null, focus: highlightSegments(text, []), after: null };
  const first = Math.min(...valid.map((q) => q.start));
  const last = Math.max(...valid.map((q) => q.end));
  // widen to whole paragraphs (a blank-line break, or a line break when there is none near)
  const paraStart = (at: number) => {
    const blank = text.lastIndexOf("\n\n", at);
    const line = text.lastIndexOf("\n", at);
    const cut = blank >= 0 && at - blank < 2000 ? blank + 2 : line >= 0 ? line + 1 : 0;
    return Math.min(cut, at);
  };
  const paraEnd = (at: number) => {
    const blank = text.indexOf("\n\n", at);
    const line = text.indexOf("\n", at);
    const cut = blank >= 0 && blank - at < 2000 ? blank : line >= 0 ? line : text.length;
    return Math.max(cut, at);
  };
  let from = paraStart(first);
  let to = paraEnd(last);
  if (from < FOLD_MIN_CHARS) from = 0;
  if (text.length - to < FOLD_MIN_CHARS) to = text.length;
  const shifted = valid.map((q) => ({ n: q.n, start: q.start - from, end: q.end - from }));
  const plain = (a: number, b: number) => ({ segments: highlightSegments(text.slice(a, b), []), chars: b - a });
  return {
    before: from > 0 ? plain(0, from) : null,
    focus: highlightSegments(text.slice(from, to), shifted),
    after: to < text.length ? plain(to, text.length) : null,
  };
}

function day(d: Date | null | undefined): string {
  return d ? d.toISOString().slice(0, 10) : "";
}

/** Who a new speaker source would belong to: the body a person speaks for, or the outlet anonymous sources spoke to. */
function parentOf(speaker: DocumentSuggestions["suggestions"][number]["speaker"], outletSourceId: number | null): string {
  if (speaker.matchedVia === "role" && speaker.matchedSourceId !== undefined) return String(speaker.matchedSourceId);
  if (speaker.kind === "anonymous" && outletSourceId !== null) return String(outletSourceId);
  return "";
}

/** Which page of the review is shown: its number (from 1), the suggestion indices on it, and the page count. */
export interface ReviewPage {
  number: number;
  count: number;
  indices: number[];
}

/**
 * The review page's data: per suggestion on this page its defaults, or what was posted when
 * re-rendering. Only this page's quotes are highlighted, and "the new claim of suggestion k"
 * offers only this page's suggestions (a page holds whole linked groups: review-pages.ts).
 */
export function presentReview(
  review: DocumentSuggestions,
  page: ReviewPage,
  sources: { id: number; name: string; kind: string }[],
  publishedAt: Date | null,
  posted?: Record<string, unknown>,
  errors: Record<string, string> = {},
) {
  const onPage = new Set(page.indices);
  const shown = review.suggestions.filter((s) => onPage.has(s.index));
  const value = (n: number, field: string, fallback: string): string => {
    if (!posted) return fallback;
    const v = posted[`i${n}_${field}`];
    return typeof v === "string" ? v : "";
  };
  const items = shown.map((s) => {
    const n = s.index;
    const kind = SPEAKER_KIND[s.speaker.kind ?? "unknown"] ?? "other";
    const defaultSpeaker = s.speaker.matchedSourceId !== undefined ? String(s.speaker.matchedSourceId) : "";
    // The assistant's proposal is what the page starts from (proposals.ts); the analyst changes it.
    const p = s.proposal;
    const proposedTarget = p.mergeInto ? ("claimId" in p.mergeInto ? `c${p.mergeInto.claimId}` : `s${p.mergeInto.item}`) : "";
    const speakerId = value(n, "speakerId", p.speakerId !== undefined ? String(p.speakerId) : p.speakerName !== undefined ? "" : defaultSpeaker);
    const decision = value(n, "decision", p.decision);
    const mergeInto = value(n, "mergeInto", proposedTarget || (s.matches[0] ? `c${s.matches[0].claimId}` : ""));
    const speakerKind = value(n, "speakerKind", kind);
    const stance = value(n, "stance", p.stance ?? s.stance);
    // the proposal's target is always offered, even when it is no pair-classifier match
    const targetOption =
      p.mergeInto && "claimId" in p.mergeInto && !s.matches.some((m) => `c${m.claimId}` === proposedTarget)
        ? [{ claimId: p.mergeInto.claimId, relation: "proposed", score: "", value: proposedTarget, selected: mergeInto === proposedTarget }]
        : [];
    const speakerParentId = value(
      n,
      "speakerParentId",
      p.speakerParentId !== undefined ? String(p.speakerParentId) : parentOf(s.speaker, review.outletSourceId),
    );
    const err = (f: string) => errors[`i${n}_${f}`];
    return {
      n,
      number: n + 1,
      headline: s.headline ?? false,
      via: s.via ?? null,
      cue: { ...s.cue, familyLabel: cueFamilyText(s.cue.family), hintLabel: t(`stance.${s.cue.hint}`) },
      reasons: s.reasons.map((r) => isolateQuoted(reasonText(r))),
      details: s.details,
      speaker: s.speaker,
      recorded: s.recorded,
      proposalWhy: Array.isArray(s.proposalWhy) ? s.proposalWhy.map((r) => isolateQuoted(reasonText(r))) : s.proposalWhy,
      matches: [
        ...targetOption,
        ...s.matches.map((m) => ({
          ...m,
          value: `c${m.claimId}`,
          selected: mergeInto === `c${m.claimId}`,
          strength: strength(m.score),
          why: technicalToo(plainReasons(m.reasons, [s.claimText, m.text]), m.score),
        })),
      ],
      others: shown
        .filter((o) => o.index !== n)
        .map((o) => ({ value: `s${o.index}`, label: t("ingest.newClaimOf", { n: o.index + 1 }), selected: mergeInto === `s${o.index}` })),
      fields: {
        decision,
        claimText: value(n, "claimText", s.claimText),
        translation: value(n, "translation", ""),
        speakerId,
        speakerName: value(n, "speakerName", p.speakerName ?? (s.speaker.isNew || s.speaker.matchedVia === "role" ? s.speaker.name : "")),
        speakerAliases: value(n, "speakerAliases", (p.speakerAliases ?? []).join("\n")),
        eventDate: value(n, "eventDate", p.eventDate ?? ""),
        tags: value(n, "tags", ""),
        speakerParentId,
        speakerParentName: value(n, "speakerParentName", p.speakerParentName ?? ""),
        speakerParentAliases: value(n, "speakerParentAliases", (p.speakerParentAliases ?? []).join("\n")),
        stance,
        quote: value(n, "quote", s.quote.text),
        quoteStart: value(n, "quoteStart", String(s.quote.start)),
        quoteEnd: value(n, "quoteEnd", String(s.quote.end)),
        statedAt: value(n, "statedAt", p.statedAt ?? day(publishedAt)),
        mergeClaim: value(n, "mergeClaim", ""),
      },
      decisions: ["accept", "merge", "reject"].map((d) => ({ value: d, checked: decision === d })),
      stances: ["asserted", "denied", "unverified"].map((v) => ({ value: v, selected: stance === v })),
      kinds: SOURCE_KINDS.map((k) => ({ value: k, selected: speakerKind === k })),
      speakers: sources.map((src) => ({ id: src.id, name: src.name, kind: src.kind, selected: speakerId === String(src.id) })),
      // the body a new speaker is filed under (an anonymous source's outlet, a spokesman's ministry), shown and changeable
      parents: sources.map((src) => ({ id: src.id, name: src.name, selected: speakerParentId === String(src.id) })),
      errors: {
        decision: err("decision") ?? err("index"),
        claimText: err("claimText"),
        translation: err("translation"),
        speakerId: err("speakerId"),
        speakerName: err("speakerName") ?? err("speakerKind"),
        speakerParentId: err("speakerParentId"),
        speakerParentName: err("speakerParentName") ?? err("speakerParentAliases"),
        stance: err("stance"),
        quote: err("quote") ?? err("quoteStart") ?? err("quoteEnd"),
        statedAt: err("statedAt"),
        eventDate: err("eventDate"),
        tags: err("tags"),
        mergeInto: err("mergeInto"),
      },
    };
  });
  return {
    document: review.document,
    outlet: review.outlet,
    language: review.language,
    text: focusedText(
      review.document.text,
      shown.map((s) => ({ n: s.index, start: s.quote.start, end: s.quote.end })),
    ),
    items,
    total: review.suggestions.length,
    page: {
      number: page.number,
      count: page.count,
      first: (page.indices[0] ?? 0) + 1,
      last: (page.indices.at(-1) ?? 0) + 1,
      pager: { page: page.number, pages: page.count, total: review.suggestions.length },
    },
  };
}

/**
 * The progress page's data while a document's suggestions are computed: the phase in words, how
 * many statements are matched so far, the time taken and, once matching has started, an
 * estimate of the time left (the rate so far applied to what remains).
 */
export function presentProgress(job: ReviewJob, now: number) {
  const { phase, done, total } = job.progress;
  const elapsed = Math.max(0, now - job.startedAt) / 1000;
  const left = phase === "matching" && done > 0 && total > done ? Math.ceil((elapsed * (total - done)) / done) : undefined;
  return {
    phase,
    done,
    total,
    percent: total ? Math.floor((100 * done) / total) : 0,
    line:
      phase === "matching" && total ? t("review.progressMatching", { done: formatNumber(done), total: formatNumber(total) }) : t(`review.progress.${phase}`),
    elapsed: Math.round(elapsed),
    left,
  };
}
