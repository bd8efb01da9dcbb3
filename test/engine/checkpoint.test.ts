import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signCheckpoint, verifyCheckpoint } from "../../src/audit/checkpoint.ts";
import { MerkleAccumulator, merkleRoot } from "../../src/audit/merkle.ts";
import { MerkleTree, verifyInclusion } from "../../src/audit/inclusion.ts";

// RFC 6962 reference vectors (certificate-transparency / transparency-dev test data).
const LEAVES = ["", "00", "10", "2021", "3031", "40414243", "5051525354555657", "606162636465666768696a6b6c6d6e6f"];
const ROOTS = [
  "6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d",
  "fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125",
  "aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77",
  "d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7",
  "4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4",
  "76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef",
  "ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c",
  "5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328",
];
const leafHash = (hex: string) =>
  createHash("sha256")
    .update(Buffer.from([0]))
    .update(Buffer.from(hex, "hex"))
    .digest("hex");

describe("RFC 6962 Merkle tree hash", () => {
  it("when computed incrementally, then every prefix root matches the reference vectors", () => {
    const acc = new MerkleAccumulator();
    LEAVES.forEach((l, i) => {
      acc.push(leafHash(l));
      expect(acc.root(), `size ${i + 1}`).toBe(ROOTS[i]);
    });
    expect(merkleRoot([])).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  });
});

describe("RFC 6962 inclusion proofs", () => {
  const leaves = LEAVES.map(leafHash);

  it("when leaf 0 of the 8-leaf reference tree is proved, then the path is the reference one", () => {
    expect(new MerkleTree(leaves).inclusionProof(0)).toEqual([
      "96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7",
      "5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e",
      "6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4",
    ]);
  });

  it("when every leaf of every tree up to 70 leaves is proved, then each proof verifies against the tree's root, and fails for another leaf, index, size or a changed step", () => {
    const many = Array.from({ length: 70 }, (_, i) => leafHash(i.toString(16).padStart(4, "0")));
    let checked = 0;
    for (let n = 1; n <= many.length; n++) {
      const tree = new MerkleTree(many.slice(0, n));
      const root = tree.root();
      expect(root).toBe(merkleRoot(many.slice(0, n)));
      for (let m = 0; m < n; m++) {
        const proof = tree.inclusionProof(m);
        expect(verifyInclusion(many[m], m, n, proof, root), `${m}/${n}`).toBe(true);
        if (n > 1) {
          expect(verifyInclusion(many[(m + 1) % n], m, n, proof, root)).toBe(false);
          expect(verifyInclusion(many[m], (m + 1) % n, n, proof, root)).toBe(false);
          const bent = [...proof];
          bent[bent.length - 1] = leafHash("ff");
          expect(verifyInclusion(many[m], m, n, bent, root)).toBe(false);
          expect(verifyInclusion(many[m], m, n, proof.slice(1), root)).toBe(false);
        }
        // (the tree size itself is authenticated by the signed checkpoint, not by the path)
        expect(verifyInclusion(many[m], m, m, proof, root)).toBe(false);
        checked++;
      }
    }
    expect(checked).toBe((70 * 71) / 2);
  });

  it("when a proof is asked for a tree smaller than the whole, then it proves against that prefix's root", () => {
    const tree = new MerkleTree(LEAVES.map(leafHash));
    for (let n = 1; n <= 8; n++)
      for (let m = 0; m < n; m++) expect(verifyInclusion(leafHash(LEAVES[m]), m, n, tree.inclusionProof(m, n), ROOTS[n - 1])).toBe(true);
    expect(() => tree.inclusionProof(8)).toThrow(RangeError);
  });
});

describe("signed checkpoints", () => {
  const { privateKey } = generateKeyPairSync("ed25519");
  const pub = createPublicKey(privateKey);

  it("when a checkpoint is signed, then it verifies and reads back size and root", () => {
    const note = signCheckpoint(8, ROOTS[7], privateKey);
    expect(note).toMatch(/^crosscheck\/audit\n8\n[A-Za-z0-9+/=]{44}\n\n— crosscheck-audit [A-Za-z0-9+/=]+\n$/);
    const r = verifyCheckpoint(note, pub);
    expect(r).toMatchObject({ ok: true, body: { size: 8, rootHex: ROOTS[7] } });
  });

  it("when the size, the root or the key changes, then verification fails", () => {
    const note = signCheckpoint(8, ROOTS[7], privateKey);
    expect(verifyCheckpoint(note.replace("\n8\n", "\n9\n"), pub).ok).toBe(false);
    const otherRoot = Buffer.from(ROOTS[6], "hex").toString("base64");
    expect(verifyCheckpoint(note.replace(Buffer.from(ROOTS[7], "hex").toString("base64"), otherRoot), pub).ok).toBe(false);
    const foreign = generateKeyPairSync("ed25519").privateKey;
    expect(verifyCheckpoint(signCheckpoint(8, ROOTS[7], foreign), pub).ok).toBe(false);
  });
});
