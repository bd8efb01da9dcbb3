import { appendFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { embedWithCache } from "../../src/encoder/cache.ts";
import type { SentenceEncoder } from "../../src/encoder/sentence-encoder.ts";

const dir = mkdtempSync(join(tmpdir(), "cc-enc-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** An encoder that records what it was asked (the cache's behaviour, not the model's, is under test). */
function countingEncoder(): SentenceEncoder & { seen: string[] } {
  const seen: string[] = [];
  return {
    id: "test/1",
    seen,
    async embed(texts) {
      seen.push(...texts);
      return texts.map((t) => Int8Array.from([t.length % 128, -1, 127, -128]));
    },
  };
}

describe("embedWithCache (eval and training)", () => {
  it("embeds each distinct text once, keeps undefined slots, and reloads from disk on the next run", async () => {
    const a = countingEncoder();
    const out = await embedWithCache(a, ["alpha", undefined, "beta", "alpha"], { dir });
    expect(a.seen).toEqual(["alpha", "beta"]);
    expect(out[1]).toBeUndefined();
    expect(Array.from(out[3]!)).toEqual([5, -1, 127, -128]); // negative components survive the file
    const b = countingEncoder();
    const again = await embedWithCache(b, ["beta", "alpha", "gamma"], { dir });
    expect(b.seen).toEqual(["gamma"]);
    expect(Array.from(again[1]!)).toEqual(Array.from(out[0]!));
  });

  it("survives a torn last line from an interrupted run, and a directory it cannot write", async () => {
    appendFileSync(join(dir, readdirSync(dir)[0]), '{"h":"abc","v":"AAE');
    const c = countingEncoder();
    const out = await embedWithCache(c, ["alpha", "delta"], { dir });
    expect(c.seen).toEqual(["delta"]);
    expect(out.every((v) => v instanceof Int8Array)).toBe(true);
    const e = countingEncoder();
    await embedWithCache(e, ["alpha", "delta"], { dir });
    expect(e.seen).toEqual([]); // what was appended after the torn line is readable
    const d = countingEncoder();
    const notADir = join(dir, "a-file");
    writeFileSync(notADir, "");
    const ro = await embedWithCache(d, ["epsilon"], { dir: join(notADir, "cache") });
    expect(d.seen).toEqual(["epsilon"]);
    expect(ro[0]).toBeInstanceOf(Int8Array);
  });
});
