/**
 * `import FILE [--as USERNAME] [--dry-run]`: import a JSON bundle (all or nothing; re-importing
 * changes nothing). `--dry-run` checks the bundle and reports what would change, writing nothing.
 */
import { readFile } from "node:fs/promises";
import { importBundle, type KindCounts } from "../../domain/bundle/import-bundle.ts";
import { BundleError } from "../../domain/bundle/bundle-errors.ts";
import { EXIT_FAILED, EXIT_OK, UsageError, cliActor, parseCli, runCommand, userActor, withDatabase } from "../args.ts";

export const summary = "import a JSON bundle (sources, documents, claims, attributions)";
const USAGE = "npm run cli -- import FILE [--as USERNAME] [--dry-run]";

const line = (kind: string, c: KindCounts) => `  ${kind.padEnd(13)} created ${c.created}, updated ${c.updated}, unchanged ${c.unchanged}`;

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values, positionals } = parseCli(args, { as: { type: "string" }, "dry-run": { type: "boolean" } }, { min: 1, max: 1 });
    const file = positionals[0];
    let raw: unknown;
    try {
      raw = JSON.parse((await readFile(file, "utf8")).replace(/^\uFEFF/, ""));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code) throw new UsageError(`cannot read ${file} (${code})`);
      console.error(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
      return EXIT_FAILED;
    }
    return withDatabase(async (db) => {
      const actor = values.as ? await userActor(db, values.as) : cliActor();
      try {
        const dryRun = values["dry-run"] === true;
        const r = await importBundle(db, actor, raw, { dryRun });
        console.log(`${dryRun ? "Dry run (nothing written): would import" : "Imported"} ${file} as ${actor.username} (bundle SHA-256 ${r.sha256}):`);
        console.log([line("sources", r.sources), line("documents", r.documents), line("claims", r.claims), line("attributions", r.attributions)].join("\n"));
        console.log(`  conflicts opened: ${r.conflictsOpened}`);
        if (!dryRun) console.log(r.auditSeq ? `  audit event: seq ${r.auditSeq} (import.bundle)` : "  nothing changed; no audit event written");
        for (const w of r.warnings) console.error(`warning: ${w}`);
        return EXIT_OK;
      } catch (err) {
        if (err instanceof BundleError) {
          console.error(err.message);
          return EXIT_FAILED;
        }
        throw err;
      }
    });
  });
}
