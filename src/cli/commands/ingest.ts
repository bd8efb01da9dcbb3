/**
 * `ingest FILE... [--publisher KEY_OR_ID] [--as USERNAME]`: bring reports in.
 *
 * A .pdf / .docx / .txt / .html / .htm / .md file is one report (read by src/extract/formats:
 * a PDF's text layer, a Word file's paragraphs, a page's main text; the file's bytes are
 * stored as evidence). A folder stands for the report files in it (not its subfolders). A .ndjson / .jsonl file holds one report per line:
 * `{"text"|"html"|"markdown": …, "title"?, "url"?, "publisher"? (source key or id),
 * "publishedAt"?, "language"?}`. Each report is ingested in its own transaction, so a bad
 * line is reported (with its line number) and the others are still ingested; the same report
 * ingested twice is recognised and not duplicated. Progress goes to stderr, the summary to
 * stdout; exit 1 if any report failed.
 */
import { t } from "../../i18n/index.ts";
import { readdir, readFile, stat } from "node:fs/promises";
import { basename, extname, join } from "node:path";
import { inTransaction, type Db } from "../../db/client.ts";
import type { Actor } from "../../domain/actor.ts";
import { ingestFile, prepareFile } from "../../domain/ingest/ingest-file.ts";
import type { IngestResult } from "../../domain/ingest/ingest-report.ts";
import { ingestBatch, ingestReportLine, reportLines } from "../../domain/ingest/ingest-batch.ts";
import { resolvePublisher } from "../../domain/ingest/ingest-request.ts";
import { acceptSchema } from "../../domain/ingest/schema.ts";
import { acceptSuggestions } from "../../domain/ingest/accept-suggestions.ts";
import { suggestionsOffThread } from "../../domain/ingest/suggestions-off-thread.ts";
import { AppError } from "../../errors.ts";
import { FILE_EXTENSIONS, formatOfFile } from "../../extract/formats/index.ts";
import { EXIT_FAILED, EXIT_OK, UsageError, cliActor, parseCli, runCommand, userActor, withDatabase } from "../args.ts";

export const summary = "ingest reports (.pdf/.docx/.html/.txt/.md files or folders, or .ndjson with one report per line)";
const USAGE = "npm run cli -- ingest FILE_OR_FOLDER... [--publisher KEY_OR_ID] [--as USERNAME] [--accept-proposals]";

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
  if (!formatOfFile(file, null, bytes)) throw new UsageError(`${file}: expected .pdf, .docx, .html, .htm, .txt, .md or .ndjson`);
  return [
    {
      label: file,
      async run(db, actor, publisherId) {
        const input = { bytes: new Uint8Array(bytes), fileName: basename(file), publisher: publisherId };
        const prepared = await prepareFile(input); // read (a PDF, say) before the write transaction
        return inTransaction(db, (tx) => ingestFile(tx, actor, input, prepared));
      },
    },
  ];
}

/** A folder → its report files (known extensions, .ndjson included), sorted by name; a file → itself. */
async function expand(path: string): Promise<string[]> {
  let isDir = false;
  try {
    isDir = (await stat(path)).isDirectory();
  } catch (err) {
    throw new UsageError(`cannot read ${path} (${(err as NodeJS.ErrnoException).code ?? "error"})`);
  }
  if (!isDir) return [path];
  const names = (await readdir(path, { withFileTypes: true }))
    .filter((d) => d.isFile() && (FILE_EXTENSIONS[extname(d.name).toLowerCase()] || NDJSON.has(extname(d.name).toLowerCase())))
    .map((d) => d.name)
    .sort();
  if (!names.length) throw new UsageError(`${path}: no report files (.pdf, .docx, .html, .txt, .md, .ndjson) in this folder`);
  return names.map((n) => join(path, n));
}

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values, positionals } = parseCli(
      args,
      { publisher: { type: "string" }, as: { type: "string" }, "accept-proposals": { type: "boolean" } },
      { min: 1, max: 10_000 },
    );
    const files = (await Promise.all(positionals.map(expand))).flat();
    const jobs = (await Promise.all(files.map(jobsFor))).flat();
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
        async ingested(job, i, { document, duplicate, warnings }) {
          console.error(`${n(i)} ${duplicate ? `duplicate of doc ${document.id}` : `ingested doc ${document.id}`} (${job.label})`);
          for (const w of warnings ?? []) console.error(`${n(i)}   note: ${w}`);
          if (values["accept-proposals"] && !duplicate) {
            // The assistant's proposals, accepted unchanged, in the order of the batch: a later
            // report's statements attach to the claims an earlier one created.
            const review = await suggestionsOffThread(db, document.id);
            const items = review.suggestions.map((s) => s.proposal);
            if (items.length) {
              const result = await inTransaction(db, (tx) => acceptSuggestions(tx, actor, document.id, acceptSchema.parse({ items }).items));
              console.error(
                `${n(i)}   ${t("cli.acceptedProposals", { attributions: t("count.attribution", { count: result.attributions.length }), claims: t("count.newClaim", { count: result.claims.length }), sources: t("count.newSource", { count: result.sources.length }) })}`,
              );
            }
          }
        },
        failed(job, i, err) {
          if (!(err instanceof AppError)) throw err;
          console.error(`${n(i)} FAILED ${job.label}: ${describe(err)}`);
        },
      });
      console.log(
        t("cli.ingestSummary", {
          reports: t("cli.reports", { count: total }),
          ingested: counts.ingested,
          duplicates: counts.duplicates,
          failed: counts.failed,
          username: actor.username,
        }),
      );
      return counts.failed ? EXIT_FAILED : EXIT_OK;
    });
  });
}
