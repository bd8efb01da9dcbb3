/** The Arabic–English training pairs (../shared/train/parallel-ar-en/), read for the xling scripts. */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { BUILTIN_ENTITIES } from "../src/engine/entities.ts";

export const PAIRS_DIR = process.env.XLING_PAIRS_DIR ?? "../shared/train/parallel-ar-en";

export interface Pair {
  ar: string;
  en: string;
  /** The file (corpus) the pair comes from, e.g. "tatoeba". */
  domain: string;
}

/** The pairs of every .tsv in `dir`, then the glossary (glossaryPairs). */
export function readPairs(dir = PAIRS_DIR): Pair[] {
  return [...readTsvPairs(dir), ...glossaryPairs()];
}

export function readTsvPairs(dir = PAIRS_DIR): Pair[] {
  const out: Pair[] = [];
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith(".tsv"))
    .sort()) {
    const domain = f.replace(/\.tsv$/, "");
    for (const line of readFileSync(join(dir, f), "utf8").split(/\r?\n/)) {
      const tab = line.indexOf("\t");
      if (tab < 0) continue;
      const ar = line.slice(0, tab).trim(),
        en = line.slice(tab + 1).trim();
      if (ar && en) out.push({ ar, en, domain });
    }
  }
  return out;
}

/**
 * Name pairs from the engine's own entity dictionary (src/engine/entities.ts): each Arabic name
 * of an actor, person or place with its English display name ("قوات سوريا الديمقراطية" → "SDF",
 * "دير الزور" → "Deir ez-Zor"). Short, cheap to embed, and exactly the names news about
 * Syria and Iraq is full of, which the general-domain pairs rarely contain.
 */
export function glossaryPairs(): Pair[] {
  const out: Pair[] = [];
  const seen = new Set<string>();
  for (const d of BUILTIN_ENTITIES) {
    // the display name and the longest English spelling ("SDF", "Syrian Democratic Forces")
    const latin = [d.en, ...d.aliases].filter((a) => !/[\u0600-\u06FF]/.test(a));
    const longest = latin.reduce((a, b) => (b.length > a.length ? b : a), d.en);
    for (const name of [d.ar, ...d.aliases]) {
      if (!/[\u0600-\u06FF]/.test(name) || seen.has(name)) continue;
      seen.add(name);
      for (const en of new Set([d.en, longest])) out.push({ ar: name, en, domain: "glossary" });
    }
  }
  return out;
}

/**
 * Which pairs a `--holdout` spec leaves out of training: "DOMAIN" all of that file, "DOMAIN:half"
 * every second pair of it (by position in the file), "" none.
 */
export function heldOutOf(pairs: Pair[], spec: string): boolean[] {
  const [domain, part] = spec.split(":");
  let k = 0;
  return pairs.map((p) => {
    if (!domain || p.domain !== domain) return false;
    return part === "half" ? k++ % 2 === 1 : true;
  });
}
