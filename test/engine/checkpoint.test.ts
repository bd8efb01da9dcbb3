import { createHash, createPublicKey, generateKeyPairSync } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signCheckpoint, verifyCheckpoint } from "../../src/audit/checkpoint.ts";
import { MerkleAccumulator, merkleRoot } from "../../src/audit/merkle.ts";

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
const leafHash = (hex: string) => createHash("sha256").update(Buffer.from([0])).update(Buffer.from(hex, "hex")).digest("hex");

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
