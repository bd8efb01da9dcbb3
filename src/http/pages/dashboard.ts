import { Router } from "express";
import { t } from "../../i18n/index.ts";
import type { Db } from "../../db/client.ts";
import { countClaimsByStatus } from "../../domain/claims/queries.ts";
import { countConflictsByStatus, listConflicts } from "../../domain/conflicts/queries.ts";
import { listAudit } from "../../domain/audit/queries.ts";
import { presentConflict } from "../../presenters/view.ts";
import { presentAuditEntry } from "../../presenters/audit-entry.ts";
import { CLAIM_STATUSES } from "../../validation/fields.ts";
import { renderForm } from "./forms.ts";
import { dashboardCharts } from "../../domain/dashboard/chart-data.ts";
import { presentCharts } from "../../presenters/charts.ts";

export function dashboardRoutes(db: Db): Router {
  const router = Router();
  router.get("/", async (_req, res) => {
    const [claims, conflicts, open, activity, charts] = await Promise.all([
      countClaimsByStatus(db),
      countConflictsByStatus(db),
      listConflicts(db, { status: "open", page: 1, pageSize: 10 }),
      listAudit(db, { page: 1, pageSize: 15 }),
      dashboardCharts(db),
    ]);
    await renderForm(res, "dashboard", t("title.dashboard"), {
      claimsByStatus: CLAIM_STATUSES.map((s) => ({ status: s, count: claims[s] ?? 0 })),
      conflictCounts: conflicts,
      openConflicts: open.items.map(presentConflict),
      openTotal: open.total,
      activity: activity.items.map(presentAuditEntry),
      charts: presentCharts(charts, CLAIM_STATUSES),
      statuses: CLAIM_STATUSES,
    });
  });
  return router;
}
