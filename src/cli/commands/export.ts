/** `export FILE`: write the database as a JSON bundle (identical bytes for an unchanged database). */
import { randomUUID } from "node:crypto";
import { rename, rm, writeFile } from "node:fs/promises";
import { bundleText, exportBundle } from "../../domain/bundle/export-bundle.ts";
import { EXIT_OK, parseCli, runCommand, withDatabase } from "../args.ts";

export const summary = "export sources, documents, claims, conflicts and reviews as a JSON bundle";
const USAGE = "npm run cli -- export FILE   (FILE - writes to standard output)";

/** A deferred (read) transaction in WAL mode blocks no writer, so a large export may take its time. */
const EXPORT_TIMEOUT_MS = 10 * 60_000;

/** Write via a temporary file and rename, so a failed export never leaves half a bundle. */
export async function writeAtomically(file: string, data: string): Promise<void> {
  const tmp = `${file}.${randomUUID()}.tmp`;
  try {
    await writeFile(tmp, data, "utf8");
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { positionals } = parseCli(args, {}, { min: 1, max: 1 });
    const file = positionals[0];
    // One read transaction: a consistent snapshot even while the app is writing.
    const bundle = await withDatabase((db) => db.$transaction((tx) => exportBundle(tx), { timeout: EXPORT_TIMEOUT_MS }));
    const text = bundleText(bundle);
    if (file === "-") process.stdout.write(text);
    else {
      await writeAtomically(file, text);
      const n = (k: unknown[] | undefined) => k?.length ?? 0;
      console.error(
        `Exported ${n(bundle.sources)} sources, ${n(bundle.documents)} documents, ${n(bundle.claims)} claims, ` +
          `${n(bundle.conflicts)} conflicts and ${n(bundle.reviews)} reviews to ${file}.`,
      );
    }
    return EXIT_OK;
  });
}
