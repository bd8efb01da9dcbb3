import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import type { PageRequest } from "../paging.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { listPage } from "../../db/fulltext.ts";

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

/** The conflicts list, newest change first; a search term matches the conflict's claim (src/db/fulltext.ts). */
export async function listConflicts(tx: Tx, f: ConflictFilter) {
  return listPage(
    tx,
    {
      from: Prisma.sql`"Conflict" k`,
      id: Prisma.sql`k."id"`,
      key: Prisma.sql`k."claimId"`,
      index: "ClaimSearch",
      where: [...(f.status ? [Prisma.sql`k."status" = ${f.status}`] : []), ...(f.kind ? [Prisma.sql`k."kind" = ${f.kind}`] : [])],
      orderBy: Prisma.sql`k."updatedAt" DESC, k."id" DESC`,
    },
    f.q,
    f,
    (ids) => tx.conflict.findMany({ where: { id: { in: ids } }, include: listInclude }),
  );
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
