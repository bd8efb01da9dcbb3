import { createHash, randomUUID } from "node:crypto";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { searchKey } from "../../engine/normalize.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";

export interface DocumentInput {
  title: string;
  url?: string | null;
  publisherId?: number | null;
  publishedAt?: Date | null;
  retrievedAt?: Date | null;
  language: string;
  /** Full text, stored byte-exact: never trimmed or normalised. */
  text: string;
  key?: string;
}

export function sha256Hex(text: string): string {
  return createHash("sha256").update(text, "utf8").digest("hex");
}

export function documentSnapshot(d: {
  id: number;
  key: string;
  title: string;
  url: string | null;
  publisherId: number | null;
  publishedAt: Date | null;
  retrievedAt: Date | null;
  language: string;
  sha256: string;
}) {
  // The full text is identified by its SHA-256; the trail need not repeat 200 kB of evidence.
  const { id, key, title, url, publisherId, publishedAt, retrievedAt, language, sha256 } = d;
  return { id, key, title, url, publisherId, publishedAt, retrievedAt, language, sha256 };
}

export async function assertPublisher(tx: Tx, publisherId: number | null | undefined) {
  if (publisherId == null) return;
  if (!(await tx.source.findUnique({ where: { id: publisherId }, select: { id: true } }))) {
    throw new NotFoundError("The publisher");
  }
}

/** Record a report with its full text and SHA-256. */
export async function createDocument(tx: Tx, actor: Actor, input: DocumentInput) {
  await assertPublisher(tx, input.publisherId);
  const key = input.key ?? `doc-${randomUUID()}`;
  if (input.key && (await tx.document.findUnique({ where: { key }, select: { id: true } }))) {
    throw new ConflictError(`A document with key "${key}" already exists.`, { key: "This key is taken." });
  }
  const doc = await tx.document.create({
    data: {
      key,
      title: input.title.trim(),
      url: input.url || null,
      publisherId: input.publisherId ?? null,
      publishedAt: input.publishedAt ?? null,
      retrievedAt: input.retrievedAt ?? new Date(),
      language: input.language,
      text: input.text,
      sha256: sha256Hex(input.text),
      searchKey: searchKey(`${input.title}\n${input.text}`),
    },
  });
  await recordAudit(tx, actor, { action: "document.create", entityType: "document", entityId: doc.id, after: documentSnapshot(doc) });
  return doc;
}
