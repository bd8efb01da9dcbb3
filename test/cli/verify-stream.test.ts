import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { once } from "node:events";
import { finished } from "node:stream/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { GENESIS_HASH, leafHash, type ChainedEvent } from "../../src/audit/chain.ts";
import { verifyAuditFile } from "../../src/audit/verify-file.ts";
import { csvHeader, csvLine, ndjsonLine } from "../../src/domain/audit/export-audit.ts";

const dir = mkdtempSync(join(tmpdir(), "crosscheck-verify-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A synthetic, correctly chained trail of `n` events with Arabic payloads, written in both formats. */
async function writeTrail(n: number) {
  const nd = createWriteStream(join(dir, "big.ndjson"));
  const csv = createWriteStream(join(dir, "big.csv"));
  csv.write(csvHeader());
  let prevHash = GENESIS_HASH;
  for (let seq = 1; seq <= n; seq++) {
    const body = {
      seq,
      ts: new Date(Date.UTC(2024, 2, 28, 0, 0, seq % 60, seq % 1000)).toISOString(),
      actorId: seq % 3 === 0 ? null : seq % 7,
      actorName: seq % 5 === 0 ? "-analyst" : "analyst",
      actorRole: "analyst",
      action: "claim.update",
      entityType: "claim",
      entityId: String(seq),
      requestId: `r${seq}`,
      before: { text: "شكّلت قوات سوريا الديمقراطية", n: seq },
      after: { text: "شكّلت قوات سوريا الديمقراطية والجيش العراقي\nمركزاً مشتركاً", n: seq + 1, quote: '"=1+1"' },
      prevHash,
    };
    const e: ChainedEvent = { ...body, hash: leafHash(body) };
    prevHash = e.hash;
    if (!nd.write(ndjsonLine(e))) await once(nd, "drain");
    if (!csv.write(csvLine(e))) await once(csv, "drain");
  }
  nd.end();
  csv.end();
  await Promise.all([finished(nd), finished(csv)]);
  return prevHash;
}

describe("verifyAuditFile streams", () => {
  it("when a trail of 20,000 events is verified, then both formats pass with the right count and last hash", async () => {
    const last = await writeTrail(20_000);
    for (const f of ["big.ndjson", "big.csv"]) {
      expect(await verifyAuditFile(join(dir, f))).toEqual({ ok: true, count: 20_000, lastSeq: 20_000, lastHash: last });
    }
  }, 60_000);
});
