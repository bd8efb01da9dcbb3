/** `audit:export --format ndjson|csv --out FILE`: stream the hash-chained audit trail to a file. */
import { randomUUID } from "node:crypto";
import { createWriteStream } from "node:fs";
import { rename, rm } from "node:fs/promises";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import type { Writable } from "node:stream";
import { auditEvents, csvHeader, csvLine, ndjsonLine } from "../../domain/audit/export-audit.ts";
import { writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { loadOrCreateKey, publicKeyPem } from "../../audit/checkpoint.ts";
import { loadConfig } from "../../config.ts";
import { checkpoints, sealAudit } from "../../domain/audit/seal-audit.ts";
import { EXIT_OK, UsageError, parseCli, required, runCommand, withDatabase } from "../args.ts";

export const summary = "export the audit trail as NDJSON or CSV (verify it with audit:verify)";
const USAGE =
  "npm run cli -- audit:export [--format ndjson|csv] --out FILE [--no-seal]   (format defaults to the file's extension, else ndjson; FILE.checkpoints and FILE.pub are written beside it)";

async function write(out: Writable, chunk: string) {
  if (!out.write(chunk)) await once(out, "drain");
}

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values } = parseCli(args, { format: { type: "string" }, out: { type: "string" }, "no-seal": { type: "boolean" } });
    const file = required(values.out, "out");
    const format = values.format ?? (/\.csv$/i.test(file) ? "csv" : "ndjson");
    if (format !== "ndjson" && format !== "csv") throw new UsageError(`--format must be ndjson or csv, not "${format}"`);
    const toStdout = file === "-";
    const tmp = `${file}.${randomUUID()}.tmp`;
    const out = toStdout ? process.stdout : createWriteStream(tmp, { encoding: "utf8" });
    let count = 0;
    let last = { seq: 0, hash: "" };
    try {
      await withDatabase(async (db) => {
        // Seal first (when the signing key is here), so the export is covered by a checkpoint to its end.
        const keyFile = loadConfig().AUDIT_KEY_FILE;
        if (!toStdout && existsSync(keyFile)) {
          const key = loadOrCreateKey(keyFile);
          if (!values["no-seal"]) await sealAudit(db, key);
          const cps = await checkpoints(db);
          await writeFile(`${file}.checkpoints`, cps.map((c) => c.note).join("\n"), "utf8");
          await writeFile(`${file}.pub`, publicKeyPem(key), "utf8");
        }
        if (format === "csv") await write(out, csvHeader());
        for await (const e of auditEvents(db)) {
          await write(out, format === "csv" ? csvLine(e) : ndjsonLine(e));
          count += 1;
          last = { seq: e.seq, hash: e.hash };
        }
      });
      if (!toStdout) {
        out.end();
        await finished(out);
        await rename(tmp, file);
      }
    } catch (err) {
      if (!toStdout) {
        out.destroy();
        await rm(tmp, { force: true });
      }
      throw err;
    }
    console.error(
      `Exported ${count} audit events as ${format}${toStdout ? "" : ` to ${file}`}${count ? ` (last seq ${last.seq}, last hash ${last.hash})` : ""}.`,
    );
    return EXIT_OK;
  });
}
