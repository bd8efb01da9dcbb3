import { Router, type Request, type Response } from "express";
import type { z } from "zod";
import { formatDate, t } from "../../i18n/index.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/client.ts";
import { deleteAttribution, updateAttribution } from "../../domain/attributions/update-attribution.ts";
import { recordAttribution } from "../../domain/attributions/record-attribution.ts";
import { createClaim } from "../../domain/claims/create-claim.ts";
import { getClaim, listClaims } from "../../domain/claims/queries.ts";
import { updateClaim } from "../../domain/claims/update-claim.ts";
import { documentOptions } from "../../domain/documents/queries.ts";
import { reviewClaim } from "../../domain/reviews/review-claim.ts";
import { confirmReview } from "../../domain/reviews/confirm-review.ts";
import { gradeAttribution } from "../../domain/attributions/grade-attribution.ts";
import { claimEvidence } from "../../domain/claims/claim-evidence.ts";
import { claimAsOf } from "../../domain/history/as-of.ts";
import { claimAuditProof } from "../../domain/audit/claim-proof.ts";
import { decideLink } from "../../domain/matching/decide-link.ts";
import { mergeClaims } from "../../domain/matching/merge-claims.ts";
import { linkClaims } from "../../domain/matching/link-claims.ts";
import { claimLinks, getLink } from "../../domain/matching/queries.ts";
import { getReview } from "../../domain/reviews/queries.ts";
import { getAttribution } from "../../domain/attributions/queries.ts";
import { conflictsOfClaim } from "../../domain/conflicts/queries.ts";
import { suggestStance } from "../../domain/matching/suggest-stance.ts";
import { sourceOptions } from "../../domain/sources/queries.ts";
import { presentAttribution, presentClaimSummary, presentConflict } from "../../presenters/view.ts";
import { tagList } from "../../domain/claims/create-claim.ts";
import { presentCredibilitySuggestion, presentLink, presentStanceSuggestion } from "../../presenters/links.ts";
import { actorOf, requireRole } from "../auth.ts";
import {
  asOfQuery,
  attributionSchema,
  claimLinkSchema,
  claimListQuery,
  claimSchema,
  linkSearchQuery,
  confirmSchema,
  gradeSchema,
  linkDecisionSchema,
  mergeSchema,
  reviewSchema,
  suggestStanceQuery,
} from "../schemas.ts";
import { idParam, parseQuery } from "../validate.ts";
import { CLAIM_STATUSES, STANCES } from "../../validation/fields.ts";
import { handleForm, renderForm, setFlash, type FormOptions } from "./forms.ts";

