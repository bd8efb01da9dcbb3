/**
 * `backup FILE`: an online backup of the database named by DATABASE_URL, taken with SQLite's
 * backup API (better-sqlite3 `db.backup()`) while the app keeps serving. All pages are copied
 * in one step, i.e. inside one read transaction: in WAL mode that blocks no writer, and the
 * copy is one consistent snapshot. (Copying in small steps would let any write by the app —
 * another connection — restart the backup, which under steady load may never finish.) The
 * copy is then opened on its own and checked with `PRAGMA integrity_check` and
 * `foreign_key_check`; the command prints its size and the time.
 *
 * Restore = stop the app, put FILE in place of the database (remove stale -wal/-shm files),
 * start the app. See docs/reliability.md (T7) for the measured drill.
 */
import { t } from "../../i18n/index.ts";
import { existsSync, statSync } from "node:fs";
import { rename, rm } from "node:fs/promises";
import Database from "better-sqlite3";
import { databaseDialect, databasePath, loadConfig } from "../../config.ts";
import { BUSY_TIMEOUT_MS } from "../../db/client.ts";
import { EXIT_FAILED, EXIT_OK, UsageError, parseCli, runCommand } from "../args.ts";

export const summary = "online backup of the database to FILE (SQLite backup API), then integrity_check on the copy";
const USAGE = "npm run cli -- backup FILE [--force]   (the database is DATABASE_URL; FILE must not exist unless --force)";

export interface BackupResult {
  file: string;
  bytes: number;
  ms: number;
  pages: number;
  integrity: string;
  foreignKeyErrors: number;
}

/** Check a database file on its own connection: integrity_check and foreign_key_check. */
export function checkDatabaseFile(file: string): { integrity: string; foreignKeyErrors: number } {
  const copy = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const integrity = (copy.pragma("integrity_check") as Array<{ integrity_check: string }>).map((r) => r.integrity_check).join("; ");
    const foreignKeyErrors = (copy.pragma("foreign_key_check") as unknown[]).length;
    return { integrity, foreignKeyErrors };
  } finally {
    copy.close();
  }
}

/**
 * Copy `source` to `target` online. Written to a temporary name first and renamed when the
 * copy is complete and checked, so a partial file never carries the backup's name.
 */
export async function backupDatabase(source: string, target: string): Promise<BackupResult> {
  const start = performance.now();
  const tmp = `${target}.partial`;
  await rm(tmp, { force: true });
  const db = new Database(source, { fileMustExist: true, timeout: BUSY_TIMEOUT_MS });
  let pages = 0;
  try {
    const done = await db.backup(tmp, {
      progress: ({ totalPages }) => {
        pages = totalPages;
        return 0x7fffffff; // everything in the next step: one snapshot
      },
    });
    pages = done.totalPages;
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  } finally {
    db.close();
  }
  // The copy keeps the WAL flag in its header, so a restored file opens as the app expects.
  const check = checkDatabaseFile(tmp);
  if (check.integrity !== "ok" || check.foreignKeyErrors) {
    return { file: tmp, bytes: statSync(tmp).size, ms: performance.now() - start, pages, ...check };
  }
  await rename(tmp, target);
  return { file: target, bytes: statSync(target).size, ms: performance.now() - start, pages, ...check };
}

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values, positionals } = parseCli(args, { force: { type: "boolean" } }, { min: 1, max: 1 });
    const target = positionals[0];
    const url = loadConfig().DATABASE_URL;
    if (databaseDialect(url) === "postgres") throw new UsageError(t("cli.backupPostgres"));
    const source = databasePath(url);
    if (!existsSync(source)) throw new UsageError(t("cli.noDatabase", { path: source }));
    if (existsSync(target) && !values.force) throw new UsageError(t("cli.targetExists", { path: target }));
    const r = await backupDatabase(source, target);
    const mb = (r.bytes / 1048576).toFixed(1);
    if (r.integrity !== "ok" || r.foreignKeyErrors) {
      console.log(t("cli.backupFailed", { file: r.file, integrity: r.integrity, count: r.foreignKeyErrors }));
      return EXIT_FAILED;
    }
    console.log(t("cli.backupOk", { source, file: r.file, mb, pages: r.pages, seconds: (r.ms / 1000).toFixed(2) }));
    return EXIT_OK;
  });
}
