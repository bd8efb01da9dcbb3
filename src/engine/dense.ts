/**
 * Sentence vectors for matching: the engine's side of the optional sentence encoder
 * (src/encoder/ loads the model; the engine never does I/O). Vectors are stored as int8 —
 * each vector scaled so its largest component is ±127 — which keeps 100,000 claims' 512-d
 * vectors in ~51 MB and changes cosines by well under 0.01. Cosine is scale-free, so no scale
 * needs to be kept.
 */

/** Quantise a vector to int8 (largest |component| → 127). */
export function quantizeVector(v: ArrayLike<number>): Int8Array {
  let max = 0;
  for (let i = 0; i < v.length; i++) max = Math.max(max, Math.abs(v[i]));
  const out = new Int8Array(v.length);
  if (max === 0) return out;
  const s = 127 / max;
  for (let i = 0; i < v.length; i++) out[i] = Math.round(v[i] * s);
  return out;
}

export function vectorNorm(v: Int8Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i] * v[i];
  return Math.sqrt(s);
}

export function cosineInt8(a: Int8Array, aNorm: number, b: Int8Array, bNorm: number): number {
  if (a.length !== b.length || aNorm === 0 || bNorm === 0) return 0;
  let dot = 0;
  for (let i = 0; i < a.length; i++) dot += a[i] * b[i];
  return dot / (aNorm * bNorm);
}

/**
 * The text the (English-only) sentence encoder should see for a claim or query, or undefined
 * when there is none: the first of the given texts that is mostly Latin script, with URLs
 * removed. Arabic text is not embedded — the encoder's vocabulary is English, so its vector
 * would say nothing — and such claims are ranked by the lexical model alone (a claim's English
 * translation is embedded when it has one).
 */
export function encoderText(...texts: Array<string | null | undefined>): string | undefined {
  for (const t of texts) {
    if (!t) continue;
    const clean = t
      .replace(/https?:\/\/\S+/gi, " ")
      .replace(/pic\.twitter\.com\/\S+/gi, " ")
      .replace(/\s+/g, " ")
      .trim();
    const latin = (clean.match(/[A-Za-z]/g) ?? []).length;
    const letters = (clean.match(/\p{L}/gu) ?? []).length;
    if (letters >= 8 && latin / letters >= 0.6) return clean;
  }
  return undefined;
}

/** Which script a text is mostly written in: "ar" (Arabic letters ≥ 60%), "en" (Latin ≥ 60%), else "mixed". */
export function scriptOf(text: string): "ar" | "en" | "mixed" {
  const letters = (text.match(/\p{L}/gu) ?? []).length;
  if (letters === 0) return "mixed";
  const arabic = (text.match(/[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g) ?? []).length;
  const latin = (text.match(/[A-Za-z]/g) ?? []).length;
  if (arabic / letters >= 0.6) return "ar";
  if (latin / letters >= 0.6) return "en";
  return "mixed";
}

/**
 * The text to embed for a claim or query, and which encoder embeds it: the first English text
 * (encoderText) for the English sentence encoder; failing that, the first mostly-Arabic text
 * for the Arabic student encoder (src/encoder/arabic-student.ts), whose vectors live in the
 * same space. English is preferred when a claim has both (its translation): the English
 * encoder is the teacher, and a little more exact.
 */
export function vectorText(...texts: Array<string | null | undefined>): { text: string; encoder: "en" | "ar" } | undefined {
  const en = encoderText(...texts);
  if (en !== undefined) return { text: en, encoder: "en" };
  for (const t of texts) {
    if (!t) continue;
    const clean = t
      .replace(/https?:\/\/\S+/gi, " ")
      .replace(/pic\.twitter\.com\/\S+/gi, " ")
      .replace(/\s+/g, " ")
      .trim();
    const letters = (clean.match(/\p{L}/gu) ?? []).length;
    if (letters >= 6 && scriptOf(clean) === "ar") return { text: clean, encoder: "ar" };
  }
  return undefined;
}
