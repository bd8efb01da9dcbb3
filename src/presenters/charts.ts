/**
 * Small bar charts drawn on the server as SVG coordinates (no script: the CSP allows none
 * inline, and the page must read the same without one). No charting library fitted a
 * server-rendered page without a DOM, so the geometry is computed here; every chart also
 * comes with a table of the same numbers (the text alternative) and a <title>/<desc>.
 */
import type { dashboardCharts } from "../domain/dashboard/chart-data.ts";
import { humanDate } from "./when.ts";

type Data = Awaited<ReturnType<typeof dashboardCharts>>;

const STATUS_COLOR: Record<string, string> = { unreviewed: "#8c96a3", verified: "#1b7f3b", disputed: "#b3261e", unverifiable: "#8a6d00" };
const W = 360;
const H = 140;
const PAD = { left: 28, bottom: 22, top: 8, right: 6 };

const shortDate = (d: Date) => humanDate(d).replace(/ \d{4}$/, "");

export function presentCharts(data: Data, statuses: readonly string[]) {
  const n = data.claimWeeks.length;
  const slot = (W - PAD.left - PAD.right) / n;
  const barW = Math.max(4, Math.round(slot * 0.7));
  const plotH = H - PAD.top - PAD.bottom;
  const x = (i: number) => Math.round(PAD.left + i * slot + (slot - barW) / 2);

  const claimMax = Math.max(1, ...data.claimWeeks.map((w) => Object.values(w.counts).reduce((a, b) => a + b, 0)));
  const claimBars = data.claimWeeks.flatMap((w, i) => {
    let y = H - PAD.bottom;
    return statuses
      .filter((s) => w.counts[s])
      .map((s) => {
        const h = Math.max(1, Math.round((w.counts[s] / claimMax) * plotH));
        y -= h;
        return { x: x(i), y, w: barW, h, color: STATUS_COLOR[s] ?? "#555", label: `week of ${humanDate(w.week)}: ${w.counts[s]} ${s}` };
      });
  });
  const conflictMax = Math.max(1, ...data.conflictWeeks.map((w) => w.count));
  const conflictBars = data.conflictWeeks
    .filter((w) => w.count)
    .map((w) => {
      const i = data.conflictWeeks.indexOf(w);
      const h = Math.max(1, Math.round((w.count / conflictMax) * plotH));
      return { x: x(i), y: H - PAD.bottom - h, w: barW, h, color: "#b3261e", label: `week of ${humanDate(w.week)}: ${w.count} new conflict(s)` };
    });
  const ticks = [0, Math.floor(n / 2), n - 1].map((i) => ({ x: x(i) + barW / 2, label: shortDate(data.claimWeeks[i].week) }));

  const sourceMax = Math.max(1, ...data.topSources.map((s) => s.count));
  const rowH = 22;
  const sources = {
    height: Math.max(1, data.topSources.length) * rowH + 4,
    rows: data.topSources.map((s, i) => ({ ...s, y: i * rowH + 2, w: Math.max(2, Math.round((s.count / sourceMax) * 200)), textY: i * rowH + 15 })),
  };

  return {
    width: W,
    height: H,
    axisY: H - PAD.bottom,
    axisX1: PAD.left,
    axisX2: W - PAD.right,
    claimMax,
    conflictMax,
    claims: {
      bars: claimBars,
      total: data.claimWeeks.reduce((a, w) => a + Object.values(w.counts).reduce((x, y) => x + y, 0), 0),
      legend: statuses.map((s) => ({ status: s, color: STATUS_COLOR[s] ?? "#555" })),
      table: data.claimWeeks.map((w) => ({ week: humanDate(w.week), cells: statuses.map((s) => w.counts[s] ?? 0) })),
    },
    conflicts: {
      bars: conflictBars,
      total: data.conflictWeeks.reduce((a, w) => a + w.count, 0),
      table: data.conflictWeeks.map((w) => ({ week: humanDate(w.week), count: w.count })),
    },
    ticks,
    sources,
    weeks: n,
  };
}
