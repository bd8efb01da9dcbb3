import { t } from "../../i18n/index.ts";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { NotFoundError, ValidationError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { reanalyseClaim } from "../conflicts/reanalyse-claim.ts";
import { survivingSource } from "../sources/queries.ts";
import { recordGradeDecision } from "./grade-attribution.ts";

export interface AttributionInput {
  claimId: number;
  sourceId: number;
  outletId?: number | null;
  /** "According to X": the intermediary the outlet relied on. */
  viaId?: number | null;
  documentId?: number | null;
  stance: "asserted" | "denied" | "unverified";
  quote: string;
  /** Offsets of the quote in the document text (UTF-16 code units), when known. */
  quoteStart?: number | null;
  quoteEnd?: number | null;
  statedAt?: Date | null;
  credibility?: number | null;
  /** Why this grade, recorded with the grading decision (forms and API; see recordGradeDecision). */
  credibilityNote?: string;
}

export function attributionSnapshot(a: {
  id: number;
  claimId: number;
  sourceId: number;
  outletId: number | null;
  viaId?: number | null;
  documentId: number | null;
  stance: string;
  quote: string;
  statedAt: Date | null;
  credibility: number | null;
}) {
  const { id, claimId, sourceId, outletId, documentId, stance, quote, statedAt, credibility } = a;
  return { id, claimId, sourceId, outletId, viaId: a.viaId ?? null, documentId, stance, quote, statedAt, credibility };
}

/**
 * A source a statement can be attributed to: it exists and was not merged into another (a
 * merged source's statements all moved to the one it was merged into; a client holding the old
 * id is told which source to use rather than having its evidence silently moved).
 */
async function checkLiveSource(tx: Tx, id: number, field: string, missingKey: string) {
  const source = await tx.source.findUnique({ where: { id }, select: { name: true, mergedIntoId: true } });
  if (!source) throw new ValidationError(t(missingKey), { [field]: t("errors.sourceMissing") });
  if (source.mergedIntoId === null) return;
  const target = (await survivingSource(tx, id)) ?? { id: source.mergedIntoId, name: `#${source.mergedIntoId}` };
  throw new ValidationError(t("errors.sourceMergedInto", { name: source.name, into: target.name, id: target.id }), {
    [field]: t("errors.sourceMergedField", { into: target.name }),
  });
}

/** Check the referenced rows exist (a quote is not required to occur verbatim: it may be a translation). */
export async function checkReferences(tx: Tx, input: Omit<AttributionInput, "claimId"> & { claimId?: number }) {
  if (input.claimId !== undefined && !(await tx.claim.findUnique({ where: { id: input.claimId }, select: { id: true } }))) {
    throw new NotFoundError("The claim");
  }
  await checkLiveSource(tx, input.sourceId, "sourceId", "errors.noSuchSource");
  if (input.outletId != null) await checkLiveSource(tx, input.outletId, "outletId", "errors.noSuchOutlet");
  if (input.viaId != null) await checkLiveSource(tx, input.viaId, "viaId", "errors.noSuchVia");
  if (input.documentId != null) {
    const doc = await tx.document.findUnique({ where: { id: input.documentId }, select: { id: true, publisherId: true } });
    if (!doc) throw new ValidationError(t("errors.noSuchDocument"), { documentId: "This document does not exist." });
    return doc;
  }
  return null;
}

/** The editable columns of an attribution (shared by record and update). */
export function attributionData(input: Omit<AttributionInput, "claimId">) {
  return {
    sourceId: input.sourceId,
    outletId: input.outletId ?? null,
    viaId: input.viaId ?? null,
    documentId: input.documentId ?? null,
    stance: input.stance,
    quote: input.quote,
    statedAt: input.statedAt ?? null,
    credibility: input.credibility ?? null,
  };
}

/**
 * Record a source's stance on a claim, then re-analyse the claim's conflicts in the same
 * transaction. The outlet defaults to the document's publisher when the speaker is someone else.
 */
export async function recordAttribution(tx: Tx, actor: Actor, input: AttributionInput) {
  const doc = await checkReferences(tx, input);
  const outletId = input.outletId ?? (doc?.publisherId && doc.publisherId !== input.sourceId ? doc.publisherId : null);
  const created = await tx.attribution.create({
    data: {
      ...attributionData(input),
      claimId: input.claimId,
      outletId,
      quoteStart: input.quoteStart ?? null,
      quoteEnd: input.quoteEnd ?? null,
      createdById: actor.userId,
    },
  });
  await recordAudit(tx, actor, { action: "attribution.create", entityType: "attribution", entityId: created.id, after: attributionSnapshot(created) });
  // An analyst grading on entry (form or API, which always carry credibilityNote) makes a grading
  // decision like any other; a bundle import or accepted extraction only carries a grade along.
  if (created.credibility !== null && input.credibilityNote !== undefined) {
    await recordGradeDecision(tx, actor, created, null, input.credibilityNote);
  }
  await tx.claim.update({ where: { id: input.claimId }, data: { updatedAt: new Date() } });
  await reanalyseClaim(tx, actor, input.claimId);
  return created;
}
