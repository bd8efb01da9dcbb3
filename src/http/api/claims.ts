/** /api/v1/claims: list, read (with attributions, conflicts, reviews), create, replace; reviews. */
import { Router } from "express";
import { inTransaction, type Db } from "../../db/client.ts";
import { createClaim, tagList } from "../../domain/claims/create-claim.ts";
import { getClaim, listClaims } from "../../domain/claims/queries.ts";
import { claimAuditProof } from "../../domain/audit/claim-proof.ts";
import { updateClaim } from "../../domain/claims/update-claim.ts";
import { reviewClaim } from "../../domain/reviews/review-claim.ts";
import { presentAll, presentPage } from "../../presenters/api.ts";
import { presentClaim, presentClaimDetail, presentClaimLink, presentClaimSummary, presentConflict, presentReview } from "../../presenters/api-claims.ts";
import { linkClaims } from "../../domain/matching/link-claims.ts";
import { claimLinks } from "../../domain/matching/queries.ts";
import { actorOf, requireRole } from "../auth.ts";
import { claimLinkSchema, claimListQuery, claimSchema, reviewSchema } from "../schemas.ts";
import { parse } from "../validate.ts";
import { currentInput, merge, parsePatch } from "./patch.ts";
import { created, pathId } from "./support.ts";

export function claimRoutes(db: Db): Router {
  const router = Router();

  router.get("/claims", async (req, res) => {
    const query = parse(claimListQuery, req.query);
    res.json(presentPage(await listClaims(db, query), presentClaimSummary));
  });

  router.post("/claims", requireRole("analyst"), async (req, res) => {
    const input = parse(claimSchema, req.body);
    const claim = await inTransaction(db, (tx) => createClaim(tx, actorOf(req, res), input));
    created(res, `${req.baseUrl}/claims/${claim.id}`, presentClaim(claim));
  });

  router.get("/claims/:id", async (req, res) => {
    const claim = await getClaim(db, pathId(req, "The claim"));
    res.json(presentClaimDetail(claim, await claimLinks(db, claim.id)));
  });

  // An analyst's own link (agrees / contradicts), stored as a confirmed link; answers with the claim's links.
  router.post("/claims/:id/links", requireRole("analyst"), async (req, res) => {
    const claimId = pathId(req, "The claim");
    const input = parse(claimLinkSchema, req.body);
    const result = await inTransaction(db, (tx) => linkClaims(tx, actorOf(req, res), { claimId, ...input }));
    const link = (await claimLinks(db, claimId)).find((l) => l.id === result.link.id)!;
    res
      .status(result.created ? 201 : 200)
      .location(`${req.baseUrl}/claims/${claimId}`)
      .json({ link: presentClaimLink(link), conflict: result.conflict ? presentConflict(result.conflict) : null });
  });

  // Format crosscheck-claim-proof/1 (docs/exports.md); proved against the latest checkpoint.
  router.get("/claims/:id/audit-proof", async (req, res) => {
    res.json(await claimAuditProof(db, pathId(req, "The claim")));
  });

  // A merge over the current claim (see ./patch.ts); the status changes only by review.
  router.patch("/claims/:id", requireRole("analyst"), async (req, res) => {
    const id = pathId(req, "The claim");
    const patch = parsePatch(claimSchema, req.body);
    const claim = await inTransaction(db, async (tx) => {
      const current = currentInput(claimSchema, await getClaim(tx, id), { tags: (c: { tags: string }) => tagList(c.tags) });
      return updateClaim(tx, actorOf(req, res), id, merge(current, patch));
    });
    res.json(presentClaim(claim));
  });

  router.get("/claims/:id/reviews", async (req, res) => {
    const claim = await getClaim(db, pathId(req, "The claim"));
    res.json(presentAll(claim.reviews, presentReview));
  });

  router.post("/claims/:id/reviews", requireRole("reviewer"), async (req, res) => {
    const claimId = pathId(req, "The claim");
    const input = parse(reviewSchema, req.body);
    const review = await inTransaction(db, (tx) => reviewClaim(tx, actorOf(req, res), { claimId, ...input }));
    created(res, `${req.baseUrl}/claims/${claimId}/reviews`, presentReview(review));
  });

  return router;
}
