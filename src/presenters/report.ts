/**
 * Conflict report view data: the stance matrix (sources × claims), conflicts with both sides,
 * independent origins per claim, and a timeline of who said what when, laid out here as SVG
 * coordinates so the page draws the chart without any script (the CSP allows none inline).
 */
import { formatDate, t } from "../i18n/index.ts";
import type { ReportAttribution, ReportData } from "../domain/reports/report-data.ts";
import { corroborate } from "../engine/corroboration.ts";
import { humanDate, humanDateTime } from "./when.ts";
import { visibleControls } from "./view.ts";
import { reasonText } from "./reason-text.ts";

const STANCE_COLOR: Record<string, string> = { asserted: "#1b7f3b", denied: "#b3261e", unverified: "#8a6d00" };

export interface TimelineMark {
  x: number;
  y: number;
  color: string;
  stance: string;
  hollow: boolean;
  /** Placed by a date other than the statement's or its report's publication (retrieved / recorded). */
  dashed: boolean;
  label: string;
}

type PlacedBy = "stated" | "published" | "retrieved" | "recorded";
const BY_KEY: Record<PlacedBy, string> = {
  stated: "report.pointStated",
  published: "report.pointPublished",
  retrieved: "report.pointRetrieved",
  recorded: "report.pointRecorded",
};

/** The date a statement goes on the timeline by, and which date it is. */
export function placeStatement(a: Pick<ReportAttribution, "statedAt" | "document"> & { createdAt?: string }): { when: string; by: PlacedBy } | null {
  if (a.statedAt) return { when: a.statedAt, by: "stated" };
  if (a.document?.publishedAt) return { when: a.document.publishedAt, by: "published" };
  if (a.document?.retrievedAt) return { when: a.document.retrievedAt, by: "retrieved" };
  if (a.createdAt) return { when: a.createdAt, by: "recorded" };
  return null;
}

/**
 * SVG text cannot hold a <bdi>: user names in the chart are wrapped in Unicode isolates (FSI …
 * PDI) instead, with any direction controls of their own shown as ⟨U+2069⟩ so none can end the
 * isolate early (the tables beside the chart show the names as recorded).
 */
function iso(s: string): string {
  return `\u2068${visibleControls(s)}\u2069`;
}

function day(iso: string | null): string {
  return iso ? iso.slice(0, 10) : "";
}

export function presentReport(data: ReportData) {
  const sources = new Map(data.sources.map((s) => [s.id, s]));
  const attributions = new Map<number, ReportAttribution & { claimId: number }>();
  for (const c of data.claims) for (const a of c.attributions) attributions.set(a.id, { ...a, claimId: c.id });

  // Stance matrix: one row per speaker, one column per claim.
  const speakerIds = [...new Set(data.claims.flatMap((c) => c.attributions.map((a) => a.source.id)))];
  const matrix = speakerIds.map((sid) => {
    const s = sources.get(sid)!;
    return {
      source: { id: s.id, name: s.name, kind: s.kind, reliability: s.reliability },
      cells: data.claims.map((c) => ({
        stances: c.attributions.filter((a) => a.source.id === sid).map((a) => ({ stance: a.stance, credibility: a.credibility })),
      })),
    };
  });

  const claims = data.claims.map((c, i) => {
    const corro = corroborate(
      c.attributions.map((a) => ({ attributionId: a.id, stance: a.stance as "asserted", speaker: a.source, outlet: a.outlet, via: a.via })),
      data.sources,
    );
    const origins = [...corro.asserted, ...corro.denied, ...corro.unverified];
    const anonymousOnly = origins.length === 1 && origins[0].key.startsWith("anonymous:");
    return {
      n: i + 1,
      id: c.id,
      text: c.text,
      translation: c.translation,
      status: c.status,
      eventDate: day(c.eventDate),
      summary: corro.summary,
      /** Counts of independent origins per stance, for the page to word in its language. */
      origins: { asserted: corro.asserted.length, denied: corro.denied.length, unverified: corro.unverified.length },
      singleOrigin: origins.length === 1 ? reasonText(origins[0].label) : null,
      anonymousOnly,
    };
  });

  const conflicts = data.conflicts.map((c) => {
    const side = (ids: number[]) =>
      ids
        .map((id) => attributions.get(id))
        .filter((a): a is NonNullable<typeof a> => Boolean(a))
        .map((a) => ({ stance: a.stance, quote: a.quote, statedAt: day(a.statedAt), source: a.source, outlet: a.outlet, document: a.document }));
    return { id: c.id, kind: c.kind, status: c.status, explanation: reasonText(c.explanation), claimId: c.claimId, sideA: side(c.sideA), sideB: side(c.sideB) };
  });

  const reviewed = data.claims.filter((c) => c.status !== "unreviewed").length;
  return { title: data.title, generatedAt: humanDateTime(data.generatedAt), claims, matrix, conflicts, timeline: timeline(data), reviewed };
}

