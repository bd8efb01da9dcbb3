/**
 * Engine benchmark (figures only, no assertions): classifyPair latency, ClaimIndex search
 * latency over a 100,000-claim synthetic store with memory, the sentence encoder's cost (a new
 * English claim's embedding + search), and a full re-analysis of the store
 * (every claim searched against the index, then pair-classified against its top candidates).
 *
 * The store is synthetic and deterministic (mulberry32 PRNG): mixed Arabic/English claims
 * built from a vocabulary of actors, places, verbs, objects, numbers and dates.
 * Env: BENCH_CLAIMS (default 100000), BENCH_REANALYSE_TOP (default 3 candidates per claim).
 */
import { prng } from "../src/util/prng.ts";
import v8 from "node:v8";
import vm from "node:vm";
import { classifyPair } from "../src/engine/pair.ts";
import { ClaimIndex } from "../src/engine/match.ts";
import { EntityDictionary, defaultEntities } from "../src/engine/entities.ts";
import { encoderText } from "../src/engine/dense.ts";
import { sentenceEncoder } from "../src/encoder/sentence-encoder.ts";

const AR = {
  actors: [
    "قسد",
    "الجيش العراقي",
    "التحالف الدولي",
    "تنظيم الدولة",
    "وحدات حماية الشعب",
    "الحشد الشعبي",
    "قوات النظام",
    "الجيش التركي",
    "القوات الروسية",
    "هيئة تحرير الشام",
    "مصادر محلية",
    "المرصد السوري",
  ],
  places: ["دير الزور", "الحسكة", "الرقة", "القامشلي", "منبج", "البوكمال", "الشدادي", "تل بيدر", "الموصل", "سنجار", "كركوك", "إدلب", "حلب", "معبر الوليد"],
  verbs: ["تعلن", "تنفي", "تؤكد", "تشن هجوما على", "تسيطر على", "تنسحب من", "ترسل تعزيزات إلى", "تعقد اجتماعا في", "تشكل مركزا مشتركا في", "تقصف"],
  objects: ["قرية", "حاجز", "قاعدة عسكرية", "رتل", "مخيم", "معبر حدودي", "مركز عمليات", "سجن", "حقل نفط", "طريق دولي"],
  tails: ["بعد اشتباكات عنيفة", "وسط توتر أمني", "بحسب مصادر خاصة", "يوم السبت الماضي", "في 28 آذار", "فجر الأحد", "وفق بيان رسمي", "بمشاركة التحالف"],
};
const EN = {
  actors: [
    "the SDF",
    "the Iraqi army",
    "the international coalition",
    "ISIS",
    "the YPG",
    "the PMF",
    "regime forces",
    "the Turkish army",
    "Russian forces",
    "HTS",
    "local sources",
    "SOHR",
  ],
  places: [
    "Deir ez-Zor",
    "Hasakah",
    "Raqqa",
    "Qamishli",
    "Manbij",
    "Albu Kamal",
    "al-Shaddadi",
    "Tal Baydar",
    "Mosul",
    "Sinjar",
    "Kirkuk",
    "Idlib",
    "Aleppo",
    "al-Walid crossing",
  ],
  verbs: [
    "announces",
    "denies",
    "confirms",
    "attacks",
    "takes control of",
    "withdraws from",
    "sends reinforcements to",
    "holds a meeting in",
    "forms a joint centre in",
    "shells",
  ],
  objects: [
    "a village",
    "a checkpoint",
    "a military base",
    "a convoy",
    "a camp",
    "a border crossing",
    "an operations room",
    "a prison",
    "an oil field",
    "a highway",
  ],
  tails: [
    "after heavy clashes",
    "amid security tension",
    "according to private sources",
    "last Saturday",
    "on 28 March",
    "at dawn on Sunday",
    "in an official statement",
    "with coalition support",
  ],
};

