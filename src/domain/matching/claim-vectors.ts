/**
 * Sentence vectors of stored claims, for the matching engine's meaning feature
 * (src/engine/dense.ts, src/encoder/). A claim's vector is made from its English text — the
 * text itself, or its translation — by the English sentence encoder, or, when it has no
 * English, from its Arabic text by the Arabic student encoder, which places Arabic sentences in
 * the same space (so an Arabic claim with no translation is matched by meaning to English
 * claims and to Arabic claims worded differently). It is stored in ClaimVector with the model
 * and a hash of the exact text embedded, so an edited claim, a translation added later (the
 * English encoder then takes over) or a new model never reuses a stale vector.
 *
 * Vectors are made on demand, right after a claim's save has committed (suggest-links.ts): the
 * claim's own, and those of the candidates its search turns up that have none yet (claims
 * stored before the encoder existed, or imported in bulk), so the ranking a user sees never
 * depends on whether some background job has finished. The models run in a worker thread and
 * never inside a write transaction. `vectors:build` (buildVectors) embeds a whole store ahead
 * of time, so those saves need not. Reads (the extraction review) use the vectors that exist
 * and embed only their own query text. If the encoder cannot load, matching is lexical and
 * the failure is logged once — never an error for the user.
 */
import { createHash } from "node:crypto";
import { inTransaction, type Db, type Tx } from "../../db/client.ts";
import { arabicStudent, STUDENT_ID } from "../../encoder/arabic-student.ts";
import { ENCODER_ID, sentenceEncoder, sentenceEncoderEnabled, type SentenceEncoder } from "../../encoder/sentence-encoder.ts";
import { vectorText } from "../../engine/dense.ts";
import type { ClaimIndex } from "../../engine/index.ts";
import { logger } from "../../logger.ts";
import { modelPool } from "../../workers/model-pool.ts";

interface ClaimTexts {
  id: number;
  text: string;
  translation: string;
}

const hashOf = (t: string) => createHash("sha256").update(t).digest("base64url");

type Which = "en" | "ar";
const MODEL: Record<Which, string> = { en: ENCODER_ID, ar: STUDENT_ID };

