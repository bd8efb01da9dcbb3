import type { Tx } from "../../db/client.ts";
import { tagList } from "../claims/create-claim.ts";

/**
 * The topics (tags) reports can be made for, with how many claims carry each, most used first.
 * Tags are stored as " tag1 tag2 " on the claim row; counting happens here over the tag column
 * only (one narrow read), which stays quick at the store sizes the benchmarks use.
 */
export async function listTopics(tx: Tx, limit = 200): Promise<{ tag: string; claims: number }[]> {
  const rows = await tx.claim.findMany({ where: { tags: { not: "" }, mergedIntoId: null }, select: { tags: true } });
  const counts = new Map<string, number>();
  for (const r of rows) for (const t of tagList(r.tags)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [...counts.entries()]
    .map(([tag, claims]) => ({ tag, claims }))
    .sort((a, b) => b.claims - a.claims || a.tag.localeCompare(b.tag))
    .slice(0, limit);
}
