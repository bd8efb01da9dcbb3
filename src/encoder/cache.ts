/**
 * Embedding many texts with an on-disk cache keyed by model and text hash, for the offline
 * tools (eval, training): the 10,000-claim dev corpus takes ~3 minutes to embed once and
 * seconds to reload. The app does not use this; it stores vectors in the database.
 */
import { createHash } from "node:crypto";
import { appendFileSync, existsSync, mkdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { vectorText } from "../engine/dense.ts";
import { arabicStudent } from "./arabic-student.ts";
import type { ClaimIndex } from "../engine/match.ts";
import type { SentenceEncoder } from "./sentence-encoder.ts";

const hashOf = (t: string) => createHash("sha256").update(t).digest("base64url").slice(0, 24);

/** The cached vectors of these texts that are already on disk (no encoder needed), in order. */
export function cachedVectors(encoderId: string, texts: string[], dir = ".tmp/encoder-cache"): Array<Int8Array | undefined> {
  const file = join(dir, `${encoderId.replace(/[^\w.-]+/g, "_")}.jsonl`);
  const cached = new Map<string, Int8Array>();
  if (existsSync(file)) {
    for (const line of readFileSync(file, "utf8").split("\n")) {
      try {
        if (line) {
          const { h, v } = JSON.parse(line) as { h: string; v: string };
          cached.set(h, new Int8Array(Buffer.from(v, "base64")));
        }
      } catch {
        // a torn line
      }
    }
  }
  return texts.map((t) => cached.get(hashOf(t)));
}

export async function embedWithCache(
  encoder: SentenceEncoder,
  texts: Array<string | undefined>,
  opts: { dir?: string; progress?: (done: number, total: number) => void } = {},
): Promise<Array<Int8Array | undefined>> {
  const file = join(opts.dir ?? ".tmp/encoder-cache", `${encoder.id.replace(/[^\w.-]+/g, "_")}.jsonl`);
  const cached = new Map<string, Int8Array>();
  let lead = ""; // a newline to close a torn last line before appending
  if (existsSync(file)) {
    const content = readFileSync(file, "utf8");
    if (content && !content.endsWith("\n")) lead = "\n";
    for (const line of content.split("\n")) {
      if (!line) continue;
      try {
        const { h, v } = JSON.parse(line) as { h: string; v: string };
        cached.set(h, new Int8Array(Buffer.from(v, "base64")));
      } catch {
        // a torn last line from an interrupted run: that text is embedded again
      }
    }
  }
  const todo = [...new Set(texts.filter((t): t is string => t !== undefined && !cached.has(hashOf(t))))];
  let writable = true; // a read-only directory only costs the cache, never the run
  for (let i = 0; i < todo.length; i += 256) {
    const chunk = todo.slice(i, i + 256);
    const vs = await encoder.embed(chunk);
    const lines = chunk.map((t, j) => {
      cached.set(hashOf(t), vs[j]);
      return JSON.stringify({ h: hashOf(t), v: Buffer.from(vs[j].buffer, vs[j].byteOffset, vs[j].byteLength).toString("base64") });
    });
    if (writable) {
      try {
        mkdirSync(dirname(file), { recursive: true });
        appendFileSync(file, lead + lines.join("\n") + "\n");
        lead = "";
      } catch {
        writable = false;
      }
    }
    opts.progress?.(Math.min(i + chunk.length, todo.length), todo.length);
  }
  return texts.map((t) => (t === undefined ? undefined : cached.get(hashOf(t))));
}

/**
 * Vectors for texts as the app makes them (claim-vectors.ts): English text by the English
 * encoder (cached), Arabic text by the Arabic student encoder (fast, not cached).
 */
export async function embedAsApp(
  encoder: SentenceEncoder,
  texts: string[],
  opts: { progress?: (done: number, total: number) => void } = {},
): Promise<Array<Int8Array | undefined>> {
  const which = texts.map((t) => vectorText(t));
  const en = await embedWithCache(
    encoder,
    which.map((w) => (w?.encoder === "en" ? w.text : undefined)),
    opts,
  );
  const student = which.some((w) => w?.encoder === "ar") ? arabicStudent() : null;
  return which.map((w, i) => (w?.encoder === "ar" ? student?.embed([w.text])[0] : en[i]));
}

/**
 * Vectors for a labelled matching set, as the app embeds claims (English cached, Arabic by the
 * student): the stored claims' go into `index`, the queries' are returned in query order.
 * Progress on stderr.
 */
export async function embedMatchSet(
  encoder: SentenceEncoder,
  index: ClaimIndex,
  corpus: Array<{ id: string; text: string }>,
  queries: Array<{ text: string }>,
): Promise<Array<Int8Array | undefined>> {
  const progress = (what: string) => (done: number, total: number) =>
    process.stderr.write(`\rembedding ${what}: ${done}/${total}${done === total ? "\n" : ""}`);
  const docVecs = await embedAsApp(
    encoder,
    corpus.map((c) => c.text),
    { progress: progress("stored claims") },
  );
  corpus.forEach((c, i) => docVecs[i] && index.setVector(c.id, docVecs[i]));
  return embedAsApp(
    encoder,
    queries.map((q) => q.text),
    { progress: progress("queries") },
  );
}
