import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import type { PageRequest } from "../paging.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { listPage } from "../../db/fulltext.ts";

export interface DocumentFilter extends PageRequest {
  q?: string;
  publisherId?: number;
  language?: string;
}

const listSelect = {
  id: true,
  key: true,
  title: true,
  url: true,
  language: true,
  publishedAt: true,
  sha256: true,
  publisher: { select: { id: true, name: true } },
  _count: { select: { attributions: true } },
} as const;

/** The documents list, newest publication first (undated last), filtered and searched (src/db/fulltext.ts). */
export async function listDocuments(tx: Tx, f: DocumentFilter) {
  return listPage(
    tx,
    {
      from: Prisma.sql`"Document" d`,
      id: Prisma.sql`d."id"`,
      index: "DocumentSearch",
      where: [...(f.publisherId ? [Prisma.sql`d."publisherId" = ${f.publisherId}`] : []), ...(f.language ? [Prisma.sql`d."language" = ${f.language}`] : [])],
      orderBy: Prisma.sql`d."publishedAt" DESC NULLS LAST, d."id" DESC`,
    },
    f.q,
    f,
    (ids) => tx.document.findMany({ where: { id: { in: ids } }, select: listSelect }),
  );
}

export async function getDocument(tx: Tx, id: number) {
  const doc = await tx.document.findUnique({
    where: { id },
    include: {
      publisher: true,
      attributions: { include: { claim: true, source: true }, orderBy: { id: "asc" } },
    },
  });
  if (!doc) throw new NotFoundError("The document");
  return doc;
}

/**
 * The documents offered in pickers: the 100 newest. Rendering 500 (twice on the claim page) was
 * a measurable share of the page at scale, and a longer list is not browsable anyway; older
 * reports are reached from their document page.
 */
export function documentOptions(tx: Tx) {
  return tx.document.findMany({ orderBy: { id: "desc" }, take: 100, select: { id: true, title: true } });
}

/** A document's publication date (the review page's default "stated on" date). */
export async function documentPublishedAt(tx: Tx, id: number): Promise<Date | null> {
  const doc = await tx.document.findUnique({ where: { id }, select: { publishedAt: true } });
  if (!doc) throw new NotFoundError("The document");
  return doc.publishedAt;
}