export function claimRoutes(db: Db): Router {
  const router = Router();

  router.get("/claims", async (req, res) => {
    const query = claimListQuery.parse(req.query);
    const result = await listClaims(db, query);
    await renderForm(res, "claims", t("title.claims"), {
      query,
      result: { ...result, items: result.items.map(presentClaimSummary) },
      statuses: CLAIM_STATUSES,
      sources: await sourceOptions(db),
    });
  });

  router.get("/claims/new", async (_req, res) => {
    await renderForm(res, "claim-form", t("title.newClaim"), { values: { language: "ar" }, errors: {}, action: "/claims" });
  });

  router.post("/claims", async (req, res) => {
    await handleForm(req, res, {
      schema: claimSchema,
      view: "claim-form",
      title: t("title.newClaim"),
      viewData: async () => ({ action: "/claims" }),
      action: async (input) => {
        const claim = await inTransaction(db, (tx) => createClaim(tx, actorOf(req, res), input));
        return `/claims/${claim.id}`;
      },
    });
  });

  async function claimPage(id: number) {
    const claim = await getClaim(db, id);
    const evidence = await claimEvidence(db, id, claim.attributions);
    const conflicts = await conflictsOfClaim(db, id);
    return {
      claim: { ...presentClaimSummary(claim), createdAt: claim.createdAt },
      matrix: claim.attributions.map((a) => ({ ...presentAttribution(a), suggestion: presentCredibilitySuggestion(evidence.suggestions.get(a.id)) })),
      links: (await claimLinks(db, id)).map((l) => presentLink(l, claim)),
      mergedInto: claim.mergedIntoId,
      evidence,
      conflicts: conflicts.map(presentConflict),
      reviews: claim.reviews.map((r) => ({
        id: r.id,
        state: r.state,
        pending: r.state === "pending",
        reviewerId: r.reviewerId,
        confirmNote: r.confirmNote,
        status: r.status,
        previousStatus: r.previousStatus,
        rationale: r.rationale,
        reviewer: r.reviewer.displayName,
        createdAt: r.createdAt,
      })),
      sources: await sourceOptions(db),
      documents: await documentOptions(db),
      stances: STANCES,
      statuses: CLAIM_STATUSES,
      credibilities: [1, 2, 3, 4, 5, 6],
    };
  }

  /** The claim page's verdict box starts at the claim's current status (not the first option). */
  const withVerdict = (data: Awaited<ReturnType<typeof claimPage>>) => ({ ...data, reviewValues: { status: data.claim.status }, reviewErrors: {} });

  /**
   * A form posted from the claim page (a stance, a verdict, a link, a merge, a grade …): on an
   * error the claim page is shown again with the posted box's values and messages (under
   * valuesKey/errorsKey, or `inline` for a small per-row box) and every other box at its start.
   */
  const claimPageForm = <S extends z.ZodType>(
    req: Request,
    res: Response,
    claimId: number,
    form: Pick<FormOptions<S>, "schema" | "action" | "valuesKey" | "errorsKey" | "inlineKey">,
  ) =>
    handleForm(req, res, {
      view: "claim",
      title: t("title.claim"),
      viewData: async () => ({ ...withVerdict(await claimPage(claimId)), values: {}, errors: {} }),
      ...form,
    });

  // The claim's audit events with inclusion proofs against the latest signed checkpoint
  // (a GET changes nothing, so it does not seal: newer events are counted in `unsealed`).
  router.get("/claims/:id/audit-proof", async (req, res) => {
    const proof = await claimAuditProof(db, idParam(req.params.id));
    res.attachment(`claim-${proof.claim.id}-audit-proof.json`).json(proof);
  });

  router.get("/claims/:id", async (req, res) => {
    const id = idParam(req.params.id);
    const { asOf } = parseQuery(asOfQuery, req.query);
    if (asOf) {
      const claim = await getClaim(db, id);
      const past = await claimAsOf(db, id, asOf);
      const sources = new Map((await sourceOptions(db)).map((s) => [s.id, s]));
      await renderForm(res, "claim-asof", t("title.asOf", { date: formatDate(asOf) }), {
        claimId: claim.id,
        at: asOf,
        past: {
          ...past,
          attributions: past.attributions.map((a) => ({ ...a, source: sources.get(a.sourceId as number) ?? null })),
        },
      });
      return;
    }
    const data = await claimPage(id);
    // "Link to claim…": a plain GET search for the other claim (words, or its number).
    const { linkQ } = linkSearchQuery.parse(req.query);
    const linkCandidates = linkQ
      ? (await listClaims(db, { q: linkQ, page: 1, pageSize: 6 })).items
          .filter((c) => c.id !== id && c.mergedIntoId == null)
          .slice(0, 5)
          .map(presentClaimSummary)
      : null;
    // "Suggest the stance from a document": pre-fills the form with the engine's stance and
    // the sentence it relied on (a plain GET form; no script needed).
    const ask = suggestStanceQuery.parse(req.query);
    let values: Record<string, unknown> = {};
    let stanceSuggestion = null;
    if (ask.suggestDocumentId) {
      stanceSuggestion = presentStanceSuggestion(await suggestStance(db, id, ask.suggestDocumentId), data.claim);
      values = { documentId: ask.suggestDocumentId, sourceId: ask.suggestSourceId, stance: stanceSuggestion.stance, quote: stanceSuggestion.sentence ?? "" };
    }
    await renderForm(res, "claim", data.claim.text.slice(0, 60), {
      ...data,
      values,
      errors: {},
      reviewValues: { status: data.claim.status },
      reviewErrors: {},
      linkValues: {},
      linkErrors: {},
      linkQ,
      linkCandidates,
      stanceSuggestion,
      suggestOpen: Boolean(stanceSuggestion),
    });
  });

  router.get("/claims/:id/edit", async (req, res) => {
    const claim = await getClaim(db, idParam(req.params.id));
    await renderForm(res, "claim-form", t("title.editClaim"), {
      values: {
        text: claim.text,
        language: claim.language,
        translation: claim.translation,
        tags: tagList(claim.tags).join(" "),
        eventDate: claim.eventDate ? claim.eventDate.toISOString().slice(0, 10) : "",
      },
      errors: {},
      action: `/claims/${claim.id}`,
      editing: true,
    });
  });

  router.post("/claims/:id", async (req, res) => {
    const id = idParam(req.params.id);
    await handleForm(req, res, {
      schema: claimSchema,
      view: "claim-form",
      title: t("title.editClaim"),
      viewData: async () => ({ action: `/claims/${id}`, editing: true }),
      action: async (input) => {
        await inTransaction(db, (tx) => updateClaim(tx, actorOf(req, res), id, input));
        return `/claims/${id}`;
      },
    });
  });

  router.post("/claims/:id/attributions", async (req, res) => {
    const id = idParam(req.params.id);
    await claimPageForm(req, res, id, {
      schema: attributionSchema,
      action: async (input) => {
        await inTransaction(db, (tx) => recordAttribution(tx, actorOf(req, res), { ...input, claimId: id }));
        return `/claims/${id}#stances`;
      },
    });
  });

  router.post("/claims/:id/reviews", requireRole("reviewer"), async (req, res) => {
    const id = idParam(req.params.id);
    await claimPageForm(req, res, id, {
      schema: reviewSchema,
      valuesKey: "reviewValues",
      errorsKey: "reviewErrors",
      action: async (input) => {
        await inTransaction(db, (tx) => reviewClaim(tx, actorOf(req, res), { ...input, claimId: id }));
        return `/claims/${id}#reviews`;
      },
    });
  });

  router.post("/links/:id/decision", async (req, res) => {
    const link = await getLink(db, idParam(req.params.id));
    const back = Number(req.body?._claim) === link.toId ? link.toId : link.fromId;
    await claimPageForm(req, res, back, {
      schema: linkDecisionSchema,
      inlineKey: `link-${link.id}`,
      action: async (input) => {
        await inTransaction(db, (tx) => decideLink(tx, actorOf(req, res), { linkId: link.id, decision: input.decision, note: input.note }));
        return `/claims/${back}#related`;
      },
    });
  });

  router.post("/claims/:id/links", requireRole("analyst"), async (req, res) => {
    const id = idParam(req.params.id);
    await claimPageForm(req, res, id, {
      schema: claimLinkSchema,
      valuesKey: "linkValues",
      errorsKey: "linkErrors",
      action: async (input) => {
        await inTransaction(db, (tx) => linkClaims(tx, actorOf(req, res), { claimId: id, ...input }));
        return `/claims/${id}#related`;
      },
    });
  });

  router.post("/claims/:id/merge", async (req, res) => {
    const id = idParam(req.params.id);
    await claimPageForm(req, res, id, {
      schema: mergeSchema,
      action: async (input) => {
        await inTransaction(db, (tx) => mergeClaims(tx, actorOf(req, res), { fromId: id, intoId: input.intoId, note: input.note }));
        return `/claims/${input.intoId}`;
      },
    });
  });

  router.post("/reviews/:id/confirm", requireRole("reviewer"), async (req, res) => {
    const review = await getReview(db, idParam(req.params.id));
    await claimPageForm(req, res, review.claimId, {
      schema: confirmSchema,
      inlineKey: `review-${review.id}`,
      action: async (input) => {
        await inTransaction(db, (tx) => confirmReview(tx, actorOf(req, res), { reviewId: review.id, approve: input.decision === "confirm", note: input.note }));
        return `/claims/${review.claimId}#reviews`;
      },
    });
  });

  router.post("/attributions/:id/credibility", async (req, res) => {
    const a = await getAttribution(db, idParam(req.params.id));
    await claimPageForm(req, res, a.claimId, {
      schema: gradeSchema,
      action: async (input) => {
        await inTransaction(db, (tx) =>
          gradeAttribution(tx, actorOf(req, res), { attributionId: a.id, credibility: input.credibility, note: input.note ?? "" }),
        );
        return `/claims/${a.claimId}#stances`;
      },
    });
  });

  router.get("/attributions/:id/edit", async (req, res) => {
    const a = await getAttribution(db, idParam(req.params.id));
    await renderForm(res, "attribution-form", t("title.editAttribution"), {
      values: { ...a, statedAt: a.statedAt ? a.statedAt.toISOString().slice(0, 10) : "" },
      errors: {},
      attributionId: a.id,
      claimId: a.claimId,
      sources: await sourceOptions(db),
      documents: await documentOptions(db),
      stances: STANCES,
      credibilities: [1, 2, 3, 4, 5, 6],
    });
  });

  router.post("/attributions/:id", async (req, res) => {
    const id = idParam(req.params.id);
    const a = await getAttribution(db, id);
    await handleForm(req, res, {
      schema: attributionSchema,
      view: "attribution-form",
      title: t("title.editAttribution"),
      viewData: async () => ({
        attributionId: id,
        claimId: a.claimId,
        sources: await sourceOptions(db),
        documents: await documentOptions(db),
        stances: STANCES,
        credibilities: [1, 2, 3, 4, 5, 6],
      }),
      action: async (input) => {
        await inTransaction(db, (tx) => updateAttribution(tx, actorOf(req, res), id, input));
        return `/claims/${a.claimId}#stances`;
      },
    });
  });

  router.post("/attributions/:id/delete", async (req, res) => {
    const removed = await inTransaction(db, (tx) => deleteAttribution(tx, actorOf(req, res), idParam(req.params.id)));
    setFlash(req, { key: "flash.attributionRemoved" });
    res.redirect(303, `/claims/${removed.claimId}#stances`);
  });

  return router;
}
