import { t } from "../../i18n/index.ts";
import { createHash, randomUUID } from "node:crypto";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { searchKey } from "../../engine/normalize.ts";
import { ConflictError, ValidationError } from "../../errors.ts";
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
  /** text | html | markdown | pdf | docx — how the report arrived (the text is what was read from it). */
  sourceFormat?: string;
  fileName?: string | null;
  /** The bytes as received, when they differ from `text` (an HTML page, say). */
  rawBytes?: Uint8Array | null;
}

export function sha256Hex(text: string | Uint8Array): string {
  return typeof text === "string" ? createHash("sha256").update(text, "utf8").digest("hex") : createHash("sha256").update(text).digest("hex");
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
  sourceFormat?: string;
  fileName?: string | null;
  rawSha256?: string | null;
}) {
  // The full text is identified by its SHA-256; the trail need not repeat 200 kB of evidence.
  const { id, key, title, url, publisherId, publishedAt, retrievedAt, language, sha256 } = d;
  return {
    id,
    key,
    title,
    url,
    publisherId,
    publishedAt,
    retrievedAt,
    language,
    sha256,
    sourceFormat: d.sourceFormat ?? "text",
    fileName: d.fileName ?? null,
    rawSha256: d.rawSha256 ?? null,
  };
}

export async function assertPublisher(tx: Tx, publisherId: number | null | undefined) {
  if (publisherId == null) return;
  if (!(await tx.source.findUnique({ where: { id: publisherId }, select: { id: true } }))) {
    throw new ValidationError(t("errors.noSuchPublisher"), { publisherId: "This source does not exist." });
  }
}

/** Record a report with its full text and SHA-256. */
export async function createDocument(tx: Tx, actor: Actor, input: DocumentInput) {
  await assertPublisher(tx, input.publisherId);
  const key = input.key ?? `doc-${randomUUID()}`;
  if (input.key && (await tx.document.findUnique({ where: { key }, select: { id: true } }))) {
    throw new ConflictError(t("errors.documentKey", { key }), { key: t("errors.keyTaken") });
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
      sourceFormat: input.sourceFormat ?? "text",
      fileName: input.fileName ?? null,
      rawBytes: input.rawBytes ? Buffer.from(input.rawBytes) : null,
      rawSha256: input.rawBytes ? sha256Hex(input.rawBytes) : null,
      searchKey: searchKey(`${input.title}\n${input.text}`),
    },
  });
  await recordAudit(tx, actor, { action: "document.create", entityType: "document", entityId: doc.id, after: documentSnapshot(doc) });
  return doc;
}
