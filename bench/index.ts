/**
 * `npm run bench [-- NAME...]`: runs the benchmark modules below in order (or only the named
 * ones). Each module exports `run()` and prints its own figures; no assertions. A module may
 * also return key figures, which are printed together as the last line, one JSON object.
 * Adding a benchmark is one line in this list.
 */
interface BenchmarkModule {
  /** Prints its figures; may return the headline ones for the final JSON line. */
  run(): Promise<void | Record<string, number>>;
}

const BENCHMARKS: Array<{ name: string; load: () => Promise<BenchmarkModule> }> = [
  { name: "engine", load: () => import("./engine.ts") },
  { name: "xling", load: () => import("./xling.ts") },
  { name: "load", load: () => import("./load.ts") },
  { name: "durability", load: () => import("./durability.ts") },
  { name: "scale", load: () => import("./scale.ts") },
  { name: "pg", load: () => import("./pg.ts") },
];

async function main(argv: string[]): Promise<void> {
  const wanted = argv.filter((a) => !a.startsWith("-"));
  const unknown = wanted.filter((w) => !BENCHMARKS.some((b) => b.name === w));
  if (unknown.length) throw new Error(`unknown benchmark(s): ${unknown.join(", ")}; known: ${BENCHMARKS.map((b) => b.name).join(", ")}`);
  const figures: Record<string, number> = {};
  for (const b of BENCHMARKS) {
    if (wanted.length && !wanted.includes(b.name)) continue;
    // The PostgreSQL run needs a server: only when named or BENCH_DATABASE_URL is set.
    if (b.name === "pg" && !wanted.includes("pg") && !process.env.BENCH_DATABASE_URL) continue;
    console.log(`\n=== bench: ${b.name} ===`);
    Object.assign(figures, (await (await b.load()).run()) ?? {});
  }
  // the last line: one JSON object of the figures, so runs can be compared
  console.log(JSON.stringify({ bench: wanted.length ? wanted : BENCHMARKS.map((b) => b.name), at: new Date().toISOString(), ...figures }));
}

main(process.argv.slice(2)).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : String(err));
  process.exitCode = 1;
});
