/** Signed checkpoints travel with an exported trail and catch what a bare chain cannot. */
import { generateKeyPairSync } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { leafHash, type ChainedEvent } from "../../src/audit/chain.ts";
import { canonicalize } from "../../src/audit/canonical.ts";
import { importBundle } from "../../src/domain/bundle/import-bundle.ts";
import { systemActor } from "../../src/domain/actor.ts";
import * as auditExport from "../../src/cli/commands/audit-export.ts";
import * as auditSeal from "../../src/cli/commands/audit-seal.ts";
import * as auditVerify from "../../src/cli/commands/audit-verify.ts";
import { seedBundle, tempDb, type TempDb } from "../bundle/support.ts";
import { runCli } from "./support.ts";

let t: TempDb;
let file: string;
let lines: string[];

beforeAll(async () => {
  t = await tempDb();
  process.env.DATABASE_URL = t.url;
  process.env.AUDIT_KEY_FILE = join(t.dir, "audit-key.pem");
  await importBundle(t.db, systemActor("test"), seedBundle());
  expect((await runCli(auditSeal, [])).code).toBe(0);
  file = join(t.dir, "trail.ndjson");
  expect((await runCli(auditExport, ["--out", file])).code).toBe(0);
  lines = readFileSync(file, "utf8").trimEnd().split("\n");
});
afterAll(async () => {
  delete process.env.DATABASE_URL;
  delete process.env.AUDIT_KEY_FILE;
  await t.close();
});

function copy(name: string, edit: (ls: string[]) => string[]): string {
  const out = join(t.dir, `${name}.ndjson`);
  writeFileSync(out, `${edit([...lines]).join("\n")}\n`);
  writeFileSync(`${out}.checkpoints`, readFileSync(`${file}.checkpoints`));
  writeFileSync(`${out}.pub`, readFileSync(`${file}.pub`));
  return out;
}

/** Rewrite event i and re-chain everything after it, as an attacker with database access could. */
function rewriteChain(ls: string[], i: number, change: (e: ChainedEvent) => void): string[] {
  const events = ls.map((l) => JSON.parse(l) as ChainedEvent);
  change(events[i]);
  for (let k = i; k < events.length; k++) {
    if (k > 0) events[k].prevHash = events[k - 1].hash;
    const { hash: _old, ...rest } = events[k];
    events[k].hash = leafHash(rest);
  }
  return events.map((e) => canonicalize(e));
}

describe("audit checkpoints", () => {
  it("when the trail and its checkpoints are intact, then verify says OK with the checkpoint coverage", async () => {
    const r = await runCli(auditVerify, [file]);
    expect(r.code).toBe(0);
    expect(r.out).toContain(`signed checkpoint(s) verified; the latest covers events 1..${lines.length}`);
  });

  it("when events are removed from the end, then the checkpoint catches it (the bare chain cannot)", async () => {
    const r = await runCli(auditVerify, [copy("truncated", (ls) => ls.slice(0, -3))]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/events were removed from the end/);
  });

  it("when the chain is rewritten consistently, then the signed root no longer matches", async () => {
    const out = copy("rewritten", (ls) => rewriteChain(ls, 5, (e) => (e.actorName = "someone else")));
    const r = await runCli(auditVerify, [out]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/do not match signed checkpoint 1: the chain was rewritten; the first changed event is after seq 0 and at or before seq \d+/);
  });

  it("when the checkpoint is re-signed with a foreign key, then it is refused", async () => {
    const out = copy("foreign", (ls) => ls);
    const foreign = generateKeyPairSync("ed25519");
    writeFileSync(`${out}.pub`, foreign.publicKey.export({ type: "spki", format: "pem" }));
    const r = await runCli(auditVerify, [out]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/checkpoint 1: (no signature by the expected key|the signature does not verify)/);
  });
});
