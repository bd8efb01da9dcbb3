import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parse } from "csv-parse/sync";
import { leafHash, type ChainedEvent } from "../../src/audit/chain.ts";
import { canonicalize } from "../../src/audit/canonical.ts";
import { recordAudit, recordAudits } from "../../src/audit/record.ts";
import { verifyAuditFile } from "../../src/audit/verify-file.ts";
import { inTransaction } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { importBundle } from "../../src/domain/bundle/import-bundle.ts";
import * as auditExport from "../../src/cli/commands/audit-export.ts";
import * as auditVerify from "../../src/cli/commands/audit-verify.ts";
import { seedBundle, tempDb, type TempDb } from "../bundle/support.ts";
import { runCli } from "./support.ts";

let t: TempDb;
let ndjson: string;
let csv: string;
let lines: string[];
const INJECTION = ['=HYPERLINK("http://evil.example","x")', "+SUM(1,2)", "-2+3", "@cmd"];

beforeAll(async () => {
  t = await tempDb();
  process.env.DATABASE_URL = t.url;
  await importBundle(t.db, systemActor("test"), seedBundle());
  // Events appended together (recordAudits: one read of the chain's end, one insert) chain like single ones.
  await inTransaction(t.db, (tx) =>
    recordAudits(
      tx,
      systemActor("test"),
      [1, 2, 3].map((n) => ({ action: "link.create" as const, entityType: "link", entityId: 900 + n, before: null, after: { n } })),
    ),
  );
  // Events whose plain-text cells start with spreadsheet formula characters.
  await inTransaction(t.db, async (tx) => {
    for (const [i, s] of INJECTION.entries()) {
      await recordAudit(tx, systemActor(s, s), { action: "source.update", entityType: "source", entityId: s, before: { n: i }, after: { name: s } });
    }
  });
  ndjson = join(t.dir, "trail.ndjson");
  csv = join(t.dir, "trail.csv");
  expect((await runCli(auditExport, ["--format", "ndjson", "--out", ndjson])).code).toBe(0);
  expect((await runCli(auditExport, ["--format", "csv", "--out", csv])).code).toBe(0);
  lines = readFileSync(ndjson, "utf8").trimEnd().split("\n");
});
afterAll(async () => {
  delete process.env.DATABASE_URL;
  await t.close();
});

/** Write a tampered copy of the NDJSON export and run audit:verify on it. */
async function verifyTampered(name: string, edit: (lines: string[]) => string[]) {
  const file = join(t.dir, `${name}.ndjson`);
  writeFileSync(file, `${edit([...lines]).join("\n")}\n`);
  return runCli(auditVerify, [file]);
}
const event = (line: string) => JSON.parse(line) as ChainedEvent;
/** Re-serialise an event after `change`, keeping its (now wrong) hash. */
const edited = (line: string, change: (e: ChainedEvent) => void) => {
  const e = event(line);
  change(e);
  return canonicalize(e);
};