export function syntheticClaim(rnd: () => number, i: number): string {
  const L = rnd() < 0.6 ? AR : EN;
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const n = 1 + Math.floor(rnd() * 40);
  const num = L === AR ? `${n} مقاتلين` : `${n} fighters`;
  const parts = [pick(L.actors), pick(L.verbs), pick(L.objects), L === AR ? "في" : "in", pick(L.places)];
  if (rnd() < 0.5) parts.push(pick(L.tails));
  if (rnd() < 0.4) parts.push(L === AR ? `ومقتل ${num}` : `killing ${num}`);
  if (rnd() < 0.3) parts.push(L === AR ? `قرب قرية رقم ${i % 5000}` : `near village no. ${i % 5000}`);
  return parts.join(" ");
}

/** A real gc() for settled memory figures, without needing `node --expose-gc`. */
function getGc(): (() => void) | undefined {
  const gc = globalThis.gc;
  if (gc) return () => void gc();
  try {
    v8.setFlagsFromString("--expose-gc");
    return vm.runInNewContext("gc") as () => void;
  } catch {
    return undefined;
  }
}

const pct = (xs: number[], p: number) => {
  const s = xs.slice().sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))];
};
const mb = (x: number) => `${(x / 1024 / 1024).toFixed(0)} MB`;

