/**
 * `vectors:build`: give every current claim its sentence vector now (English text or
 * translation), instead of on demand when saves come across it. Run once after upgrading a
 * store that predates the encoder, or after a large import; safe to interrupt and run again
 * (it resumes with the claims still without one). Progress on stderr, summary on stdout.
 */
import { t } from "../../i18n/index.ts";
import { buildVectors } from "../../domain/matching/claim-vectors.ts";
import { sentenceEncoderEnabled } from "../../encoder/sentence-encoder.ts";
import { EXIT_OK, UsageError, parseCli, runCommand, withDatabase } from "../args.ts";

export const summary = "embed claims that have no sentence vector yet (after an upgrade or a bulk import)";
const USAGE = "npm run cli -- vectors:build [--batch N]";

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values } = parseCli(args, { batch: { type: "string" } });
    const batch = values.batch === undefined ? 32 : Number(values.batch);
    if (!Number.isInteger(batch) || batch < 1 || batch > 1000) throw new UsageError("--batch must be a whole number from 1 to 1000");
    if (!sentenceEncoderEnabled()) {
      console.log(t("cli.encoderOff"));
      return EXIT_OK;
    }
    const started = performance.now();
    const r = await withDatabase((db) =>
      buildVectors(db, { batch, progress: (done, total) => process.stderr.write(`\rclaims ${done}/${total}${done === total ? "\n" : ""}`) }),
    );
    const s = ((performance.now() - started) / 1000).toFixed(1);
    console.log(t("cli.vectorsBuilt", { embedded: r.embedded, without: r.withoutEnglish, seconds: s }));
    return EXIT_OK;
  });
}
