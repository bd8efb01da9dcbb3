import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import { page, type PageRequest } from "../paging.ts";
import { tokenFilter } from "../sources/queries.ts";

export interface DocumentFilter extends PageRequest {
  q?: string;
  publisherId?: number;
  language?: string;
}

export async function listDocuments(tx: Tx, f: DocumentFilter) {
  const where = {
    AND: [
      ...tokenFilter("searchKey", f.q),
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
      select: {
        id: true,
        key: true,
        title: true,
        url: true,
        language: true,
        publishedAt: true,
        sha256: true,
        publisher: { select: { id: true, name: true } },
        _count: { select: { attributions: true } },
      },
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
