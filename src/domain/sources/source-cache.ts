/**
 * Every source, for pickers and for origin counting, read once and reused until sources
 * change. The claim page needs the whole list twice (the stance form's pickers, the
 * independent-origin count) and at 100,000 claims reading it row by row through Prisma was a
 * good part of the page's time. A change is seen by one aggregate (count and latest
 * updatedAt), so sources edited by another process (the CLI) are picked up on the next page.
 */
import type { Tx } from "../../db/client.ts";

export interface SourceRow {
  id: number;
  name: string;
  kind: string;
  reliability: string;
  parentId: number | null;
  /** Set when this source was merged into another (merge-sources.ts): kept for corroboration, left out of pickers. */
  mergedIntoId: number | null;
}

const cache = new WeakMap<object, { stamp: string; rows: SourceRow[] }>();

/** All sources ordered by name, merged ones included (cached per client; a transaction client reads afresh). */
export async function allSources(tx: Tx): Promise<SourceRow[]> {
  const agg = await tx.source.aggregate({ _count: { _all: true }, _max: { updatedAt: true } });
  const stamp = `${agg._count._all}:${agg._max.updatedAt?.getTime() ?? 0}`;
  const hit = cache.get(tx);
  if (hit && hit.stamp === stamp) return hit.rows;
  const rows = await tx.source.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, kind: true, reliability: true, parentId: true, mergedIntoId: true },
  });
  cache.set(tx, { stamp, rows });
  return rows;
}
