/**
 * RFC 6962 Merkle tree hash over audit leaves. Our event hashes already are RFC 6962 leaf
 * hashes (SHA-256(0x00 || data)); interior nodes are SHA-256(0x01 || left || right), split at
 * the largest power of two smaller than n. Computed in O(n) time and O(log n) memory with a
 * compact-range stack, so a million-event trail verifies in one pass.
 */
import { createHash } from "node:crypto";

/** An interior node: SHA-256(0x01 || left || right). */
export function node(left: Buffer, right: Buffer): Buffer {
  return createHash("sha256")
    .update(Buffer.from([1]))
    .update(left)
    .update(right)
    .digest();
}

/** MTH of the empty tree: SHA-256 of nothing. */
export const EMPTY_ROOT = createHash("sha256").digest("hex");

/** Incremental root: push leaf hashes in order, read `root()` at any size. */
export class MerkleAccumulator {
  /** stack[i] = [height, hash] of perfect subtrees, heights strictly decreasing. */
  private stack: { height: number; hash: Buffer }[] = [];
  private count = 0;

  push(leafHex: string): void {
    let cur: { height: number; hash: Buffer } = { height: 0, hash: Buffer.from(leafHex, "hex") };
    while (this.stack.length && this.stack[this.stack.length - 1].height === cur.height) {
      const left = this.stack.pop()!;
      cur = { height: cur.height + 1, hash: node(left.hash, cur.hash) };
    }
    this.stack.push(cur);
    this.count += 1;
  }

  get size(): number {
    return this.count;
  }

  /** MTH of the leaves pushed so far (RFC 6962 §2.1); the empty tree hashes to SHA-256(""). */
  root(): string {
    if (!this.stack.length) return EMPTY_ROOT;
    let acc = this.stack[this.stack.length - 1].hash;
    for (let i = this.stack.length - 2; i >= 0; i--) acc = node(this.stack[i].hash, acc);
    return acc.toString("hex");
  }
}

export function merkleRoot(leavesHex: string[]): string {
  const acc = new MerkleAccumulator();
  for (const l of leavesHex) acc.push(l);
  return acc.root();
}
