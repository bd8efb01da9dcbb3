/**
 * `reanalyse`: re-run matching (suggested links) and stance-conflict analysis over the whole
 * store on every core (WORKER_THREADS workers), e.g. after a retrained model or a changed
 * alias list. Progress with an estimate on stderr; Ctrl-C stops after the ranges in flight
 * are written, and the next run resumes from the checkpoint (`--restart` starts over).
 * Analysts' decisions (confirmed or rejected links, verdicts, conflict statuses) are kept.
 */
import { reanalyseStore } from "../../domain/matching/reanalyse-store.ts";
import { closeModelPool } from "../../workers/model-pool.ts";
import { EXIT_FAILED, EXIT_OK, cliActor, parseCli, runCommand, withDatabase } from "../args.ts";

export const summary = "re-run matching and conflict analysis over the whole store (all cores; resumable)";
const USAGE = "npm run cli -- reanalyse [--restart]";

const clock = (s: number | null) => (s === null ? "…" : s >= 90 ? `${Math.floor(s / 60)} min ${Math.round(s % 60)} s` : `${Math.round(s)} s`);

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values } = parseCli(args, { restart: { type: "boolean" } });
    const stop = new AbortController();
    const onInt = () => {
      if (stop.signal.aborted) process.exit(130); // a second Ctrl-C: stop at once (the checkpoint is at the last range written)
      process.stderr.write("\nstopping after the ranges in flight are written (Ctrl-C again to quit now)…\n");
      stop.abort();
    };
    process.on("SIGINT", onInt);
    try {
      const r = await withDatabase((db) =>
        reanalyseStore(db, cliActor(), {
          restart: values.restart === true,
          signal: stop.signal,
          progress: (p) =>
            process.stderr.write(
              `\rclaims ${p.done}/${p.total} (${p.total ? Math.floor((100 * p.done) / p.total) : 100}%) · ${clock(p.elapsedS)} elapsed · about ${clock(p.etaS)} left · ${p.linksWritten} links, ${p.conflictsUpdated} conflicts updated   `,
            ),
        }),
      );
      process.stderr.write("\n");
      const how = `${r.linksWritten} link(s) written, ${r.conflictsUpdated} claim(s) with conflicts updated`;
      if (!r.finished) {
        console.log(`interrupted at claim ${r.lastId}: ${r.done}/${r.total} done (${how}); run "npm run cli -- reanalyse" again to resume`);
        return EXIT_FAILED;
      }
      console.log(`re-analysed ${r.total} claim(s)${r.resumed ? " (resumed)" : ""} in ${r.seconds.toFixed(1)} s: ${how}`);
      return EXIT_OK;
    } finally {
      process.off("SIGINT", onInt);
      await closeModelPool();
    }
  });
}
