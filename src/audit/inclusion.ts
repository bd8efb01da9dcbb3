/**
 * RFC 6962 / RFC 9162 Merkle inclusion proofs over the audit leaves (the event hashes, in seq
 * order). A proof lets a third party check that one event is part of the trail a signed
 * checkpoint commits to, without the rest of the trail.
 *
 * Generation keeps every level of the tree (about 2n hashes; 100,000 events ≈ 6 MB), so each
 * proof costs O(log n) once the levels are built. Verification is RFC 9162 §2.1.3.2.
 */
import { EMPTY_ROOT, node } from "./merkle.ts";

/** Largest power of two strictly smaller than n (n ≥ 2). */
function split(n: number): number {
  let k = 1;
  while (k * 2 < n) k *= 2;
  return k;
}

export class MerkleTree {
  /** levels[h][i] = hash of the perfect subtree of height h over leaves [i·2^h, (i+1)·2^h). */
  private readonly levels: Buffer[][];

  constructor(leavesHex: string[]) {
    this.levels = [leavesHex.map((h) => Buffer.from(h, "hex"))];
    for (let h = 0; this.levels[h].length > 1; h++) {
      const below = this.levels[h],
        up: Buffer[] = [];
      for (let i = 0; i + 1 < below.length; i += 2) up.push(node(below[i], below[i + 1]));
      this.levels.push(up);
    }
  }

  get size(): number {
    return this.levels[0].length;
  }

  /** MTH(D[start : start + n]); in an RFC 6962 tree every such range is cut at aligned powers of two. */
  private hash(start: number, n: number): Buffer {
    if ((n & (n - 1)) === 0 && start % n === 0) return this.levels[Math.log2(n)][start / n];
    const k = split(n);
    return node(this.hash(start, k), this.hash(start + k, n - k));
  }

  root(): string {
    if (this.size === 0) return EMPTY_ROOT;
    return this.hash(0, this.size).toString("hex");
  }

  /** PATH(m, D[0:n]) of RFC 6962 §2.1.1, as hex, leaf-side first. */
  inclusionProof(m: number, n = this.size): string[] {
    if (!Number.isInteger(m) || m < 0 || m >= n || n > this.size) throw new RangeError(`no leaf ${m} in a tree of ${n}`);
    const path: Buffer[] = [];
    const walk = (m: number, start: number, n: number) => {
      if (n === 1) return;
      const k = split(n);
      if (m < k) {
        walk(m, start, k);
        path.push(this.hash(start + k, n - k));
      } else {
        walk(m - k, start + k, n - k);
        path.push(this.hash(start, k));
      }
    };
    walk(m, 0, n);
    return path.map((b) => b.toString("hex"));
  }
}

/** RFC 9162 §2.1.3.2: does `proof` place `leafHex` at `index` in the tree of `size` whose root is `rootHex`? */
export function verifyInclusion(leafHex: string, index: number, size: number, proof: string[], rootHex: string): boolean {
  if (!Number.isInteger(index) || !Number.isInteger(size) || index < 0 || index >= size) return false;
  if (![leafHex, rootHex, ...proof].every((h) => /^[0-9a-f]{64}$/.test(h))) return false;
  let fn = index,
    sn = size - 1;
  let r: Buffer = Buffer.from(leafHex, "hex");
  for (const hex of proof) {
    const p = Buffer.from(hex, "hex");
    if (sn === 0) return false;
    if (fn % 2 === 1 || fn === sn) {
      r = node(p, r);
      while (fn % 2 === 0 && fn !== 0) {
        fn = Math.floor(fn / 2);
        sn = Math.floor(sn / 2);
      }
    } else {
      r = node(r, p);
    }
    fn = Math.floor(fn / 2);
    sn = Math.floor(sn / 2);
  }
  return sn === 0 && r.toString("hex") === rootHex;
}
