import { Router } from "express";
import type { Config } from "../../config.ts";
import type { Db } from "../../db/client.ts";
import { loadClaimReport, loadConflictReport, loadTopicReport, type ReportData } from "../../domain/reports/report-data.ts";
import { listTopics } from "../../domain/reports/list-topics.ts";
import { presentReport } from "../../presenters/report.ts";
import { idParam } from "../validate.ts";
import { renderForm } from "./forms.ts";
import { sendExport } from "./exports.ts";

/**
 * Conflict reports for a claim, a topic (tag) or a conflict. `?format=` gives the same report
 * as CSV, JSON bundle, ClaimReview JSON-LD or STIX 2.1 (see src/http/pages/exports.ts).
 */
export function reportRoutes(db: Db, config: Pick<Config, "PUBLIC_URL">): Router {
  const router = Router();

  async function show(req: import("express").Request, res: import("express").Response, data: ReportData, base: string) {
    if (typeof req.query.format === "string" && req.query.format !== "html") {
      await sendExport(req, res, db, data, req.query.format, config.PUBLIC_URL);
      return;
    }
    await renderForm(res, "report", data.title, { report: presentReport(data), base });
  }

  router.get("/reports", async (_req, res) => {
    await renderForm(res, "reports", "Reports", { topics: await listTopics(db) });
  });
  router.get("/reports/claims/:id", async (req, res) => {
    const id = idParam(req.params.id);
    await show(req, res, await loadClaimReport(db, id), `/reports/claims/${id}`);
  });
  router.get("/reports/topics/:tag", async (req, res) => {
    const tag = String(req.params.tag).slice(0, 50);
    await show(req, res, await loadTopicReport(db, tag), `/reports/topics/${encodeURIComponent(tag)}`);
  });
  router.get("/reports/conflicts/:id", async (req, res) => {
    const id = idParam(req.params.id);
    await show(req, res, await loadConflictReport(db, id), `/reports/conflicts/${id}`);
  });
  return router;
}
