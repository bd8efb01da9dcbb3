/**
 * Report exports from the pages: CSV (streamed), JSON (the report data), schema.org
 * ClaimReview JSON-LD (reviewed claims only) and a STIX 2.1 bundle. Base URLs in exported
 * links come from the request's own host (set PUBLIC_URL behind a proxy).
 */
import { t } from "../../i18n/index.ts";
import type { Request, Response } from "express";
import type { Db } from "../../db/client.ts";
import type { ReportData } from "../../domain/reports/report-data.ts";
import { AppError } from "../../errors.ts";
import { toClaimReviews } from "../../exports/claimreview.ts";
import { exportCsv } from "../../exports/csv.ts";
import { toStixBundle } from "../../exports/stix.ts";

export const EXPORT_FORMATS = ["csv", "json", "claimreview", "stix"] as const;

/** PUBLIC_URL when configured, else the request's own scheme and host. */
export function baseUrl(req: Request, publicUrl?: string): string {
  return publicUrl ?? `${req.protocol}://${req.get("host") ?? "localhost"}`;
}

function fileName(data: ReportData, ext: string): string {
  const slug =
    data.title
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .slice(0, 40) || "report";
  return `crosscheck-${slug}.${ext}`;
}

export async function sendExport(req: Request, res: Response, _db: Db, data: ReportData, format: string, publicUrl?: string): Promise<void> {
  switch (format) {
    case "csv": {
      res.type("text/csv; charset=utf-8").attachment(fileName(data, "csv"));
      for await (const chunk of exportCsv(data)) res.write(chunk);
      res.end();
      return;
    }
    case "json":
      res
        .type("application/json")
        .attachment(fileName(data, "json"))
        .send(JSON.stringify(data, null, 2));
      return;
    case "claimreview": {
      const reviews = toClaimReviews(data, { baseUrl: baseUrl(req, publicUrl) });
      // An empty list stays valid JSON-LD for machines; the header (and the report page) says why it is empty.
      if (!reviews.length) res.setHeader("X-Crosscheck-Notice", "No claim in this report has a verdict yet; ClaimReview lists reviewed claims only.");
      res
        .type("application/ld+json")
        .attachment(fileName(data, "jsonld"))
        .send(JSON.stringify(reviews, null, 2));
      return;
    }
    case "stix":
      res
        .type("application/stix+json;version=2.1")
        .attachment(fileName(data, "stix.json"))
        .send(JSON.stringify(toStixBundle(data, { baseUrl: baseUrl(req, publicUrl) }), null, 2));
      return;
    default:
      throw new AppError(t("errors.exportFormat", { format: format.slice(0, 20), list: EXPORT_FORMATS.join(", ") }), 400, "bad_format");
  }
}