export async function run(): Promise<void> {
  const N = Number(process.env.BENCH_CLAIMS ?? 100_000);
  const TOP = Number(process.env.BENCH_REANALYSE_TOP ?? 3);
  const rnd = prng(42);

  // 1. pair classification latency
  const pairs: Array<[string, string]> = Array.from({ length: 3000 }, (_, i) => [syntheticClaim(rnd, i), syntheticClaim(rnd, i + 1)]);
  for (const [a, b] of pairs.slice(0, 1000)) classifyPair(a, b); // warm-up (JIT)
  const pairTimes: number[] = [];
  for (const [a, b] of pairs) {
    const t = performance.now();
    classifyPair(a, b);
    pairTimes.push(performance.now() - t);
  }
  console.log(`classifyPair: ${pairs.length} pairs, median ${pct(pairTimes, 50).toFixed(3)} ms, p95 ${pct(pairTimes, 95).toFixed(3)} ms`);

  // 2. index build + memory
  const claims = Array.from({ length: N }, (_, i) => syntheticClaim(rnd, i));
  const gc = getGc();
  gc?.();
  const before = process.memoryUsage();
  const t0 = performance.now();
  const index = new ClaimIndex();
  claims.forEach((c, i) => index.add(`c${i}`, c));
  const buildS = (performance.now() - t0) / 1000;
  gc?.();
  const after = process.memoryUsage();
  console.log(
    `ClaimIndex: ${N} claims indexed in ${buildS.toFixed(1)} s; heap ${mb(after.heapUsed)} (+${mb(after.heapUsed - before.heapUsed)}), RSS ${mb(after.rss)} (+${mb(after.rss - before.rss)})` +
      (gc ? " (after gc)" : ""),
  );

  // 3. search latency for new claims
  const queries = Array.from({ length: 1000 }, (_, i) => syntheticClaim(rnd, N + i));
  for (const q of queries.slice(0, 50)) index.search(q, 10);
  const searchTimes: number[] = [];
  for (const q of queries) {
    const t = performance.now();
    index.search(q, 10);
    searchTimes.push(performance.now() - t);
  }
  console.log(
    `search (k=10) among ${N}: median ${pct(searchTimes, 50).toFixed(2)} ms, p95 ${pct(searchTimes, 95).toFixed(2)} ms, max ${Math.max(...searchTimes).toFixed(1)} ms`,
  );

  // 3b. a source alias edit: swap in the new dictionary and re-analyse only the claims that
  // mention a changed name (what src/domain/matching/claim-index.ts does), instead of a rebuild
  const names = ["مركز عمليات", "an operations room"];
  const t2 = performance.now();
  const dict = defaultEntities.withAliases({ "source:bench": names });
  const affected = index.claimsMentioning(names.map((n) => EntityDictionary.lookupKey(n)!));
  index.setEntities(dict);
  for (const id of affected) index.add(id, claims[Number(id.slice(1))]);
  console.log(
    `alias edit ("${names.join('" / "')}"): ${affected.length} of ${N} claims re-analysed in ${(performance.now() - t2).toFixed(0)} ms (a full rebuild: ${buildS.toFixed(1)} s)`,
  );

  // 3c. meaning: the sentence encoder (English claims only). Embedding all ~40,000 English
  // claims of the store would take ~15 minutes here, so the store's claims get vectors from a
  // pool of 2,000 embedded synthetic claims: ranking cost does not depend on what the vectors
  // say. The new claims searched for are embedded for real, and that time is counted.
  const encoder = await sentenceEncoder();
  if (encoder) {
    const tl = performance.now();
    await encoder.embed(["warm up"]);
    const loadMs = performance.now() - tl;
    const english = claims.map((c, i) => ({ id: `c${i}`, t: encoderText(c) })).filter((x): x is { id: string; t: string } => x.t !== undefined);
    const pool = english.slice(0, 2000).map((x) => x.t);
    const tb = performance.now();
    const poolVecs = await encoder.embed(pool);
    const perSec = pool.length / ((performance.now() - tb) / 1000);
    let vecBytes = 0; // counted, not sampled: small typed arrays make heap/arrayBuffers deltas unreliable
    english.forEach((x, i) => {
      const v = poolVecs[i % poolVecs.length].slice();
      vecBytes += v.byteLength + 64; // + typed-array object overhead (approximate)
      index.setVector(x.id, v);
    });
    const newClaims = queries
      .map((q) => encoderText(q))
      .filter((q): q is string => q !== undefined)
      .slice(0, 300);
    const embedTimes: number[] = [],
      totalTimes: number[] = [];
    for (const q of newClaims) {
      const t = performance.now();
      const [v] = await encoder.embed([q]);
      const te = performance.now();
      index.search(q, 10, { vector: v });
      embedTimes.push(te - t);
      totalTimes.push(performance.now() - t);
    }
    console.log(
      `sentence encoder: loaded + first call ${loadMs.toFixed(0)} ms; ${perSec.toFixed(0)} claims/s in batches (all ${english.length} English claims of the store: ~${(english.length / perSec).toFixed(0)} s); vectors for them +${mb(vecBytes)}`,
    );
    console.log(
      `new English claim → matches among ${N} (embed + search, ${newClaims.length} claims): median ${pct(totalTimes, 50).toFixed(1)} ms, p95 ${pct(totalTimes, 95).toFixed(1)} ms (embedding alone: median ${pct(embedTimes, 50).toFixed(1)}, p95 ${pct(embedTimes, 95).toFixed(1)} ms)`,
    );
  } else console.log("sentence encoder: off (SENTENCE_ENCODER=off)");

  // 4. re-analyse the whole store (by words: the store's vectors above are placeholders)
  const t1 = performance.now();
  let searchMs = 0,
    pairMs = 0,
    conflicts = 0,
    agrees = 0;
  for (let i = 0; i < N; i++) {
    const ts = performance.now();
    const cands = index.search(claims[i], TOP, { exclude: `c${i}` });
    const tp = performance.now();
    searchMs += tp - ts;
    for (const c of cands) {
      const r = classifyPair(claims[i], claims[Number(c.id.slice(1))]);
      if (r.label === "conflict") conflicts++;
      else if (r.label === "agree") agrees++;
    }
    pairMs += performance.now() - tp;
  }
  const totalS = (performance.now() - t1) / 1000;
  console.log(
    `re-analysis of ${N} claims (search top ${TOP} + classifyPair each): ${totalS.toFixed(1)} s total ` +
      `(search ${(searchMs / 1000).toFixed(1)} s, pairs ${(pairMs / 1000).toFixed(1)} s; ${conflicts} conflict / ${agrees} agree links)`,
  );
  const end = process.memoryUsage();
  console.log(`memory at end: heap ${mb(end.heapUsed)}, RSS ${mb(end.rss)}; ${(N / totalS).toFixed(0)} claims/s re-analysed`);
}
