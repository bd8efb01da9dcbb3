/**
 * Shared helpers for the training scripts: JSONL reading, a deterministic PRNG, fold
 * assignment and small linear-model optimisers. Not imported by the engine.
 */
import { prng } from "../src/util/prng.ts";
import { readFileSync } from "node:fs";

export function readJsonl<T = Record<string, unknown>>(path: string): T[] {
  return readFileSync(path, "utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

export { prng } from "../src/util/prng.ts";

export function shuffle<T>(xs: T[], rnd: () => number): T[] {
  const a = xs.slice();
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

/** Assign fold numbers to groups (rows sharing a group key always land in the same fold). */
export function groupFolds(groups: string[], k: number, seed: number): number[] {
  const uniq = shuffle([...new Set(groups)].sort(), prng(seed));
  const fold = new Map(uniq.map((g, i) => [g, i % k]));
  return groups.map((g) => fold.get(g)!);
}
