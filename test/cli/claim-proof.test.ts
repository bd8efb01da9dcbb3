/** A claim's audit proof: its events with inclusion proofs against a signed checkpoint, checked offline. */
import { generateKeyPairSync } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leafHash } from "../../src/audit/chain.ts";
import { publicKeyPem } from "../../src/audit/checkpoint.ts";
import { importBundle } from "../../src/domain/bundle/import-bundle.ts";
import { claimAuditProof, type ClaimProof } from "../../src/domain/audit/claim-proof.ts";
import { claimTrail } from "../../src/domain/history/claim-trail.ts";
import { updateClaim } from "../../src/domain/claims/update-claim.ts";
import { inTransaction } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import * as auditProve from "../../src/cli/commands/audit-prove.ts";
import * as auditVerifyProof from "../../src/cli/commands/audit-verify-proof.ts";
import { seedBundle, tempDb, type TempDb } from "../bundle/support.ts";
import { runCli } from "./support.ts";

const KEY = "sdf-iraq-joint-border-centre";
let t: TempDb;
let file: string;
let proof: ClaimProof;

beforeAll(async () => {
  t = await tempDb();
  process.env.DATABASE_URL = t.url;
  process.env.AUDIT_KEY_FILE = join(t.dir, "audit-key.pem");
  await importBundle(t.db, systemActor("test"), seedBundle());
  const claim = await t.db.claim.findUniqueOrThrow({ where: { key: KEY } });
  // history after the bundle: an edit, and other claims' events in between
  await inTransaction(t.db, (tx) =>
    updateClaim(tx, systemActor("test"), claim.id, {
      text: `${claim.text} (edited)`,
      language: claim.language,
      translation: claim.translation,
      tags: ["sdf-iraq"],
    }),
  );
  file = join(t.dir, "claim.proof.json");
  const r = await runCli(auditProve, ["--claim", KEY, "--out", file]);
  expect(r.code, r.err).toBe(0);
  proof = JSON.parse(readFileSync(file, "utf8")) as ClaimProof;
});
afterAll(async () => {
  delete process.env.DATABASE_URL;
  delete process.env.AUDIT_KEY_FILE;
  await t.close();
});

function tampered(name: string, edit: (p: ClaimProof) => void, pub = readFileSync(`${file}.pub`, "utf8")): string {
  const copy = JSON.parse(JSON.stringify(proof)) as ClaimProof;
  edit(copy);
  const out = join(t.dir, `${name}.json`);
  writeFileSync(out, JSON.stringify(copy));
  writeFileSync(`${out}.pub`, pub);
  return out;
}

describe("audit:prove and audit:verify-proof", () => {
  it("when a claim is proved after sealing, then every event of its history is included and the proof verifies offline", async () => {
    const claim = await t.db.claim.findUniqueOrThrow({ where: { key: KEY } });
    const trail = await claimTrail(t.db, claim.id);
    const expected = new Set([...trail.claimEvents, ...trail.attributionEvents, ...trail.gradeEvents, ...trail.conflictEvents].map((e) => e.seq));
    expect(proof.events.map((e) => e.event.seq)).toEqual([...expected].sort((a, b) => a - b));
    expect(proof.events.map((e) => e.event.action)).toEqual(expect.arrayContaining(["claim.create", "claim.update", "attribution.create", "conflict.open"]));
    expect(proof.unsealed).toBe(0);
    expect(proof.treeSize).toBe(await t.db.auditEvent.count());
    expect(proof.events.length).toBeLessThan(proof.treeSize); // only this claim's events travel

    const r = await runCli(auditVerifyProof, [file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`OK: ${proof.events.length} events of claim ${KEY}`);
  });

  it.each<[string, (p: ClaimProof) => void, RegExp]>([
    ["an event's content is changed", (p) => void ((p.events[0].event.after as Record<string, unknown>).text = "rewritten"), /does not hash to its hash/],
    [
      "an event is rewritten and re-hashed",
      (p) => {
        const e = p.events[0].event;
        (e.after as Record<string, unknown>).text = "rewritten";
        const { hash: _h, ...rest } = e;
        e.hash = leafHash(rest);
      },
      /inclusion proof does not lead to the signed root/,
    ],
    ["a proof step is changed", (p) => void (p.events[1].proof[0] = "0".repeat(64)), /inclusion proof does not lead/],
    ["an event is moved to another position", (p) => void (p.events[1].leafIndex += 1), /leaf index/],
    ["the checkpoint is claimed to be larger", (p) => void (p.treeSize += 1), /signed checkpoint is for/],
    ["the checkpoint note is edited", (p) => void (p.checkpoint = p.checkpoint.replace(`\n${p.treeSize}\n`, `\n${p.treeSize + 1}\n`)), /checkpoint/],
    ["a field is added", (p) => void ((p as unknown as Record<string, unknown>).extra = 1), /not a claim proof/],
  ])("when %s, then verification fails and names it", async (name, edit, reason) => {
    const r = await runCli(auditVerifyProof, [tampered(name.replace(/\W+/g, "-"), edit)]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(reason);
  });

  it("when the public key is someone else's, then verification fails", async () => {
    const foreign = publicKeyPem(generateKeyPairSync("ed25519").privateKey);
    const r = await runCli(auditVerifyProof, [tampered("foreign-key", () => {}, foreign)]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/checkpoint/);
  });

  it("when the claim changes after the last seal and no seal is made, then the new event is counted as not covered", async () => {
    const claim = await t.db.claim.findUniqueOrThrow({ where: { key: KEY } });
    await inTransaction(t.db, (tx) =>
      updateClaim(tx, systemActor("test"), claim.id, { text: `${claim.text}!`, language: claim.language, translation: claim.translation, tags: ["sdf-iraq"] }),
    );
    const later = join(t.dir, "later.json");
    expect((await runCli(auditProve, ["--claim", String(claim.id), "--out", later, "--no-seal"])).code).toBe(0);
    const r = await runCli(auditVerifyProof, [later]);
    expect(r.code).toBe(0);
    expect(r.out).toContain("1 later event(s) of this claim were not yet sealed");
  });

  it("when nothing was ever sealed, or the claim does not exist, then a clear error and no file", async () => {
    const fresh = await tempDb();
    try {
      await importBundle(fresh.db, systemActor("test"), seedBundle());
      const claim = await fresh.db.claim.findFirstOrThrow();
      await expect(claimAuditProof(fresh.db, claim.id)).rejects.toThrow(/no signed checkpoint yet/);
    } finally {
      await fresh.close();
    }
    const r = await runCli(auditProve, ["--claim", "no-such-claim", "--out", join(t.dir, "none.json")]);
    expect(r.code).not.toBe(0);
    expect(r.err).toContain('no claim with id or key "no-such-claim"');
    expect(existsSync(join(t.dir, "none.json"))).toBe(false);
  });
});
