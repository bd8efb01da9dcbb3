import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import { page, type PageRequest } from "../paging.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { ftsQuery, inIdOrder, matchingIdPage } from "../../db/fulltext.ts";

export interface ConflictFilter extends PageRequest {
  status?: string;
  kind?: string;
  q?: string;
}

const itemInclude = {
  attribution: {
    include: {
      source: true,
      outlet: true,
      document: { select: { id: true, title: true, url: true, publishedAt: true } },
    },
  },
} as const;

const listInclude = { claim: true, otherClaim: true, items: { include: itemInclude } } as const;

/** The conflicts list, newest change first; a search term matches the conflict's claim (full-text index). */
export async function listConflicts(tx: Tx, f: ConflictFilter) {
  const match = ftsQuery(f.q);
  if (match) {
    const { ids, total } = await matchingIdPage(
      tx,
      {
        from: Prisma.sql`"Conflict" k`,
        key: Prisma.sql`k."claimId"`,
        index: "ClaimSearch",
        where: [...(f.status ? [Prisma.sql`k."status" = ${f.status}`] : []), ...(f.kind ? [Prisma.sql`k."kind" = ${f.kind}`] : [])],
        orderBy: Prisma.sql`k."updatedAt" DESC, k."id" DESC`,
        id: Prisma.sql`k."id"`,
      },
      match,
      f,
    );
    return page(inIdOrder(ids, await tx.conflict.findMany({ where: { id: { in: ids } }, include: listInclude })), total, f);
  }
  const where = { AND: [...(f.status ? [{ status: f.status }] : []), ...(f.kind ? [{ kind: f.kind }] : [])] };
  const [total, items] = await Promise.all([
    tx.conflict.count({ where }),
    tx.conflict.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
      include: listInclude,
    }),
  ]);
  return page(items, total, f);
}

export async function getConflict(tx: Tx, id: number) {
  const conflict = await tx.conflict.findUnique({
    where: { id },
    include: { claim: true, otherClaim: true, items: { include: itemInclude, orderBy: { id: "asc" } } },
  });
  if (!conflict) throw new NotFoundError("The conflict");
  return conflict;
}

/** Every conflict a claim is part of (as the claim or as the other claim), with both sides. */
export function conflictsOfClaim(tx: Tx, claimId: number) {
  return tx.conflict.findMany({
    where: { OR: [{ claimId }, { otherClaimId: claimId }] },
    include: { claim: true, otherClaim: true, items: { include: itemInclude } },
    orderBy: { id: "asc" },
  });
}

export async function countConflictsByStatus(tx: Tx): Promise<Record<string, number>> {
  const rows = await tx.conflict.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}
