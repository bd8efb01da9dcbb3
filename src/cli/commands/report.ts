/**
 * `report --claim ID | --topic TAG | --conflict ID | --all --format csv|json|claimreview|stix --out FILE`:
 * the same exports as the report pages, from the command line. `--all --format csv` streams
 * every claim (no row cap, constant memory).
 */
import { t } from "../../i18n/index.ts";
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import { loadConfig } from "../../config.ts";
import { idFromDigits } from "../../shared/ids.ts";
import { loadClaimReport, loadConflictReport, loadTopicReport, type ReportData } from "../../domain/reports/report-data.ts";
import { toClaimReviews } from "../../exports/claimreview.ts";
import { exportCsv, streamClaimsCsv } from "../../exports/csv.ts";
import { toStixBundle } from "../../exports/stix.ts";
import { EXIT_OK, UsageError, parseCli, required, runCommand, withDatabase } from "../args.ts";

export const summary = "export a claim, topic, conflict or all claims as CSV, JSON, ClaimReview JSON-LD or STIX 2.1";
const USAGE = "npm run cli -- report (--claim ID | --topic TAG | --conflict ID | --all) --format csv|json|claimreview|stix --out FILE [--base-url URL]";
const FORMATS = ["csv", "json", "claimreview", "stix"];

async function write(out: Writable, chunk: string) {
  if (!out.write(chunk)) await once(out, "drain");
}

function positiveId(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const id = idFromDigits(v);
  if (id === undefined || id < 1) throw new UsageError(`--${name} must be a positive number`);
  return id;
}

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values } = parseCli(args, {
      claim: { type: "string" },
      topic: { type: "string" },
      conflict: { type: "string" },
      all: { type: "boolean" },
      format: { type: "string" },
      out: { type: "string" },
      "base-url": { type: "string" },
    });
    const format = required(values.format, "format");
    if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(", ")}`);
    const file = required(values.out, "out");
    const claimId = positiveId(values.claim, "claim");
    const conflictId = positiveId(values.conflict, "conflict");
    const chosen = [claimId, values.topic, conflictId, values.all].filter((v) => v !== undefined && v !== false).length;
    if (chosen !== 1) throw new UsageError(t("cli.chooseOne"));
    const baseUrl = values["base-url"] ?? loadConfig().PUBLIC_URL ?? "http://localhost:3000";
    const out = file === "-" ? process.stdout : createWriteStream(file, { encoding: "utf8" });
    await withDatabase(async (db) => {
      if (values.all && format === "csv") {
        for await (const chunk of streamClaimsCsv(db)) await write(out, chunk);
        return;
      }
      if (values.all) throw new UsageError("--all is available for --format csv (use `export FILE` for the whole JSON bundle)");
      const data: ReportData =
        claimId !== undefined
          ? await loadClaimReport(db, claimId)
          : conflictId !== undefined
            ? await loadConflictReport(db, conflictId)
            : await loadTopicReport(db, values.topic!);
      if (format === "csv") for await (const chunk of exportCsv(data)) await write(out, chunk);
      else if (format === "json") await write(out, `${JSON.stringify(data, null, 2)}\n`);
      else if (format === "claimreview") await write(out, `${JSON.stringify(toClaimReviews(data, { baseUrl }), null, 2)}\n`);
      else await write(out, `${JSON.stringify(toStixBundle(data, { baseUrl }), null, 2)}\n`);
    });
    if (out !== process.stdout) {
      out.end();
      await finished(out);
      console.error(t("cli.wrote", { format, file }));
    }
    return EXIT_OK;
  });
}
