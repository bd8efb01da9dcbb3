/**
 * `ingest FILE... [--publisher KEY_OR_ID] [--as USERNAME]`: bring reports in.
 *
 * A .txt / .html / .htm / .md file is one report (HTML: the main text is kept and the page's
 * bytes stored as evidence). A .ndjson / .jsonl file holds one report per line:
 * `{"text"|"html"|"markdown": …, "title"?, "url"?, "publisher"? (source key or id),
 * "publishedAt"?, "language"?}`. Each report is ingested in its own transaction, so a bad
 * line is reported (with its line number) and the others are still ingested; the same report
 * ingested twice is recognised and not duplicated. Progress goes to stderr, the summary to
 * stdout; exit 1 if any report failed.
 */
import { readFile } from "node:fs/promises";
import { basename, extname } from "node:path";
import { inTransaction, type Db } from "../../db/client.ts";
import type { Actor } from "../../domain/actor.ts";
import { ingestReport, type IngestFormat, type IngestResult } from "../../domain/ingest/ingest-report.ts";
import { ingestBatch, ingestReportLine, reportLines } from "../../domain/ingest/ingest-batch.ts";
import { resolvePublisher } from "../../domain/ingest/ingest-request.ts";
import { acceptSchema } from "../../domain/ingest/schema.ts";
import { acceptSuggestions } from "../../domain/ingest/accept-suggestions.ts";
import { suggestionsFor } from "../../domain/ingest/suggestions-for.ts";
import { AppError } from "../../errors.ts";
import { EXIT_FAILED, EXIT_OK, UsageError, cliActor, parseCli, runCommand, userActor, withDatabase } from "../args.ts";

export const summary = "ingest reports (.txt/.html/.md, or .ndjson with one report per line)";
const USAGE = "npm run cli -- ingest FILE... [--publisher KEY_OR_ID] [--as USERNAME] [--accept-proposals]";

const FILE_FORMATS: Record<string, IngestFormat> = { ".txt": "text", ".text": "text", ".html": "html", ".htm": "html", ".md": "markdown", ".markdown": "markdown" };
const NDJSON = new Set([".ndjson", ".jsonl"]);

/** One unit of work: a whole file, or one line of an NDJSON file. */
interface Job {
  label: string;
  run(db: Db, actor: Actor, publisherId: number | null): Promise<IngestResult>;
}

function describe(err: unknown): string {
  if (err instanceof AppError) {
    const fields = Object.entries(err.fields ?? {}).filter(([k]) => k !== "_form");
    return fields.length ? fields.map(([k, m]) => `${k}: ${m}`).join("; ") : err.message;
  }
  return err instanceof Error ? err.message : String(err);
}

async function jobsFor(file: string): Promise<Job[]> {
  const ext = extname(file).toLowerCase();
  let bytes: Buffer;
  try {
    bytes = await readFile(file);
  } catch (err) {
    throw new UsageError(`cannot read ${file} (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (NDJSON.has(ext)) {
    // a byte-order mark (some editors write one) is not part of the first line
    return reportLines(bytes.toString("utf8").replace(/^\uFEFF/, "")).map(({ text, line }) => ({
      label: `${file}:${line}`,
      run: (db: Db, actor: Actor, publisherId: number | null) => ingestReportLine(db, actor, text, { publisherId }),
    }));
  }
  const format = FILE_FORMATS[ext];
  if (!format) throw new UsageError(`${file}: expected .txt, .html, .htm, .md or .ndjson`);
  return [
    {
      label: file,
      run: (db, actor, publisherId) => inTransaction(db, (tx) => ingestReport(tx, actor, { rawBytes: new Uint8Array(bytes), format, fileName: basename(file), publisherId })),
    },
  ];
}

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values, positionals } = parseCli(args, { publisher: { type: "string" }, as: { type: "string" }, "accept-proposals": { type: "boolean" } }, { min: 1, max: 10_000 });
    const jobs = (await Promise.all(positionals.map(jobsFor))).flat();
    return withDatabase(async (db) => {
      const actor = values.as ? await userActor(db, values.as) : cliActor();
      let publisherId: number | null = null;
      if (values.publisher !== undefined) {
        try {
          publisherId = await resolvePublisher(db, values.publisher);
        } catch {
          throw new UsageError(`--publisher: no source with key or id "${values.publisher}"`);
        }
      }
      const total = jobs.length;
      const n = (i: number) => `[${i + 1}/${total}]`;
      const counts = await ingestBatch(jobs, (job) => job.run(db, actor, publisherId), {
        async ingested(job, i, { document, duplicate }) {
          console.error(`${n(i)} ${duplicate ? `duplicate of doc ${document.id}` : `ingested doc ${document.id}`} (${job.label})`);
          if (values["accept-proposals"] && !duplicate) {
            // The assistant's proposals, accepted unchanged, in the order of the batch: a later
            // report's statements attach to the claims an earlier one created.
            const review = await suggestionsFor(db, document.id);
            const items = review.suggestions.map((s) => s.proposal);
            if (items.length) {
              const result = await inTransaction(db, (tx) => acceptSuggestions(tx, actor, document.id, acceptSchema.parse({ items }).items));
              console.error(`${n(i)}   accepted proposals: ${result.attributions.length} attribution(s), ${result.claims.length} new claim(s), ${result.sources.length} new source(s)`);
            }
          }
        },
        failed(job, i, err) {
          if (!(err instanceof AppError)) throw err;
          console.error(`${n(i)} FAILED ${job.label}: ${describe(err)}`);
        },
      });
      console.log(`${total} report(s): ${counts.ingested} ingested, ${counts.duplicates} duplicate(s), ${counts.failed} failed (as ${actor.username}).`);
      return counts.failed ? EXIT_FAILED : EXIT_OK;
    });
  });
}