/** Who said what when: rows per speaker; filled marks at the statement date, hollow at publication when no statement date is known; event dates as vertical lines. */
export function timeline(data: ReportData) {
  const points: { t: number; sourceId: number; stance: string; hollow: boolean; by: PlacedBy; label: string }[] = [];
  const events: { t: number; label: string }[] = [];
  const undated: string[] = [];
  for (const [i, c] of data.claims.entries()) {
    if (c.eventDate) events.push({ t: Date.parse(c.eventDate), label: t("report.eventOf", { n: i + 1, date: formatDate(c.eventDate) }) });
    for (const a of c.attributions) {
      // Every statement is placed: by its own date, else its report's publication date, else the
      // date the report was retrieved, else the day the statement was recorded — the mark says which.
      const placed = placeStatement(a);
      if (!placed) {
        undated.push(t("report.undatedItem", { name: a.source.name, stance: t(`stance.${a.stance}`), n: i + 1 }));
        continue;
      }
      points.push({
        t: Date.parse(placed.when),
        sourceId: a.source.id,
        stance: a.stance,
        hollow: placed.by !== "stated",
        by: placed.by,
        label: t(BY_KEY[placed.by], { name: iso(a.source.name), stance: t(`stance.${a.stance}`), n: i + 1, date: humanDate(placed.when) }),
      });
    }
  }
  if (!points.length) return undated.length ? { undated, marks: [], rows: [], empty: true } : null;
  const rows = [...new Set(points.map((p) => p.sourceId))];
  const names = new Map(data.sources.map((s) => [s.id, s.name]));
  const ts = [...points.map((p) => p.t), ...events.map((e) => e.t)];
  let min = Math.min(...ts);
  let max = Math.max(...ts);
  if (min === max) {
    min -= 86_400_000;
    max += 86_400_000;
  }
  const left = 220;
  const width = 900;
  const rowH = 28;
  const top = 30;
  const x = (t: number) => Math.round(left + ((t - min) / (max - min)) * (width - left - 30));
  const height = top + rows.length * rowH + 30;
  const marks: TimelineMark[] = points.map((p, i) => ({
    x: x(p.t),
    // Marks on the same day and row are nudged apart so none hides another.
    y: top + rows.indexOf(p.sourceId) * rowH + 10 + (points.slice(0, i).filter((q) => q.sourceId === p.sourceId && q.t === p.t).length % 3) * 5,
    color: STANCE_COLOR[p.stance] ?? "#555",
    stance: p.stance,
    hollow: p.hollow,
    dashed: p.by === "retrieved" || p.by === "recorded",
    label: p.label,
  }));
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((f) => {
      const t = min + f * (max - min);
      return { x: x(t), label: humanDate(new Date(t)) };
    })
    .filter((tick, i, all) => i === 0 || tick.label !== all[i - 1].label);
  return {
    width,
    height,
    axisY: height - 22,
    labelX: left - 8,
    rows: rows.map((id, i) => ({ y: top + i * rowH + 14, lineY: top + i * rowH + 10, name: iso(names.get(id) ?? `#${id}`) })),
    marks,
    events: events.map((e) => ({ x: x(e.t), label: e.label })),
    ticks,
    lineX1: left,
    lineX2: width - 20,
    undated,
    empty: false,
  };
}
