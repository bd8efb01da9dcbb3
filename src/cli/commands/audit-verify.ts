/**
 * `audit:verify FILE`: check an exported audit trail offline (no database needed).
 * Prints `OK: N events, last seq S, last hash H` (exit 0) or `FAILED at seq N (line L): reason` (exit 1).
 */
import { access } from "node:fs/promises";
import { verifyAuditFile } from "../../audit/verify-file.ts";
import { EXIT_FAILED, EXIT_OK, UsageError, parseCli, runCommand } from "../args.ts";

export const summary = "verify the hash chain of an exported audit file (NDJSON or CSV)";
const USAGE = "npm run cli -- audit:verify FILE [--format ndjson|csv]";

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values, positionals } = parseCli(args, { format: { type: "string" } }, { min: 1, max: 1 });
    const file = positionals[0];
    const format = values.format;
    if (format !== undefined && format !== "ndjson" && format !== "csv") throw new UsageError(`--format must be ndjson or csv, not "${format}"`);
    try {
      await access(file);
    } catch {
      throw new UsageError(`cannot read ${file}`);
    }
    const r = await verifyAuditFile(file, format);
    if (r.ok) {
      console.log(`OK: ${r.count} events, last seq ${r.lastSeq}, last hash ${r.lastHash}`);
      return EXIT_OK;
    }
    console.log(r.seq === null ? `FAILED (line ${r.line}): ${r.reason}` : `FAILED at seq ${r.seq} (line ${r.line}): ${r.reason}`);
    return EXIT_FAILED;
  });
}
