/**
 * The Arabic sentence encoder: a small "student" taught to place an Arabic sentence where the
 * English sentence encoder (sentence-encoder.ts, USE-lite) places its English translation —
 * knowledge distillation in the manner of Reimers and Gurevych (2020), "Making monolingual
 * sentence embeddings multilingual". An Arabic claim's vector therefore lives in the same
 * 512-d space as English claims' vectors: "قوات سوريا الديمقراطية تنفي…" lands near "The SDF
 * denied…", with no translation typed by anyone, and two Arabic sentences worded differently
 * land near each other when they mean the same.
 *
 * The model (models/xling-student.bin, trained by `npm run train:xling` on the Arabic–English
 * pairs in ../shared/train/parallel-ar-en/; see scripts/train-xling.ts) is two layers:
 * hashed Arabic word, stem, word-pair and character 3–5-gram features (student-features.ts) →
 * a 256-d bottleneck (int8 rows with one scale each) → tanh → 512-d, unit length. Pure
 * arithmetic on typed arrays: in-process, CPU only, nothing downloaded. Loaded lazily on
 * first use (~35 MB); embedding one claim takes well under a millisecond (npm run bench).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { quantizeVector } from "../engine/dense.ts";
import { studentFeatures, type FeatureConfig } from "./student-features.ts";

export interface StudentWeights {
  features: FeatureConfig;
  hidden: number;
  dim: number;
  /** buckets × hidden, row-major, int8 with one scale per row. */
  W1: Int8Array;
  W1scale: Float32Array;
  b1: Float32Array;
  /** hidden × dim, row-major. */
  W2: Float32Array;
  b2: Float32Array;
  /** Free-form training notes (data, epochs, figures) carried in the file's header. */
  meta?: Record<string, unknown>;
}

export const STUDENT_FILE = fileURLToPath(new URL("../../models/xling-student.bin", import.meta.url));
const MAGIC = "XLS1";

/** Forward pass to a float vector (unit length), for training-time evaluation and the encoder. */
export function studentEmbed(w: StudentWeights, text: string, h = new Float32Array(w.hidden)): Float32Array {
  const { idx, val } = studentFeatures(text, w.features);
  h.set(w.b1);
  const H = w.hidden;
  for (let k = 0; k < idx.length; k++) {
    const row = idx[k] * H;
    const s = val[k] * w.W1scale[idx[k]];
    if (s === 0) continue;
    for (let j = 0; j < H; j++) h[j] += s * w.W1[row + j];
  }
  const out = new Float32Array(w.dim);
  out.set(w.b2);
  for (let j = 0; j < H; j++) {
    const a = Math.tanh(h[j]);
    if (a === 0) continue;
    const r = j * w.dim;
    for (let d = 0; d < w.dim; d++) out[d] += a * w.W2[r + d];
  }
  let sq = 0;
  for (let d = 0; d < out.length; d++) sq += out[d] * out[d];
  const n = Math.sqrt(sq) || 1;
  for (let d = 0; d < out.length; d++) out[d] /= n;
  return out;
}

/** Write weights: magic, header length, JSON header, then the arrays (little-endian). */
export function serializeStudent(w: StudentWeights): Buffer {
  const header = JSON.stringify({ features: w.features, hidden: w.hidden, dim: w.dim, meta: w.meta ?? {} });
  let hb = Buffer.from(header, "utf8");
  const pad = (4 - ((8 + hb.length) % 4)) % 4;
  hb = Buffer.concat([hb, Buffer.alloc(pad, 0x20)]);
  const len = Buffer.alloc(4);
  len.writeUInt32LE(hb.length);
  const f32 = (a: Float32Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  return Buffer.concat([
    Buffer.from(MAGIC),
    len,
    hb,
    f32(w.W1scale),
    f32(w.b1),
    f32(w.W2),
    f32(w.b2),
    Buffer.from(w.W1.buffer, w.W1.byteOffset, w.W1.byteLength),
  ]);
}

export function deserializeStudent(buf: Buffer): StudentWeights {
  if (buf.subarray(0, 4).toString() !== MAGIC) throw new Error("models/xling-student.bin: not a student model file");
  const hl = buf.readUInt32LE(4);
  const head = JSON.parse(buf.subarray(8, 8 + hl).toString("utf8")) as Pick<StudentWeights, "features" | "hidden" | "dim" | "meta">;
  let at = 8 + hl;
  const take = (n: number) => {
    const b = buf.subarray(at, at + n);
    at += n;
    return b;
  };
  const f32 = (n: number) => {
    const b = take(n * 4);
    return new Float32Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
  };
  const B = head.features.buckets,
    H = head.hidden,
    D = head.dim;
  const W1scale = f32(B),
    b1 = f32(H),
    W2 = f32(H * D),
    b2 = f32(D);
  const w1b = take(B * H);
  if (w1b.length !== B * H) throw new Error("models/xling-student.bin is truncated; run npm run train:xling");
  const W1 = new Int8Array(w1b.buffer.slice(w1b.byteOffset, w1b.byteOffset + w1b.byteLength));
  return { ...head, W1, W1scale, b1, W2, b2 };
}

/** Quantise a float first layer (buckets × hidden) to int8 rows with one scale each. */
export function quantizeRows(W: Float32Array, rows: number, cols: number): { W1: Int8Array; W1scale: Float32Array } {
  const W1 = new Int8Array(rows * cols),
    W1scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let j = 0; j < cols; j++) max = Math.max(max, Math.abs(W[r * cols + j]));
    if (max === 0) continue;
    W1scale[r] = max / 127;
    for (let j = 0; j < cols; j++) W1[r * cols + j] = Math.round((W[r * cols + j] / max) * 127);
  }
  return { W1, W1scale };
}

export const STUDENT_ID = "xling-ar-student/1";

export interface ArabicStudent {
  readonly id: string;
  /** One int8 vector per text (see engine/dense.ts), in the English encoder's space. */
  embed(texts: string[]): Int8Array[];
  /** Bytes held by the weights. */
  readonly bytes: number;
}

let loaded: ArabicStudent | null | undefined;

/** The student, loaded on first call (synchronously: ~35 MB read once); null when its file is absent. */
export function arabicStudent(file = STUDENT_FILE): ArabicStudent | null {
  if (loaded !== undefined && file === STUDENT_FILE) return loaded;
  const s = existsSync(file) ? fromWeights(deserializeStudent(readFileSync(file))) : null;
  if (file === STUDENT_FILE) loaded = s;
  return s;
}

export function fromWeights(w: StudentWeights): ArabicStudent {
  const h = new Float32Array(w.hidden);
  return {
    id: STUDENT_ID,
    bytes: w.W1.byteLength + (w.W1scale.byteLength + w.b1.byteLength + w.W2.byteLength + w.b2.byteLength),
    embed: (texts) => texts.map((t) => quantizeVector(studentEmbed(w, t, h))),
  };
}
