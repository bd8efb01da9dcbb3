import type { Tx } from "../../db/client.ts";
import { classifyStance } from "../../engine/index.ts";
import { NotFoundError } from "../../errors.ts";
import { matchText } from "./claim-index.ts";

/**
 * The engine's stance suggestion for a claim from a document's text, with the sentence it
 * relied on (verbatim from the document) and its reasons. The analyst decides.
 */
export async function suggestStance(tx: Tx, claimId: number, documentId: number) {
  const [claim, doc] = await Promise.all([tx.claim.findUnique({ where: { id: claimId } }), tx.document.findUnique({ where: { id: documentId } })]);
  if (!claim) throw new NotFoundError("The claim");
  if (!doc) throw new NotFoundError("The document");
  const r = classifyStance(matchText(claim), doc.text);
  return {
    documentId: doc.id,
    documentTitle: doc.title,
    label: r.label,
    /** `unrelated` is not a stance an attribution can hold: it is shown, and the form falls back to unverified. */
    stance: r.label === "unrelated" ? "unverified" : r.label,
    score: Math.round(r.score * 100) / 100,
    sentence: r.sentence ?? null,
    reasons: r.reasons,
  };
}
