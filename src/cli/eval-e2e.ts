/**
 * `eval e2e FILE.jsonl`: the analyst's main loop, end to end (shared/eval/README.md). For each
 * story: a fresh store; the tracked claim (if any) entered; each report ingested (its outlet as
 * the document's publisher, its publishedAt as the date) through the same use cases the API
 * calls, and the assistant's proposals accepted unchanged; then the open conflicts read. A story
 * is a true positive when an open conflict sets an attribution read in an `asserting` report
 * against one read in a `denying` report; any conflict in a story without one is a false positive.
 */
import { copyFileSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inTransaction, openDatabase } from "../db/client.ts";
import { systemActor } from "../domain/actor.ts";
import { createClaim } from "../domain/claims/create-claim.ts";
import { acceptSuggestions } from "../domain/ingest/accept-suggestions.ts";
import { ingestReport } from "../domain/ingest/ingest-report.ts";
import { acceptSchema } from "../domain/ingest/schema.ts";
import { suggestionsFor } from "../domain/ingest/suggestions-for.ts";
import { createSource } from "../domain/sources/create-source.ts";

interface Story {
  id: string;
  claim?: { text: string; language: string };
  reports: Array<{ id: string; text: string; language: string; outlet: string; publishedAt: string }>;
  gold: { conflict: boolean; asserting: string[]; denying: string[] };
}

const r3 = (x: number) => Math.round(x * 1000) / 1000;

export async function evalE2e(file: string) {
  const stories = readFileSync(file, "utf8")
    .replace(/^\uFEFF/, "")
    .split(/\r?\n/)
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Story);
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-e2e-"));
  const template = join(dir, "template.db");
  await (await openDatabase(`file:${template}`)).$disconnect();
  const actor = systemActor("eval");
  let tp = 0,
    fp = 0,
    fn = 0,
    emptySides = 0,
    reports = 0,
    ms = 0;
  try {
    for (const [k, story] of stories.entries()) {
      const file = join(dir, `s${k}.db`);
      copyFileSync(template, file);
      const db = await openDatabase(`file:${file}`);
      try {
        if (story.claim)
          await inTransaction(db, (tx) => createClaim(tx, actor, { text: story.claim!.text, language: story.claim!.language, translation: "", tags: [] }));
        const docOf = new Map<number, string>();
        for (const r of story.reports) {
          const t0 = performance.now();
          const publisher = await inTransaction(
            db,
            async (tx) =>
              (await tx.source.findFirst({ where: { name: r.outlet } })) ??
              createSource(tx, actor, { name: r.outlet, kind: "outlet", reliability: "F", aliases: [], notes: "" }),
          );
          const { document } = await inTransaction(db, (tx) =>
            ingestReport(tx, actor, {
              text: r.text.toWellFormed(),
              format: "text",
              publisherId: publisher.id,
              publishedAt: new Date(r.publishedAt),
              language: r.language,
            }),
          );
          docOf.set(document.id, r.id);
          const review = await suggestionsFor(db, document.id);
          const items = review.suggestions.map((s) => s.proposal);
          if (items.length) await inTransaction(db, (tx) => acceptSuggestions(tx, actor, document.id, acceptSchema.parse({ items }).items));
          ms += performance.now() - t0;
          reports += 1;
        }
        const conflicts = await db.conflict.findMany({
          where: { status: "open", active: true },
          include: { items: { include: { attribution: { select: { documentId: true } } } } },
        });
        let hit = false;
        for (const c of conflicts) {
          const side = (s: string) => c.items.filter((i) => i.side === s).map((i) => docOf.get(i.attribution.documentId ?? -1));
          const [a, b] = [side("a"), side("b")];
          if (!a.length || !b.length) emptySides += 1;
          const ok = (x: (string | undefined)[], y: (string | undefined)[]) =>
            x.some((r) => r && story.gold.asserting.includes(r)) && y.some((r) => r && story.gold.denying.includes(r));
          if (ok(a, b) || ok(b, a)) hit = true;
        }
        if (story.gold.conflict) {
          if (hit) tp += 1;
          else fn += 1;
          if (!hit && conflicts.length) fp += 1;
        } else if (conflicts.length) fp += 1;
      } finally {
        await db.$disconnect();
        rmSync(file, { force: true });
        for (const ext of ["-wal", "-shm"]) rmSync(file + ext, { force: true });
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const p = tp + fp ? tp / (tp + fp) : 0;
  const r = tp + fn ? tp / (tp + fn) : 0;
  const f1 = p + r ? (2 * p * r) / (p + r) : 0;
  console.log(
    `e2e ${file}: ${stories.length} stories, ${reports} reports; conflict P ${r3(p)} R ${r3(r)} F1 ${r3(f1)} (tp ${tp}, fp ${fp}, fn ${fn}); conflicts with an empty side: ${emptySides}`,
  );
  return { task: "e2e", n: stories.length, conflict: { tp, fp, fn, p: r3(p), r: r3(r), f1: r3(f1) }, emptySides, msPerReport: r3(reports ? ms / reports : 0) };
}
