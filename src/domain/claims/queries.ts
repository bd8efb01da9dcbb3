import type { Tx } from "../../db/client.ts";
import { normalizeText } from "../../engine/normalize.ts";
import { NotFoundError } from "../../errors.ts";
import type { PageRequest } from "../paging.ts";
import { Prisma } from "../../generated/prisma/client.ts";
import { containsText, listPage } from "../../db/fulltext.ts";

export interface ClaimFilter extends PageRequest {
  q?: string;
  status?: string;
  tag?: string;
  sourceId?: number;
  hasConflict?: boolean;
}

const claimListInclude = {
  attributions: { select: { stance: true } },
  _count: { select: { conflicts: { where: { status: { in: ["open", "confirmed"] } } } } },
} satisfies Prisma.ClaimInclude;

/** The claims list, newest change first, filtered and searched (src/db/fulltext.ts). */
export async function listClaims(tx: Tx, f: ClaimFilter) {
  return listPage(
    tx,
    {
      from: Prisma.sql`"Claim" c`,
      id: Prisma.sql`c."id"`,
      index: "ClaimSearch",
      where: [
        ...(f.status ? [Prisma.sql`c."status" = ${f.status}`] : []),
        ...(f.tag ? [containsText(tx, Prisma.sql`c."tags"`, ` ${normalizeText(f.tag)} `)] : []),
        ...(f.sourceId ? [Prisma.sql`EXISTS (SELECT 1 FROM "Attribution" a WHERE a."claimId" = c."id" AND a."sourceId" = ${f.sourceId})`] : []),
        ...(f.hasConflict ? [Prisma.sql`EXISTS (SELECT 1 FROM "Conflict" k WHERE k."claimId" = c."id" AND k."status" IN ('open', 'confirmed'))`] : []),
      ],
      orderBy: Prisma.sql`c."updatedAt" DESC, c."id" DESC`,
    },
    f.q,
    f,
    (ids) => tx.claim.findMany({ where: { id: { in: ids } }, include: claimListInclude }),
  );
}

export async function getClaim(tx: Tx, id: number) {
  const claim = await tx.claim.findUnique({
    where: { id },
    include: {
      attributions: {
        include: { source: true, outlet: true, via: true, document: { select: { id: true, title: true, url: true, publishedAt: true } } },
        orderBy: [{ statedAt: "asc" }, { id: "asc" }],
      },
      reviews: { include: { reviewer: { select: { username: true, displayName: true } } }, orderBy: { id: "desc" } },
      conflicts: { orderBy: { id: "asc" } },
    },
  });
  if (!claim) throw new NotFoundError("The claim");
  return claim;
}

export async function countClaimsByStatus(tx: Tx): Promise<Record<string, number>> {
  const rows = await tx.claim.groupBy({ by: ["status"], _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.status, r._count._all]));
}
