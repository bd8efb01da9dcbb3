import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";

export async function getAttribution(tx: Tx, id: number) {
  const a = await tx.attribution.findUnique({ where: { id } });
  if (!a) throw new NotFoundError("The attribution");
  return a;
}
