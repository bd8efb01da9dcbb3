/**
 * A document's suggestions computed once and kept while the analyst works through them page by
 * page, with their progress while they are computed. A long report takes a while to read (a
 * 195,000-character report: hundreds of statements, each matched against the store), so the
 * review page starts the work, shows its progress, and pages through the result without
 * computing it again for every page and every accept.
 *
 * What is kept, and why it stays right:
 * - The extraction, the matches and the proposals are kept for KEEP_MS after they are computed
 *   (or until `refresh`, the review's "compute again" link). Meanwhile the store may gain
 *   claims and sources. That cannot make a kept proposal write a wrong thing: an item carries
 *   its verbatim quote (checked against the text on accept), a new source of a name already
 *   stored is reused (accept-suggestions.ts), and a page holds whole groups of linked
 *   suggestions (review-pages.ts), so no accept needs a suggestion from another page.
 * - What this document already has recorded is read fresh on every view (`currentReview`): a
 *   suggestion accepted on one page shows as recorded, and is proposed for rejection, when the
 *   analyst comes back to it — never offered to record twice.
 * Jobs live in this process, per database handle (two app servers each keep their own), at most
 * MAX_KEPT documents, the least recently used forgotten first. A job that fails is forgotten at
 * once, so the next view tries again.
 */
import type { Db } from "../../db/client.ts";
import { alreadyRecorded } from "./proposals.ts";
import { reviewPages } from "./review-pages.ts";
import { suggestionsOffThread } from "./suggestions-off-thread.ts";
import { recordedAt, type DocumentSuggestions, type SuggestionsProgress } from "./suggestions-for.ts";

/** How long a computed review is kept (after that the next view computes it again). */
export const KEEP_MS = 15 * 60_000;
/** Documents whose reviews are kept at once, per database. */
export const MAX_KEPT = 16;

export interface ReviewJob {
  documentId: number;
  startedAt: number;
  finishedAt?: number;
  progress: SuggestionsProgress;
  result?: DocumentSuggestions;
  /** Settles with the result, or rejects with the task's error. */
  done: Promise<DocumentSuggestions>;
}

const jobsOf = new WeakMap<Db, Map<number, ReviewJob>>();

function expired(job: ReviewJob, now: number): boolean {
  return job.finishedAt !== undefined && now - job.finishedAt > KEEP_MS;
}

/**
 * The document's review job: the one kept (running or done), or a new one started now. With
 * `refresh`, a finished one is computed again; a running one is never started twice.
 */
export function reviewJob(db: Db, documentId: number, opts: { refresh?: boolean; now?: number } = {}): ReviewJob {
  const now = opts.now ?? Date.now();
  let jobs = jobsOf.get(db);
  if (!jobs) jobsOf.set(db, (jobs = new Map<number, ReviewJob>()));
  const kept = jobs.get(documentId);
  if (kept && (kept.finishedAt === undefined || (!opts.refresh && !expired(kept, now)))) {
    jobs.delete(documentId); // most recently used last
    jobs.set(documentId, kept);
    return kept;
  }
  const job: ReviewJob = {
    documentId,
    startedAt: now,
    progress: { phase: "reading", done: 0, total: 0 },
    done: Promise.resolve(undefined as never),
  };
  job.done = suggestionsOffThread(db, documentId, (p) => (job.progress = p)).then(
    (result) => {
      job.result = result;
      job.finishedAt = Date.now();
      return result;
    },
    (err: unknown) => {
      if (jobs.get(documentId) === job) jobs.delete(documentId);
      throw err;
    },
  );
  job.done.catch(() => undefined); // the error reaches whoever awaits the job; none is left unhandled
  jobs.delete(documentId);
  jobs.set(documentId, job);
  for (const [id, j] of jobs) {
    if (jobs.size <= MAX_KEPT) break;
    if (j.finishedAt !== undefined) jobs.delete(id);
  }
  return job;
}

/** True when the job has finished (or failed) within `ms`. */
export async function settledWithin(job: ReviewJob, ms: number): Promise<boolean> {
  if (job.finishedAt !== undefined) return true;
  let timer: NodeJS.Timeout | undefined;
  const waited = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ms)));
  try {
    return await Promise.race([
      job.done.then(
        () => true,
        () => true,
      ),
      waited,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The job's result with what this document has recorded read now, in pages of `pageSize`
 * (review-pages.ts). Each suggestion's `recorded` is current, and one recorded since it was
 * computed is proposed for rejection (proposals.ts, rule 1). The pages are laid out from the
 * proposals as computed, so accepting one page never moves a suggestion to another. Rethrows
 * the job's error.
 */
export async function currentReview(db: Db, job: ReviewJob, pageSize: number): Promise<{ review: DocumentSuggestions; pages: number[][] }> {
  const review = await job.done;
  const rows = await db.attribution.findMany({
    where: { documentId: review.document.id, quoteStart: { not: null } },
    select: { id: true, claimId: true, sourceId: true, stance: true, quoteStart: true, quoteEnd: true },
  });
  return {
    pages: reviewPages(review.suggestions, pageSize),
    review: {
      ...review,
      suggestions: review.suggestions.map((s) => {
        const recorded = recordedAt(rows, s.quote).filter((a) => s.origin !== "stance" || a.claimId === s.targetClaimId);
        const rejected = s.recorded.length ? null : alreadyRecorded({ index: s.index, recorded });
        return { ...s, recorded, ...(rejected ? { proposal: rejected.proposal, proposalWhy: rejected.why } : {}) };
      }),
    },
  };
}
