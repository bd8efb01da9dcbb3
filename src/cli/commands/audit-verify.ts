/**
 * `audit:verify FILE`: check an exported audit trail offline (no database needed).
 * Prints `OK: N events, last seq S, last hash H` (exit 0) or `FAILED at seq N (line L): reason` (exit 1).
 * With FILE.checkpoints and FILE.pub beside it (written by audit:export), the signed checkpoints are
 * checked too, which also detects events removed from the end.
 */
import { access } from "node:fs/promises";
import { verifyTrail } from "../../audit/verify-checkpoints.ts";
import { EXIT_FAILED, EXIT_OK, UsageError, parseCli, runCommand } from "../args.ts";

export const summary = "verify the hash chain of an exported audit file (NDJSON or CSV)";
const USAGE = "npm run cli -- audit:verify FILE [--format ndjson|csv] [--checkpoints FILE.checkpoints] [--pubkey FILE.pub]";

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values, positionals } = parseCli(
      args,
      { format: { type: "string" }, checkpoints: { type: "string" }, pubkey: { type: "string" } },
      { min: 1, max: 1 },
    );
    const file = positionals[0];
    const format = values.format;
    if (format !== undefined && format !== "ndjson" && format !== "csv") throw new UsageError(`--format must be ndjson or csv, not "${format}"`);
    try {
      await access(file);
    } catch {
      throw new UsageError(`cannot read ${file}`);
    }
    const r = await verifyTrail(file, { format, checkpoints: values.checkpoints, pubkey: values.pubkey });
    for (const line of r.lines) console.log(line);
    if (r.ok) return EXIT_OK;
    return EXIT_FAILED;
  });
}
