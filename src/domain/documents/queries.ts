import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import { page, type PageRequest } from "../paging.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ftsQuery, inIdOrder, matchingIdPage } from "../../db/fulltext.ts";

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

/** The documents list, newest publication first; a search term is answered by the full-text index. */
export async function listDocuments(tx: Tx, f: DocumentFilter) {
  const match = ftsQuery(f.q);
  if (match) {
    const { ids, total } = await matchingIdPage(
      tx,
      {
        from: Prisma.sql`"Document" d`,
        key: Prisma.sql`d."id"`,
        index: "DocumentSearch",
        where: [
          ...(f.publisherId ? [Prisma.sql`d."publisherId" = ${f.publisherId}`] : []),
          ...(f.language ? [Prisma.sql`d."language" = ${f.language}`] : []),
        ],
        orderBy: Prisma.sql`d."publishedAt" DESC, d."id" DESC`,
        id: Prisma.sql`d."id"`,
      },
      match,
      f,
    );
    return page(inIdOrder(ids, await tx.document.findMany({ where: { id: { in: ids } }, select: listSelect })), total, f);
  }
  const where = {
    AND: [
      ...(f.publisherId ? [{ publisherId: f.publisherId }] : []),
      ...(f.language ? [{ language: f.language }] : []),
    ],
  };
  const [total, items] = await Promise.all([
    tx.document.count({ where }),
    tx.document.findMany({
      where,
      orderBy: [{ publishedAt: "desc" }, { id: "desc" }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
      select: listSelect,
    }),
  ]);
  return page(items, total, f);
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

export function documentOptions(tx: Tx) {
  return tx.document.findMany({ orderBy: { id: "desc" }, take: 500, select: { id: true, title: true } });
}
