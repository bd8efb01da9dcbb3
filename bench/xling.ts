/**
 * Arabic student encoder benchmark (figures only): load time and memory of the weights, the
 * time to embed one Arabic claim (median, p95), and a new Arabic claim's embed + search among
 * a store whose claims all carry vectors (the cross-language dense recall scans them all).
 * Env: BENCH_XLING_CLAIMS (default 20000).
 */
import { arabicStudent } from "../src/encoder/arabic-student.ts";
import { ClaimIndex } from "../src/engine/match.ts";
import { prng } from "../src/util/prng.ts";
import { syntheticClaim } from "./engine.ts";

const pct = (xs: number[], p: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const r1 = (x: number) => Math.round(x * 10) / 10;

export async function run(): Promise<Record<string, number>> {
  const before = process.memoryUsage();
  const t0 = performance.now();
  const student = arabicStudent();
  if (!student) {
    console.log("Arabic student encoder: models/xling-student.bin missing (npm run train:xling)");
    return {};
  }
  const loadMs = performance.now() - t0;
  const after = process.memoryUsage();
  const memMB = student.bytes / 1e6;
  const rssMB = (after.rss - before.rss) / 1e6;
  const rnd = prng(11);
  const arabic = Array.from({ length: 600 }, (_, i) => syntheticClaim(rnd, i)).filter((t) => /[\u0600-\u06FF]/.test(t));
  const real = [
    "نفى الجيش العراقي في بيان رسمي يوم الأحد تشكيل أي مركز مشترك مع قوات سوريا الديمقراطية على الحدود، مؤكداً أن ما يتم تداوله عارٍ عن الصحة.",
    "أفادت مصادر محلية بمقتل ثلاثة مدنيين وإصابة آخرين جراء قصف مدفعي استهدف قرية في ريف دير الزور الشرقي فجر اليوم.",
  ];
  const claims = [...real, ...arabic].slice(0, 300);
  student.embed(["تجربة"]); // warm up
  // wall time, and the CPU time of this process (on a shared machine the wall time also
  // counts the moments another process held the core)
  const times: number[] = [],
    cpu: number[] = [];
  for (const c of claims) {
    const t = performance.now(),
      u = process.cpuUsage();
    student.embed([c]);
    times.push(performance.now() - t);
    const du = process.cpuUsage(u);
    cpu.push((du.user + du.system) / 1000);
  }
  const N = Number(process.env.BENCH_XLING_CLAIMS ?? 20000);
  const index = new ClaimIndex();
  const store = Array.from({ length: N }, (_, i) => syntheticClaim(rnd, i));
  store.forEach((c, i) => index.add(`c${i}`, c));
  const vecs = student.embed(store.filter((c) => /[\u0600-\u06FF]/.test(c)).slice(0, 2000));
  store.forEach((_, i) => index.setVector(`c${i}`, vecs[i % vecs.length])); // ranking cost does not depend on what the vectors say
  const total: number[] = [],
    words: number[] = [];
  for (const c of claims.slice(0, 100)) {
    const t = performance.now();
    const [v] = student.embed([c]);
    index.search(c, 10, { vector: v });
    total.push(performance.now() - t);
    const tw = performance.now();
    index.search(c, 10); // the same search by words alone, as before the student, for comparison
    words.push(performance.now() - tw);
  }
  console.log(`Arabic student encoder (${student.id}): loaded in ${loadMs.toFixed(0)} ms; weights ${memMB.toFixed(1)} MB (RSS +${rssMB.toFixed(0)} MB)`);
  console.log(
    `embedding one Arabic claim (${claims.length} claims): median ${pct(times, 50).toFixed(2)} ms, p95 ${pct(times, 95).toFixed(2)} ms wall; CPU time median ${pct(cpu, 50).toFixed(2)} ms, p95 ${pct(cpu, 95).toFixed(2)} ms`,
  );
  console.log(
    `new Arabic claim → matches among ${N} claims with vectors (embed + search with cross-language recall): median ${pct(total, 50).toFixed(1)} ms, p95 ${pct(total, 95).toFixed(1)} ms (by words alone, interleaved: median ${pct(words, 50).toFixed(1)}, p95 ${pct(words, 95).toFixed(1)} ms)`,
  );
  return {
    arEncoderLoadMs: Math.round(loadMs),
    arEncoderMemMB: r1(memMB),
    arEncoderRssMB: Math.round(rssMB),
    arEmbedMedianMs: Math.round(pct(times, 50) * 100) / 100,
    arEmbedP95Ms: Math.round(pct(times, 95) * 100) / 100,
    arEmbedCpuP95Ms: Math.round(pct(cpu, 95) * 100) / 100,
    arSearchClaims: N,
    arEmbedSearchP95Ms: r1(pct(total, 95)),
    arWordsSearchP95Ms: r1(pct(words, 95)),
  };
}
