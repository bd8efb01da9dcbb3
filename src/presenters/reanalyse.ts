/** The admin page's re-analysis panel: progress, estimate, the last and an interrupted run. */
import type { ReanalyseStatus } from "../domain/matching/reanalyse-runner.ts";
import { t } from "../i18n/index.ts";

const clock = (s: number | null | undefined) =>
  s == null
    ? "…"
    : s >= 90
      ? t("settings.reanalyse.minutes", { m: Math.floor(s / 60), s: Math.round(s % 60) })
      : t("settings.reanalyse.seconds", { s: Math.round(s) });

export function presentReanalyseStatus(s: ReanalyseStatus) {
  const p = s.progress;
  return {
    running: s.running,
    progress: p
      ? {
          done: p.done,
          total: p.total,
          percent: p.total ? Math.floor((100 * p.done) / p.total) : 100,
          elapsed: clock(p.elapsedS),
          eta: clock(p.etaS),
          links: p.linksWritten,
          conflicts: p.conflictsUpdated,
        }
      : null,
    interrupted: s.interrupted ? { done: s.interrupted.done, total: s.interrupted.total, at: s.interrupted.updatedAt } : null,
    last: s.last
      ? { total: s.last.total, startedAt: s.last.startedAt, finishedAt: s.last.updatedAt, links: s.last.linksWritten, conflicts: s.last.conflictsUpdated }
      : null,
    error: s.error,
  };
}
