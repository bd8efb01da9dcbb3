/**
 * What every CLI command shares: strict option parsing (node:util parseArgs; an unknown
 * option is a usage error, exit 2), the database named by DATABASE_URL, and the system
 * actor `cli:<os user>` that the audit trail records for command-line changes.
 */
import { t } from "../i18n/index.ts";
import { randomUUID } from "node:crypto";
import { userInfo } from "node:os";
import { parseArgs, type ParseArgsConfig } from "node:util";
import { loadConfig, osUserFromEnv } from "../config.ts";
import { openDatabase, type Db } from "../db/client.ts";
import { systemActor, type Actor, type Role } from "../domain/actor.ts";
import { AppError } from "../errors.ts";

export const EXIT_OK = 0;
/** The command ran and the answer is "no" (verification failed, bundle rejected, …). */
export const EXIT_FAILED = 1;
/** The command was called wrongly (unknown option, missing argument, unreadable file). */
export const EXIT_USAGE = 2;

export class UsageError extends Error {}

type Options = NonNullable<ParseArgsConfig["options"]>;

/** Parse `args` strictly; `--help`/`-h` is handled by runCommand. */
export function parseCli<const O extends Options>(args: string[], options: O, positionals: { min: number; max: number } = { min: 0, max: 0 }) {
  let parsed;
  try {
    parsed = parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(err instanceof Error ? err.message : String(err));
  }
  const n = parsed.positionals.length;
  if (n < positionals.min) throw new UsageError(t("cli.missingArgument", { count: positionals.min - n }));
  if (n > positionals.max) throw new UsageError(t("cli.unexpectedArgument", { arg: parsed.positionals[positionals.max] }));
  return parsed;
}

/** Require an option: `--username NAME`. */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined || value === "") throw new UsageError(t("cli.required", { name }));
  return value;
}

/**
 * Run a command body with the shared error handling: `--help` prints the usage, a
 * UsageError prints it to stderr and exits 2, a domain error prints its (safe) message and
 * exits 1. Anything else is a bug and propagates to the dispatcher.
 */
export async function runCommand(usage: string, args: string[], body: () => Promise<number>): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log(`${t("cli.usage")} ${usage}`);
    return EXIT_OK;
  }
  try {
    return await body();
  } catch (err) {
    if (err instanceof UsageError) {
      console.error(`${err.message}\n${t("cli.usage")} ${usage}`);
      return EXIT_USAGE;
    }
    if (err instanceof AppError) {
      console.error(err.message);
      return EXIT_FAILED;
    }
    throw err;
  }
}

/** Open (and migrate) the database named by DATABASE_URL, run `fn`, always disconnect. */
export async function withDatabase<T>(fn: (db: Db) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase(config.DATABASE_URL);
  try {
    return await fn(db);
  } finally {
    await db.$disconnect();
  }
}

function osUser(): string {
  try {
    return userInfo().username || "unknown";
  } catch {
    return osUserFromEnv() ?? "unknown";
  }
}

/** The audit actor for command-line changes: `cli:<os user>`, one request id per run. */
export function cliActor(): Actor {
  return systemActor(`cli:${osUser()}`, `cli-${randomUUID()}`);
}

/** Act as an existing, enabled user (`--as USERNAME`). */
export async function userActor(db: Db, username: string): Promise<Actor> {
  const user = await db.user.findUnique({ where: { username } });
  if (!user || user.disabled) throw new UsageError(t("cli.noUser", { username }));
  return { userId: user.id, username: user.username, role: user.role as Role, requestId: `cli-${randomUUID()}` };
}
