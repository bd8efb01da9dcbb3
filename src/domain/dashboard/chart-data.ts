import type { Tx } from "../../db/client.ts";

const WEEK = 7 * 24 * 3600_000;

/** Monday 00:00 UTC of the week holding `d`. */
export function weekStart(d: Date): Date {
  const x = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate()));
  x.setUTCDate(x.getUTCDate() - ((x.getUTCDay() + 6) % 7));
  return x;
}

/**
 * What the dashboard charts show, over the last `weeks` weeks: claims recorded per week by their
 * review status now, conflicts found per week, and the sources most often on a side of an active
 * conflict. Reads narrow columns only.
 */
export async function dashboardCharts(tx: Tx, now = new Date(), weeks = 12) {
  const first = new Date(weekStart(now).getTime() - (weeks - 1) * WEEK);
  const [claims, conflicts, items] = await Promise.all([
    tx.claim.findMany({ where: { createdAt: { gte: first }, mergedIntoId: null }, select: { createdAt: true, status: true } }),
    tx.conflict.findMany({ where: { createdAt: { gte: first } }, select: { createdAt: true } }),
    tx.conflictItem.findMany({
      where: { conflict: { active: true } },
      select: { conflictId: true, attribution: { select: { source: { select: { id: true, name: true } } } } },
    }),
  ]);
  const weekStarts = Array.from({ length: weeks }, (_, i) => new Date(first.getTime() + i * WEEK));
  const at = (d: Date) => Math.min(weeks - 1, Math.max(0, Math.floor((weekStart(d).getTime() - first.getTime()) / WEEK)));
  const claimWeeks = weekStarts.map((w): { week: Date; counts: Record<string, number> } => ({ week: w, counts: {} }));
  for (const c of claims) {
    const b = claimWeeks[at(c.createdAt)].counts;
    b[c.status] = (b[c.status] ?? 0) + 1;
  }
  const conflictWeeks = weekStarts.map((w) => ({ week: w, count: 0 }));
  for (const c of conflicts) conflictWeeks[at(c.createdAt)].count += 1;
  // a source counts once per conflict it stands in, whichever side
  const bySource = new Map<number, { id: number; name: string; conflicts: Set<number> }>();
  for (const it of items) {
    const s = it.attribution.source;
    const e = bySource.get(s.id) ?? { id: s.id, name: s.name, conflicts: new Set<number>() };
    e.conflicts.add(it.conflictId);
    bySource.set(s.id, e);
  }
  const topSources = [...bySource.values()]
    .map((s) => ({ id: s.id, name: s.name, count: s.conflicts.size }))
    .sort((a, b) => b.count - a.count || a.name.localeCompare(b.name))
    .slice(0, 8);
  return { claimWeeks, conflictWeeks, topSources };
}
