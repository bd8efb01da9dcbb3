import type { Tx } from "../../db/client.ts";
import { normalizeText } from "../../engine/normalize.ts";
import { NotFoundError } from "../../errors.ts";
import { page, type PageRequest } from "../paging.ts";
import { tokenFilter } from "../sources/queries.ts";

export interface ClaimFilter extends PageRequest {
  q?: string;
  status?: string;
  tag?: string;
  sourceId?: number;
  hasConflict?: boolean;
}

export async function listClaims(tx: Tx, f: ClaimFilter) {
  const where = {
    AND: [
      ...tokenFilter("searchKey", f.q),
      ...(f.status ? [{ status: f.status }] : []),
      ...(f.tag ? [{ tags: { contains: ` ${normalizeText(f.tag)} ` } }] : []),
      ...(f.sourceId ? [{ attributions: { some: { sourceId: f.sourceId } } }] : []),
      ...(f.hasConflict ? [{ conflicts: { some: { status: { in: ["open", "confirmed"] } } } }] : []),
    ],
  };
  const [total, items] = await Promise.all([
    tx.claim.count({ where }),
    tx.claim.findMany({
      where,
      orderBy: [{ updatedAt: "desc" }, { id: "desc" }],
      skip: (f.page - 1) * f.pageSize,
      take: f.pageSize,
      include: {
        attributions: { select: { stance: true } },
        _count: { select: { conflicts: { where: { status: { in: ["open", "confirmed"] } } } } },
      },
    }),
  ]);
  return page(items, total, f);
}

export async function getClaim(tx: Tx, id: number) {
  const claim = await tx.claim.findUnique({
    where: { id },
    include: {
      attributions: {
        include: { source: true, outlet: true, document: { select: { id: true, title: true, url: true, publishedAt: true } } },
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
