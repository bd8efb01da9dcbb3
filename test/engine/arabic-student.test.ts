/** The Arabic student encoder: loads, is deterministic, and puts an Arabic sentence where the English encoder puts its translation. */
import { describe, expect, it } from "vitest";
import { arabicStudent, deserializeStudent, fromWeights, serializeStudent, STUDENT_ID, type StudentWeights } from "../../src/encoder/arabic-student.ts";
import { sentenceEncoder } from "../../src/encoder/sentence-encoder.ts";
import { studentFeatures } from "../../src/encoder/student-features.ts";
import { cosineInt8, vectorNorm, vectorText } from "../../src/engine/dense.ts";

const cos = (a: Int8Array, b: Int8Array) => cosineInt8(a, vectorNorm(a), b, vectorNorm(b));

describe("Arabic student encoder", () => {
  it("loads the committed weights and embeds Arabic text as a 512-d int8 vector, the same alone or in a batch", () => {
    const s = arabicStudent();
    expect(s).not.toBeNull();
    expect(s!.id).toBe(STUDENT_ID);
    const [a, b] = s!.embed(["نفى الجيش العراقي تشكيل مركز مشترك", "قصف مدفعي على ريف إدلب"]);
    expect(a.length).toBe(512);
    expect(vectorNorm(a)).toBeGreaterThan(0);
    expect(Array.from(s!.embed(["نفى الجيش العراقي تشكيل مركز مشترك"])[0])).toEqual(Array.from(a));
    expect(cos(a, b)).toBeLessThan(0.99);
  });

  it("reads Arabic as the engine normalises it: diacritics, letter variants and Arabic-Indic digits give the same features", () => {
    const cfg = { buckets: 1 << 12, word: 1, stem: 0.5, bigram: 0.5, char: 0.35 };
    const plain = studentFeatures("قتل 3 مدنيين في الرقة", cfg);
    const marked = studentFeatures("قُتِلَ ٣ مدنيين في الرّقة", cfg);
    expect(Array.from(marked.idx)).toEqual(Array.from(plain.idx));
    expect(Array.from(marked.val)).toEqual(Array.from(plain.val));
  });

  it("round-trips its weight file, and a truncated file is refused with a message", () => {
    const w: StudentWeights = {
      features: { buckets: 8, word: 1, stem: 0.5, bigram: 0.5, char: 0.35 },
      hidden: 2,
      dim: 3,
      W1: Int8Array.from({ length: 16 }, (_, i) => i - 8),
      W1scale: Float32Array.from({ length: 8 }, (_, i) => 0.01 * (i + 1)),
      b1: Float32Array.from([0.1, -0.2]),
      W2: Float32Array.from([1, 0, 0.5, 0, 1, -0.5]),
      b2: Float32Array.from([0, 0, 0.1]),
    };
    const buf = serializeStudent(w);
    const back = deserializeStudent(buf);
    expect(Array.from(back.W1)).toEqual(Array.from(w.W1));
    expect(Array.from(back.W2)).toEqual(Array.from(w.W2));
    expect(Array.from(fromWeights(back).embed(["جيش"])[0])).toEqual(Array.from(fromWeights(w).embed(["جيش"])[0]));
    expect(() => deserializeStudent(buf.subarray(0, buf.length - 4))).toThrow(/truncated/);
  });

  it("routes text to its encoder: English text or translation to the English encoder, Arabic-only text to the student", () => {
    expect(vectorText("قسد والجيش العراقي يشكلان مركزاً مشتركاً")).toEqual({ text: "قسد والجيش العراقي يشكلان مركزاً مشتركاً", encoder: "ar" });
    expect(vectorText("قسد والجيش العراقي يشكلان مركزاً", "The SDF and the Iraqi army form a centre")).toEqual({
      text: "The SDF and the Iraqi army form a centre",
      encoder: "en",
    });
    expect(vectorText("نعم")).toBeUndefined(); // too short to say anything
  });

  it("places hand-written Arabic sentences nearer their own English translations than unrelated English sentences", async () => {
    const enc = await sentenceEncoder();
    const s = arabicStudent()!;
    // written for this test (not taken from any training or evaluation file)
    const pairs: Array<[string, string]> = [
      [
        "أعلنت وزارة الصحة تسجيل مئة إصابة جديدة بفيروس كورونا خلال يوم واحد",
        "The health ministry announced one hundred new coronavirus infections in a single day.",
      ],
      ["انسحبت القوات الأمريكية من القاعدة العسكرية في شمال سوريا", "American forces withdrew from the military base in northern Syria."],
      ["ارتفعت أسعار الخبز والوقود في دمشق بعد قرار الحكومة", "Bread and fuel prices rose in Damascus after the government's decision."],
      ["فاز المنتخب بالمباراة النهائية بهدفين مقابل لا شيء", "The national team won the final match two goals to nil."],
      ["غمرت الأمطار الغزيرة خيام النازحين في المخيم", "Heavy rain flooded the tents of the displaced people in the camp."],
    ];
    const en = await enc!.embed(pairs.map((p) => p[1]));
    const ar = s.embed(pairs.map((p) => p[0]));
    // the rank of each sentence's own translation among the five (0 = nearest); a small student
    // is not perfect — README lists the flood sentence, nearer a sentence on prices, as a known error
    const ranks = pairs.map((_, i) => en.filter((e, j) => j !== i && cos(ar[i], e) > cos(ar[i], en[i])).length);
    expect(ranks.filter((r) => r === 0).length, String(ranks)).toBeGreaterThanOrEqual(4);
    expect(Math.max(...ranks), String(ranks)).toBeLessThanOrEqual(1);
    // and the Arabic sentence is nearer its translation than the English sentences are, on average, to each other's
    const own = pairs.reduce((s, _, i) => s + cos(ar[i], en[i]), 0) / pairs.length;
    let other = 0;
    for (let i = 0; i < pairs.length; i++) for (let j = 0; j < pairs.length; j++) if (i !== j) other += cos(ar[i], en[j]) / (pairs.length * (pairs.length - 1));
    expect(own).toBeGreaterThan(other + 0.1);
  }, 60_000);
});
