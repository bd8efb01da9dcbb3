import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { searchKey } from "../../engine/normalize.ts";
import { NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { assertPublisher, documentSnapshot, type DocumentInput } from "./create-document.ts";

/**
 * Edit a document's metadata. The text is evidence and cannot be edited: a corrected report
 * is a new document (with its own SHA-256), so what an attribution quoted never changes.
 */
export async function updateDocument(tx: Tx, actor: Actor, id: number, input: Omit<DocumentInput, "text" | "key">) {
  const before = await tx.document.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("The document");
  await assertPublisher(tx, input.publisherId);
  const after = await tx.document.update({
    where: { id },
    data: {
      title: input.title.trim(),
      url: input.url || null,
      publisherId: input.publisherId ?? null,
      publishedAt: input.publishedAt ?? null,
      retrievedAt: input.retrievedAt ?? before.retrievedAt,
      language: input.language,
      searchKey: searchKey(`${input.title}\n${before.text}`),
    },
  });
  await recordAudit(tx, actor, {
    action: "document.update",
    entityType: "document",
    entityId: id,
    before: documentSnapshot(before),
    after: documentSnapshot(after),
  });
  return after;
}
