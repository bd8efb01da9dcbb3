/**
 * The analyst's decisions on a document's suggestions, applied in ONE transaction (the
 * caller's): for each accepted item the speaker source is created when new (an anonymous one
 * belongs to the document's outlet), a claim is created — or, for "merge", an existing claim
 * (or the claim another item of this batch creates) is used — and the attribution is recorded
 * with its stance, verbatim quote and offsets. Every use case called writes its own audit
 * event, all under the caller's request id. Rejected items write nothing; any invalid item
 * fails the whole batch, so nothing is written at all.
 */
import { t } from "../../i18n/index.ts";
import type { Tx } from "../../db/client.ts";
import { hasArabic } from "../../engine/normalize.ts";
import { NotFoundError, ValidationError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { recordAttribution } from "../attributions/record-attribution.ts";
import { createClaim } from "../claims/create-claim.ts";
import { createSource } from "../sources/create-source.ts";
import { addSourceAliases } from "../sources/add-source-aliases.ts";
import { survivingSource } from "../sources/queries.ts";
import { extractSuggestions } from "../../extract/extract.ts";
import type { AcceptItem } from "./schema.ts";

export interface AcceptedItem {
  index: number;
  decision: AcceptItem["decision"];
  claimId?: number;
  attributionId?: number;
  sourceId?: number;
  claimCreated?: boolean;
  sourceCreated?: boolean;
}

export interface AcceptResult {
  documentId: number;
  claims: number[];
  attributions: number[];
  sources: number[];
  items: AcceptedItem[];
}

/** Messages keyed like zod's paths (`items.2.quote`), so every edge shows them by the field. */
function invalid(position: number, field: string, message: string): never {
  throw new ValidationError(t("errors.suggestionN", { n: position + 1, message }), { [`items.${position}.${field}`]: message });
}

/** Where the quote sits in the text: the given offsets if they slice it back, else its occurrence nearest to them. */
export function locateQuote(text: string, quote: string, start?: number, end?: number): { start: number; end: number } | null {
  if (start !== undefined && end !== undefined && text.slice(start, end) === quote) return { start, end };
  let best = -1;
  for (let at = text.indexOf(quote); at >= 0; at = text.indexOf(quote, at + 1)) {
    if (best < 0 || Math.abs(at - (start ?? 0)) < Math.abs(best - (start ?? 0))) best = at;
  }
  return best < 0 ? null : { start: best, end: best + quote.length };
}

export async function acceptSuggestions(tx: Tx, actor: Actor, documentId: number, items: AcceptItem[]): Promise<AcceptResult> {
  const doc = await tx.document.findUnique({ where: { id: documentId }, select: { id: true, text: true, publisherId: true } });
  if (!doc) throw new NotFoundError("The document");

  const positionOf = new Map<number, number>();
  items.forEach((it, p) => {
    if (positionOf.has(it.index)) invalid(p, "index", t("errors.suggestionTwice"));
    positionOf.set(it.index, p);
  });
  // Items that create claims go first, so a merge into "the claim of suggestion 3" finds it.
  const order = items.map((it, p) => ({ it, p })).filter(({ it }) => it.decision !== "reject");
  order.sort((a, b) => Number(a.it.decision === "merge") - Number(b.it.decision === "merge") || a.p - b.p);
  for (const { it, p } of order) {
    const target = it.mergeInto;
    if (it.decision === "merge" && target && "item" in target) {
      const q = positionOf.get(target.item);
      if (q === undefined || items[q].decision !== "accept")
        invalid(p, "mergeInto", `Suggestion ${target.item + 1} is not accepted as a new claim in this step.`);
    }
  }

  const result: AcceptResult = { documentId: doc.id, claims: [], attributions: [], sources: [], items: [] };
  const claimOfItem = new Map<number, number>();
  const newSources = new Map<string, number>();
  let extracted: ReturnType<typeof extractSuggestions>["suggestions"] | undefined;

  /**
   * The body a new source is part of, named but not yet a source («قوات سوريا الديمقراطية» for
   * its media centre): reused when a source of that name (or merged into one) exists, created
   * once per batch otherwise, with its short names («قسد») as its aliases. It is created as the
   * same kind of body as its part; an anonymous source's is an outlet, a person's an "other".
   */
  const parentSource = async (name: string, aliases: string[], childKind: string): Promise<number> => {
    const key = `parent\n${name}`;
    const seen = newSources.get(key);
    if (seen !== undefined) return seen;
    const named = await tx.source.findFirst({ where: { name }, orderBy: { id: "asc" }, select: { id: true } });
    const existing = named ? await survivingSource(tx, named.id) : null;
    // an anonymous source's body is the outlet it spoke to
    const kind = childKind === "anonymous" ? "outlet" : childKind === "person" || childKind === "spokesperson" ? "other" : childKind;
    const id =
      existing?.id ??
      (
        await createSource(tx, actor, {
          name,
          kind,
          reliability: "F",
          aliases, // createSource trims them and drops repeats and the name itself
          notes: `Created from a suggestion in document #${doc.id}, as the body a new source is part of.`,
          parentId: null,
        })
      ).id;
    if (!existing) result.sources.push(id);
    newSources.set(key, id);
    return id;
  };

  for (const { it, p } of order) {
    // The quote is evidence: it must occur verbatim in the document.
    let quote = it.quote;
    let span: { start: number; end: number } | null = null;
    if (quote) {
      span = locateQuote(doc.text, quote, it.quoteStart, it.quoteEnd);
      if (!span) invalid(p, "quote", t("errors.quoteVerbatim"));
    } else if (it.quoteStart !== undefined && it.quoteEnd !== undefined) {
      if (it.quoteEnd > doc.text.length) invalid(p, "quoteEnd", t("errors.offsets"));
      span = { start: it.quoteStart, end: it.quoteEnd };
      quote = doc.text.slice(span.start, span.end);
    } else {
      // No quote given: the item must be one of the assistant's suggestions for this text,
      // whose quote is then the evidence. Nothing is recorded as read in a document without it.
      const suggested = (extracted ??= extractSuggestions({ text: doc.text }).suggestions)[it.index];
      if (!suggested) invalid(p, "quote", t("errors.notASuggestion"));
      span = { start: suggested.quote.start, end: suggested.quote.end };
      quote = suggested.quote.text;
    }
    if (span && !quote.trim()) invalid(p, "quote", t("errors.quoteEmpty"));

    // The speaker: an existing source, or a new one created once per batch (and reused by name).
    let sourceId: number;
    let sourceCreated = false;
    if (it.speakerId !== undefined) {
      // A source merged into another lives on in it (merge-sources.ts): proposals made before the merge still apply.
      const known = await survivingSource(tx, it.speakerId);
      if (!known) invalid(p, "speakerId", t("errors.sourceMissing"));
      sourceId = known.id;
      // The name this report used for a known source (a variant of it) becomes one of its aliases.
      if (it.speakerAliases?.length) await addSourceAliases(tx, actor, sourceId, it.speakerAliases);
    } else {
      const name = it.speakerName!.trim();
      const kind = it.speakerKind ?? "other";
      const key = `${kind}\n${name}`;
      const known =
        newSources.get(key) ?? (await tx.source.findFirst({ where: { name, kind, mergedIntoId: null }, orderBy: { id: "asc" }, select: { id: true } }))?.id;
      if (known !== undefined) sourceId = known;
      else {
        // An anonymous source belongs to the outlet it spoke to (the review names it), else the publisher.
        let parentId = it.speakerParentId ?? (kind === "anonymous" ? doc.publisherId : null);
        if (parentId != null && !(await tx.source.findUnique({ where: { id: parentId }, select: { id: true } })))
          invalid(p, "speakerParentId", t("errors.sourceMissing"));
        if (parentId == null && it.speakerParentName?.trim()) parentId = await parentSource(it.speakerParentName.trim(), it.speakerParentAliases ?? [], kind);
        const created = await createSource(tx, actor, {
          name,
          kind,
          reliability: "F",
          aliases: it.speakerAliases ?? [],
          notes: `Created from a suggestion in document #${doc.id}.`,
          parentId,
        });
        sourceId = created.id;
        sourceCreated = true;
        result.sources.push(created.id);
      }
      newSources.set(key, sourceId);
    }

    // The claim: new, or an existing one / another item's (the merge-into choice).
    let claimId: number;
    let claimCreated = false;
    const target = it.mergeInto;
    if (it.decision === "accept") {
      const text = it.claimText!.trim();
      const claim = await createClaim(tx, actor, {
        text,
        language: it.language ?? (hasArabic(text) ? "ar" : "en"),
        translation: it.translation,
        tags: it.tags ?? [],
        eventDate: it.eventDate ?? null,
      });
      claimId = claim.id;
      claimCreated = true;
      claimOfItem.set(it.index, claim.id);
      result.claims.push(claim.id);
    } else if (target && "item" in target) {
      claimId = claimOfItem.get(target.item)!;
    } else {
      let claim = await tx.claim.findUnique({ where: { id: target!.claimId }, select: { id: true, mergedIntoId: true } });
      // A claim merged as a duplicate lives on in the claim it was merged into.
      for (let hops = 0; claim?.mergedIntoId != null && hops < 20; hops++)
        claim = await tx.claim.findUnique({ where: { id: claim.mergedIntoId }, select: { id: true, mergedIntoId: true } });
      if (!claim || claim.mergedIntoId != null) invalid(p, "mergeInto", t("errors.claimMissing"));
      claimId = claim.id;
    }

    // The same words, by the same source, with the same stance, on the same claim: recorded once.
    // (One sentence may bear on two claims — a tweet's own statement and the rumour it denies.)
    if (span) {
      const again = await tx.attribution.findFirst({
        where: { documentId: doc.id, claimId, sourceId, stance: it.stance, quoteStart: span.start, quoteEnd: span.end },
        select: { id: true, claimId: true },
      });
      if (again) invalid(p, "decision", `Already recorded (attribution #${again.id} on claim #${again.claimId}).`);
    }

    const attribution = await recordAttribution(tx, actor, {
      claimId,
      sourceId,
      documentId: doc.id,
      stance: it.stance!,
      quote,
      quoteStart: span?.start ?? null,
      quoteEnd: span?.end ?? null,
      statedAt: it.statedAt ?? null,
    });
    result.attributions.push(attribution.id);
    result.items.push({ index: it.index, decision: it.decision, claimId, attributionId: attribution.id, sourceId, claimCreated, sourceCreated });
  }
  for (const it of items) if (it.decision === "reject") result.items.push({ index: it.index, decision: "reject" });
  result.items.sort((a, b) => a.index - b.index);
  return result;
}