/** The claims that have text to embed (English text or translation, else Arabic text), with that text and its encoder. */
function embeddable(claims: ClaimTexts[]): Array<{ id: number; t: string; enc: Which }> {
  return claims.flatMap((c) => {
    const v = vectorText(c.text, c.translation);
    return v === undefined ? [] : [{ id: c.id, t: v.text, enc: v.encoder }];
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

let warnedStudent = false;
/** Embed Arabic texts with the student encoder, or undefined if switched off or unavailable. */
function embedArabic(texts: string[]): Int8Array[] | undefined {
  if (!sentenceEncoderEnabled() || texts.length === 0) return undefined;
  try {
    const s = arabicStudent();
    if (!s && !warnedStudent) logger.warn("models/xling-student.bin missing; Arabic text is matched by words only");
    if (!s) warnedStudent = true;
    return s?.embed(texts);
  } catch (e) {
    if (!warnedStudent) logger.warn({ err: e }, "Arabic student encoder unavailable; Arabic text is matched by words only");
    warnedStudent = true;
    return undefined;
  }
}

type EmbedItem = { t: string; enc: Which };

/**
 * Embed texts, each by its encoder; undefined where the encoder is off or fails (matching is
 * then lexical). On the main thread the models run in the worker pool (src/workers/), so no
 * request waits for them; a crashed worker is logged and this match is lexical.
 */
async function embed(items: EmbedItem[]): Promise<Array<Int8Array | undefined>> {
  if (items.length === 0 || !sentenceEncoderEnabled()) return items.map(() => undefined);
  const pool = modelPool();
  if (!pool) return embedHere(items);
  try {
    return (await pool.run<Array<Int8Array | null>>("embed", { items })).map((v) => v ?? undefined);
  } catch (e) {
    logger.warn({ err: e }, "sentence encoder failed in its worker; this match is lexical only");
    return items.map(() => undefined);
  }
}

/** embed() on this thread (a worker's task, or WORKER_THREADS=0). */
export async function embedHere(items: EmbedItem[]): Promise<Array<Int8Array | undefined>> {
  const out: Array<Int8Array | undefined> = items.map(() => undefined);
  const en = items.flatMap((x, i) => (x.enc === "en" ? [i] : []));
  const ar = items.flatMap((x, i) => (x.enc === "ar" ? [i] : []));
  if (en.length) {
    const enc = await encoder();
    if (enc) {
      try {
        const vs = await enc.embed(en.map((i) => items[i].t));
        en.forEach((i, k) => (out[i] = vs[k]));
      } catch (e) {
        logger.warn({ err: e }, "sentence encoder failed; this match is lexical only");
      }
    }
  }
  const vs = embedArabic(ar.map((i) => items[i].t));
  if (vs) ar.forEach((i, k) => (out[i] = vs[k]));
  return out;
}

/** Put the stored, current vectors of these (just indexed) claims into the index. */
export async function loadVectors(tx: Tx, index: ClaimIndex, claims: ClaimTexts[]): Promise<void> {
  const wanted = new Map<number, { hash: string; model: string }>();
  for (const { id, t, enc } of embeddable(claims)) if (index.has(String(id))) wanted.set(id, { hash: hashOf(t), model: MODEL[enc] });
  const ids = [...wanted.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await tx.claimVector.findMany({ where: { claimId: { in: ids.slice(i, i + 500) }, model: { in: [ENCODER_ID, STUDENT_ID] } } });
    for (const r of rows) {
      const w = wanted.get(r.claimId);
      if (w && w.hash === r.textHash && w.model === r.model) index.setVector(String(r.claimId), fromBytes(r.vector));
    }
  }
}

/** A vector made for a stored claim, to be written after the claim's transaction has committed. */
export interface NewVector {
  claimId: number;
  text: string;
  model: string;
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
  const todo = embeddable(claims.filter((c) => !index.hasVector(String(c.id))));
  const vecs = await embed(todo);
  return todo.flatMap(({ id, t, enc }, i) => {
    const v = vecs[i];
    if (!v) return [];
    index.setVector(String(id), v);
    return [{ claimId: id, text: t, model: MODEL[enc], vector: v }];
  });
}

/** Write vectors made by makeVectors, skipping claims deleted meanwhile (`existing`: the ids the caller already read, else read here). */
export async function storeVectors(tx: Tx, vectors: NewVector[], existing?: Set<number>): Promise<void> {
  if (vectors.length === 0) return;
  const alive = existing ?? new Set((await tx.claim.findMany({ where: { id: { in: vectors.map((v) => v.claimId) } }, select: { id: true } })).map((c) => c.id));
  for (const v of vectors) if (alive.has(v.claimId)) await storeVector(tx, v.claimId, v.text, v.model, v.vector);
}

async function storeVector(tx: Tx, claimId: number, text: string, model: string, v: Int8Array): Promise<void> {
  const data = { model, textHash: hashOf(text), vector: toBytes(v) };
  await tx.claimVector.upsert({ where: { claimId }, create: { claimId, ...data }, update: data });
}

/**
 * Embed every current claim that has no vector from this model yet, newest first, `batch`
 * claims per model call and per short transaction (the embedding itself runs outside any
 * transaction, so saves are not held up). For a store that predates the encoder, or after a
 * bulk import: saves would otherwise embed old candidates on demand. English text goes to the
 * English encoder, Arabic text without a translation to the Arabic student. Each claim is
 * visited once per run, so claims with nothing to embed do not loop. A claim
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
  const where = { mergedIntoId: null, OR: [{ vector: { is: null } }, { vector: { is: { model: { notIn: [ENCODER_ID, STUDENT_ID] } } } }] };
  const total = await db.claim.count({ where });
  let done = 0,
    embedded = 0,
    withoutEnglish = 0,
    before = 2 ** 31 - 1; // ids are 32-bit integers on PostgreSQL
  for (;;) {
    const claims = await db.claim.findMany({
      where: { ...where, id: { lt: before } },
      select: { id: true, text: true, translation: true },
      orderBy: { id: "desc" },
      take: batch,
    });
    if (claims.length === 0) break;
    before = claims[claims.length - 1].id;
    const todo = embeddable(claims);
    withoutEnglish += claims.length - todo.length;
    const vecs = await embed(todo);
    await inTransaction(db, async (tx) => {
      for (const [i, { id, t, enc: which }] of todo.entries()) {
        const v = vecs[i];
        if (v && (await tx.claim.findUnique({ where: { id }, select: { id: true } }))) await storeVector(tx, id, t, MODEL[which], v);
      }
    });
    embedded += vecs.filter(Boolean).length;
    done += claims.length;
    opts.progress?.(done, total);
  }
  return { embedded, withoutEnglish };
}

/** Vectors to search with for texts that are not stored claims (one model call; nothing stored). */
export async function textVectors(texts: string[]): Promise<Array<Int8Array | undefined>> {
  const which = texts.map((t) => vectorText(t));
  const todo = which.flatMap((v) => (v ? [{ t: v.text, enc: v.encoder }] : []));
  const vecs = await embed(todo);
  let k = 0;
  return which.map((v) => (v === undefined ? undefined : vecs[k++]));
}
