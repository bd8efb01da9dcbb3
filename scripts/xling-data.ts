/** The Arabic–English training pairs (../shared/train/parallel-ar-en/), read for the xling scripts. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

export const PAIRS_DIR = process.env.XLING_PAIRS_DIR ?? "../shared/train/parallel-ar-en";

export interface Pair {
  ar: string;
  en: string;
  /** The file (corpus) the pair comes from, e.g. "tatoeba". */
  domain: string;
}

export function readPairs(dir = PAIRS_DIR): Pair[] {
  const out: Pair[] = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith(".tsv")).sort()) {
    const domain = f.replace(/\.tsv$/, "");
    for (const line of readFileSync(join(dir, f), "utf8").split(/\r?\n/)) {
      const tab = line.indexOf("\t");
      if (tab < 0) continue;
      const ar = line.slice(0, tab).trim(), en = line.slice(tab + 1).trim();
      if (ar && en) out.push({ ar, en, domain });
    }
  }
  return out;
}
