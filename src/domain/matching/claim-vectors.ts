/**
 * Sentence vectors of stored claims, for the matching engine's meaning feature
 * (src/engine/dense.ts, src/encoder/). A claim's vector is made from its English text — the
 * text itself, or its translation — and stored in ClaimVector with the model and a hash of the
 * exact text embedded, so an edited claim or a new model never reuses a stale vector.
 *
 * Vectors are made on demand, when a claim is saved (suggest-links.ts): the claim's own, and
 * those of the candidates its search turns up that have none yet (claims stored before the
 * encoder existed, or imported in bulk), so the ranking a user sees never depends on whether
 * some background job has finished. Reads (the extraction review) use the vectors that exist
 * and embed only their own query text. If the encoder cannot load, matching is lexical and
 * the failure is logged once — never an error for the user.
 */
import { createHash } from "node:crypto";
import type { Tx } from "../../db/client.ts";
import { ENCODER_ID, sentenceEncoder, type SentenceEncoder } from "../../encoder/sentence-encoder.ts";
import { encoderText } from "../../engine/dense.ts";
import type { ClaimIndex } from "../../engine/index.ts";
import { logger } from "../../logger.ts";

interface ClaimTexts {
  id: number;
  text: string;
  translation: string;
}

const hashOf = (t: string) => createHash("sha256").update(t).digest("base64url");
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

/** Embed texts, or undefined each if the encoder is off or fails (matching is then lexical). */
async function embed(texts: string[]): Promise<Int8Array[] | undefined> {
  const enc = await encoder();
  if (!enc || texts.length === 0) return undefined;
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
  for (const c of claims) {
    const t = encoderText(c.text, c.translation);
    if (t !== undefined && index.has(String(c.id))) wanted.set(c.id, hashOf(t));
  }
  const ids = [...wanted.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const rows = await tx.claimVector.findMany({ where: { claimId: { in: ids.slice(i, i + 500) }, model: ENCODER_ID } });
    for (const r of rows) if (wanted.get(r.claimId) === r.textHash) index.setVector(String(r.claimId), fromBytes(r.vector));
  }
}

/** Give these indexed claims vectors: embed and store those that have none (or a stale one). */
export async function ensureVectors(tx: Tx, index: ClaimIndex, ids: number[]): Promise<void> {
  const missing = ids.filter((id) => index.has(String(id)) && !index.hasVector(String(id)));
  if (missing.length === 0) return;
  const claims = await tx.claim.findMany({ where: { id: { in: missing } }, select: { id: true, text: true, translation: true } });
  const todo = claims.flatMap((c) => {
    const t = encoderText(c.text, c.translation);
    return t === undefined ? [] : [{ id: c.id, t }];
  });
  const vecs = await embed(todo.map((x) => x.t));
  if (!vecs) return;
  for (const [i, { id, t }] of todo.entries()) {
    const data = { model: ENCODER_ID, textHash: hashOf(t), vector: toBytes(vecs[i]) };
    await tx.claimVector.upsert({ where: { claimId: id }, create: { claimId: id, ...data }, update: data });
    index.setVector(String(id), vecs[i]);
  }
}

/** Vectors to search with for texts that are not stored claims (one model call; nothing stored). */
export async function textVectors(texts: string[]): Promise<Array<Int8Array | undefined>> {
  const english = texts.map((t) => encoderText(t));
  const todo = english.filter((t): t is string => t !== undefined);
  const vecs = await embed(todo);
  let k = 0;
  return english.map((t) => (t === undefined || !vecs ? undefined : vecs[k++]));
}
