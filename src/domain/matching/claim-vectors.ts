/**
 * Sentence vectors of stored claims, for the matching engine's meaning feature
 * (src/engine/dense.ts, src/encoder/). A claim's vector is made from its English text — the
 * text itself, or its translation — and stored in ClaimVector with the model and a hash of the
 * exact text embedded, so an edited claim or a new model never reuses a stale vector.
 *
 * Vectors are made on demand, right after a claim's save has committed (suggest-links.ts): the
 * claim's own, and those of the candidates its search turns up that have none yet (claims
 * stored before the encoder existed, or imported in bulk), so the ranking a user sees never
 * depends on whether some background job has finished. The model runs in a worker thread and
 * never inside a write transaction. `vectors:build` (buildVectors) embeds a whole store ahead
 * of time, so those saves need not. Reads (the extraction review) use the vectors that exist
 * and embed only their own query text. If the encoder cannot load, matching is lexical and
 * the failure is logged once — never an error for the user.
 */
import { createHash } from "node:crypto";
import { inTransaction, type Db, type Tx } from "../../db/client.ts";
import { ENCODER_ID, sentenceEncoder, sentenceEncoderEnabled, type SentenceEncoder } from "../../encoder/sentence-encoder.ts";
import { encoderText } from "../../engine/dense.ts";
import type { ClaimIndex } from "../../engine/index.ts";
import { logger } from "../../logger.ts";
import { modelPool } from "../../workers/model-pool.ts";

interface ClaimTexts {
  id: number;
  text: string;
  translation: string;
}

const hashOf = (t: string) => createHash("sha256").update(t).digest("base64url");

/** The claims that have English to embed (their text or translation), with that text. */
function englishOf(claims: ClaimTexts[]): Array<{ id: number; t: string }> {
  return claims.flatMap((c) => {
    const t = encoderText(c.text, c.translation);
    return t === undefined ? [] : [{ id: c.id, t }];
  });
}
const toBytes = (v: Int8Array) => new Uint8Array(v); // a copy (values 0–255 of the same bytes) on its own ArrayBuffer
const fromBytes = (b: Uint8Array) => new Int8Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));

let warned = false;
async function encoder(): Promise<SentenceEncoder | null> {
  try {
    return await sentenceEncoder();
  } catch (e) {
    if (!warned) logger.warn({ err: e }, "sentence encoder unavailable; matching is lexical only");
    warned = true;
    return null;
  }
}

/**
 * Embed texts, or undefined if the encoder is off or fails (matching is then lexical). On the
 * main thread the model runs in the worker pool (src/workers/), so no request waits for it;
 * a crashed worker is logged and this match is lexical.
 */
async function embed(texts: string[]): Promise<Int8Array[] | undefined> {
  if (texts.length === 0 || !sentenceEncoderEnabled()) return undefined;
  const pool = modelPool();
  if (pool) {
    try {
      return (await pool.run<Int8Array[] | null>("embed", { texts })) ?? undefined;
    } catch (e) {
      logger.warn({ err: e }, "sentence encoder failed in its worker; this match is lexical only");
      return undefined;
    }
  }
  const enc = await encoder();
  if (!enc) return undefined;
  try {
    return await enc.embed(texts);
  } catch (e) {
    logger.warn({ err: e }, "sentence encoder failed; this match is lexical only");
    return undefined;
  }
}

/** Put the stored, current vectors of these (just indexed) claims into the index. */
export async function loadVectors(tx: Tx, index: ClaimIndex, claims: ClaimTexts[]): Promise<void> {
  const wanted = new Map<number, string>();
  for (const { id, t } of englishOf(claims)) if (index.has(String(id))) wanted.set(id, hashOf(t));
  const ids = [...wanted.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await tx.claimVector.findMany({ where: { claimId: { in: ids.slice(i, i + 500) }, model: ENCODER_ID } });
    for (const r of rows) if (wanted.get(r.claimId) === r.textHash) index.setVector(String(r.claimId), fromBytes(r.vector));
  }
}

/** A vector made for a stored claim, to be written after the claim's transaction has committed. */
export interface NewVector {
  claimId: number;
  text: string;
  vector: Int8Array;
}

