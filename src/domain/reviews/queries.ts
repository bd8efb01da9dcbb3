import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";

export async function getReview(tx: Tx, id: number) {
  const review = await tx.review.findUnique({ where: { id } });
  if (!review) throw new NotFoundError("The verdict");
  return review;
}
