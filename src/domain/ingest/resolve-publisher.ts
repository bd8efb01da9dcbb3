import type { Tx } from "../../db/client.ts";
import { ValidationError } from "../../errors.ts";
import { t } from "../../i18n/index.ts";
import { idFromDigits } from "../../shared/ids.ts";

/** A publisher given as a source id (number or digits) or as a source key. */
export async function resolvePublisher(tx: Tx, ref: number | string | null | undefined, field = "publisher"): Promise<number | null> {
  if (ref === undefined || ref === null || ref === "") return null;
  const id = typeof ref === "number" ? ref : idFromDigits(ref);
  const where = id !== undefined ? { id } : { key: String(ref) };
  const found = await tx.source.findUnique({ where, select: { id: true } });
  if (!found)
    throw new ValidationError(t("errors.noPublisherSource", { ref: typeof ref === "number" ? `#${ref}` : `"${ref}"` }), { [field]: t("errors.sourceMissing") });
  return found.id;
}
