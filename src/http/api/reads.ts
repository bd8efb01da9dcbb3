/**
 * Reads the API needs that have no domain query yet. `getAttribution` belongs in
 * src/domain/attributions/queries.ts beside the other read-side queries; it lives here only
 * until that file exists (the domain is not this module's to edit). Move it, then import it.
 */
import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";

export async function getAttribution(tx: Tx, id: number) {
  const attribution = await tx.attribution.findUnique({ where: { id } });
  if (!attribution) throw new NotFoundError("The attribution");
  return attribution;
}