describe("audit:export then audit:verify", () => {
  it("when the trail is exported as NDJSON, then audit:verify says OK with the count, last seq and last hash", async () => {
    const total = await t.db.auditEvent.count();
    const last = await t.db.auditEvent.findFirstOrThrow({ orderBy: { seq: "desc" } });
    const r = await runCli(auditVerify, [ndjson]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toBe(`OK: ${total} events, last seq ${last.seq}, last hash ${last.hash}`);
    expect(lines).toHaveLength(total);
  });

  it("when the trail is exported as CSV, then audit:verify says OK too", async () => {
    const total = await t.db.auditEvent.count();
    const r = await runCli(auditVerify, [csv]);
    expect(r.code).toBe(0);
    expect(r.out.split("\n")[0]).toMatch(new RegExp(`^OK: ${total} events, last seq ${total}, last hash [0-9a-f]{64}$`));
  });

  it("when a CSV cell starts with = + - or @, then it is prefixed with ' and the trail still verifies", async () => {
    const text = readFileSync(csv, "utf8");
    expect(text.startsWith("\uFEFFseq,")).toBe(true);
    const rows: string[][] = parse(text, { bom: true });
    const cells = rows.slice(-INJECTION.length).map((r) => r[3]); // actorName
    expect(cells).toEqual(INJECTION.map((s) => `'${s}`));
    for (const row of rows.slice(1)) for (const cell of row) expect(cell).not.toMatch(/^[=+\-@]/);
    expect((await verifyAuditFile(csv)).ok).toBe(true);
  });

  it("when the same trail is exported twice, then the files are byte-identical (NDJSON and CSV)", async () => {
    const again = join(t.dir, "again.ndjson");
    const againCsv = join(t.dir, "again.csv");
    await runCli(auditExport, ["--out", again]);
    await runCli(auditExport, ["--out", againCsv]);
    expect(readFileSync(again).equals(readFileSync(ndjson))).toBe(true);
    expect(readFileSync(againCsv).equals(readFileSync(csv))).toBe(true);
  });

  it("when the format is given by the first character instead of the extension, then it is detected", async () => {
    const noExt = join(t.dir, "trail-csv");
    writeFileSync(noExt, readFileSync(csv));
    expect((await runCli(auditVerify, [noExt])).code).toBe(0);
    const noExtJson = join(t.dir, "trail-ndjson");
    writeFileSync(noExtJson, readFileSync(ndjson));
    expect((await runCli(auditVerify, [noExtJson])).code).toBe(0);
  });
});

describe("audit:verify catches tampering, naming the first bad seq and exiting 1", () => {
  it("when one field of an event is changed, then it fails at that seq", async () => {
    const r = await verifyTampered("changed", (l) => {
      l[4] = edited(l[4], (e) => void (e.actorName = "someone-else"));
      return l;
    });
    expect(r.code).toBe(1);
    expect(r.out).toBe("FAILED at seq 5 (line 5): content does not match its hash (event was altered)");
  });

  it("when an Arabic string is changed by one diacritic, then it fails at that seq", async () => {
    const i = lines.findIndex((l) => l.includes("تلفزيون الخبر"));
    expect(i).toBeGreaterThanOrEqual(0);
    const r = await verifyTampered("diacritic", (l) => {
      l[i] = l[i].replace("تلفزيون الخبر", "تلفزيون الخبَر"); // one fatha
      return l;
    });
    expect(r.code).toBe(1);
    expect(r.out).toBe(`FAILED at seq ${i + 1} (line ${i + 1}): content does not match its hash (event was altered)`);
  });

  it("when an event is removed, then it fails at the missing seq", async () => {
    const r = await verifyTampered("removed", (l) => [...l.slice(0, 9), ...l.slice(10)]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("FAILED at seq 10 (line 10): expected seq 10 but found 11 (missing events before it)");
  });

  it("when two events are swapped, then it fails at the first of them", async () => {
    const r = await verifyTampered("swapped", (l) => {
      [l[6], l[7]] = [l[7], l[6]];
      return l;
    });
    expect(r.code).toBe(1);
    expect(r.out).toBe("FAILED at seq 7 (line 7): expected seq 7 but found 8 (missing events before it)");
  });

  it("when a forged event is inserted, then it fails there", async () => {
    // A forger who renumbers cannot produce the right hash without rewriting everything after it.
    const forged = edited(lines[2], (e) => {
      e.after = { name: "forged" };
    });
    const r = await verifyTampered("forged", (l) => [...l.slice(0, 3), forged, ...l.slice(3)]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("FAILED at seq 4 (line 4): expected seq 4 but found 3 (repeated or out of order)");
  });

  it("when a forged event with a correct hash of its own is inserted, then the chain breaks right after it", async () => {
    const prev = event(lines[2]);
    const body = { ...event(lines[3]), hash: undefined, after: { name: "forged" }, prevHash: prev.hash } as Omit<ChainedEvent, "hash">;
    const forged = canonicalize({ ...body, hash: leafHash(body) });
    const r = await verifyTampered("forged-hashed", (l) => [...l.slice(0, 3), forged, ...l.slice(3)]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("FAILED at seq 5 (line 5): expected seq 5 but found 4 (repeated or out of order)");
  });

  it("when an event is duplicated, then it fails at the duplicate", async () => {
    const r = await verifyTampered("duplicated", (l) => [...l.slice(0, 6), l[5], ...l.slice(6)]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("FAILED at seq 7 (line 7): expected seq 7 but found 6 (repeated or out of order)");
  });

  it("when a prevHash is rewritten to hide a removal, then the content check fails at that seq", async () => {
    const r = await verifyTampered("relinked", (l) => {
      const kept = [...l.slice(0, 9), ...l.slice(10)];
      kept[9] = edited(kept[9], (e) => {
        e.seq = 10;
      });
      return kept;
    });
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAILED at seq 10 \(line 10\): /);
  });

  it("when a line is not JSON, then it fails at the seq expected on that line", async () => {
    const r = await verifyTampered("garbage", (l) => {
      l[2] = "{not json";
      return l;
    });
    expect(r.code).toBe(1);
    expect(r.out).toBe("FAILED at seq 3 (line 3): line is not valid JSON");
  });

  it("when a CSV cell is changed, then the CSV verifier fails at that seq with its line", async () => {
    const text = readFileSync(csv, "utf8").split("\n");
    // line 1 is the header, so event seq N is on line N+1 (no cell holds a raw newline).
    text[3] = text[3].replace("system", "admin");
    const file = join(t.dir, "changed.csv");
    writeFileSync(file, text.join("\n"));
    const r = await runCli(auditVerify, [file]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("FAILED at seq 3 (line 4): content does not match its hash (event was altered)");
  });

  it("when the file is empty, then it fails", async () => {
    const file = join(t.dir, "empty.ndjson");
    writeFileSync(file, "");
    const r = await runCli(auditVerify, [file]);
    expect(r.code).toBe(1);
    expect(r.out).toMatch(/^FAILED \(line 0\): the file holds no audit events$/);
  });
});

describe("audit CLI usage errors exit 2", () => {
  it("when audit:verify has no file or a missing file, then it exits 2 with the usage", async () => {
    expect((await runCli(auditVerify, [])).code).toBe(2);
    const missing = await runCli(auditVerify, [join(t.dir, "nope.ndjson")]);
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/usage: /);
  });

  it("when audit:export has a bad format or no --out, then it exits 2", async () => {
    expect((await runCli(auditExport, ["--format", "xml", "--out", join(t.dir, "x")])).code).toBe(2);
    expect((await runCli(auditExport, ["--format", "csv"])).code).toBe(2);
    expect((await runCli(auditExport, ["--bogus"])).code).toBe(2);
  });
});