/**
 * Give these indexed claims vectors, outside any transaction: those stored since the index
 * loaded (by `vectors:build` in another process) are read; those that have none, or a stale
 * one, are embedded (off the event loop) and put into the index, and returned for
 * `storeVectors` to write in a short transaction of their own.
 */
export async function makeVectors(db: Tx, index: ClaimIndex, ids: number[]): Promise<NewVector[]> {
  const missing = [...new Set(ids)].filter((id) => index.has(String(id)) && !index.hasVector(String(id)));
  if (missing.length === 0) return [];
  const claims = await db.claim.findMany({ where: { id: { in: missing } }, select: { id: true, text: true, translation: true } });
  await loadVectors(db, index, claims);
  const todo = englishOf(claims.filter((c) => !index.hasVector(String(c.id))));
  const vecs = await embed(todo.map((x) => x.t));
  if (!vecs) return [];
  return todo.map(({ id, t }, i) => {
    index.setVector(String(id), vecs[i]);
    return { claimId: id, text: t, vector: vecs[i] };
  });
}

async function storeVector(tx: Tx, claimId: number, text: string, v: Int8Array): Promise<void> {
  const data = { model: ENCODER_ID, textHash: hashOf(text), vector: toBytes(v) };
  await tx.claimVector.upsert({ where: { claimId }, create: { claimId, ...data }, update: data });
}

/** Write vectors made by makeVectors (skipping claims deleted meanwhile). */
export async function storeVectors(tx: Tx, vectors: NewVector[]): Promise<void> {
  if (vectors.length === 0) return;
  const alive = new Set((await tx.claim.findMany({ where: { id: { in: vectors.map((v) => v.claimId) } }, select: { id: true } })).map((c) => c.id));
  for (const v of vectors) if (alive.has(v.claimId)) await storeVector(tx, v.claimId, v.text, v.vector);
}

/**
 * Embed every current claim that has no vector from this model yet, newest first, `batch`
 * claims per model call and per short transaction (the embedding itself runs outside any
 * transaction, so saves are not held up). For a store that predates the encoder, or after a
 * bulk import: saves would otherwise embed old candidates on demand. Each claim is visited
 * once per run, so Arabic claims without a translation (nothing to embed) do not loop. A claim
 * edited meanwhile may get a vector of its old text; its hash then no longer matches, and it
 * is never used.
 */
export async function buildVectors(
  db: Db,
  opts: { batch?: number; progress?: (done: number, total: number) => void } = {},
): Promise<{ embedded: number; withoutEnglish: number }> {
  const enc = await sentenceEncoder();
  if (!enc) return { embedded: 0, withoutEnglish: 0 };
  const batch = opts.batch ?? 32;
  const where = { mergedIntoId: null, OR: [{ vector: { is: null } }, { vector: { is: { model: { not: ENCODER_ID } } } }] };
  const total = await db.claim.count({ where });
  let done = 0, embedded = 0, withoutEnglish = 0, before = Number.MAX_SAFE_INTEGER;
  for (;;) {
    const claims = await db.claim.findMany({ where: { ...where, id: { lt: before } }, select: { id: true, text: true, translation: true }, orderBy: { id: "desc" }, take: batch });
    if (claims.length === 0) break;
    before = claims[claims.length - 1].id;
    const todo = englishOf(claims);
    withoutEnglish += claims.length - todo.length;
    const vecs = await enc.embed(todo.map((x) => x.t));
    await inTransaction(db, async (tx) => {
      for (const [i, { id, t }] of todo.entries()) if (await tx.claim.findUnique({ where: { id }, select: { id: true } })) await storeVector(tx, id, t, vecs[i]);
    });
    embedded += todo.length;
    done += claims.length;
    opts.progress?.(done, total);
  }
  return { embedded, withoutEnglish };
}

/** Vectors to search with for texts that are not stored claims (one model call; nothing stored). */
export async function textVectors(texts: string[]): Promise<Array<Int8Array | undefined>> {
  const english = texts.map((t) => encoderText(t));
  const todo = english.filter((t): t is string => t !== undefined);
  const vecs = await embed(todo);
  let k = 0;
  return english.map((t) => (t === undefined || !vecs ? undefined : vecs[k++]));
}
