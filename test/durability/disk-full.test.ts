/**
 * T8 — disk full. The database lives on an 8 MB tmpfs; a filler file leaves ~300 KB; the real
 * server keeps taking 4 KB claims until SQLITE_FULL. Writes must answer 201 or 503 (never hang
 * or 500); once the filler is removed, writes must succeed again within 5 s without a restart;
 * the file checks and the audit chain verifies. Needs `mount -t tmpfs` (root with
 * CAP_SYS_ADMIN, as on the CI machine); where mounting is impossible the test is skipped with
 * that reason.
 */
import { onPostgres } from "../db-support.ts";
import { execSync } from "node:child_process";
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { inTransaction, openDatabase } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { createToken } from "../../src/domain/tokens/tokens.ts";
import { createUser } from "../../src/domain/users/create-user.ts";
import { killHard, postClaim, readBack, startServerProcess, type WriteResult } from "./support.ts";

function canMount(): boolean {
  const probe = mkdtempSync(join(tmpdir(), "cc-mount-"));
  try {
    execSync(`mount -t tmpfs -o size=1m tmpfs ${probe}`, { stdio: "ignore" });
    execSync(`umount ${probe}`, { stdio: "ignore" });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

// SQLite file drills (the embedded store); on PostgreSQL durability is the server's (WAL, fsync, its own backups).
describe.skipIf(onPostgres)("disk full (T8)", () => {
  it.skipIf(!canMount())(
    "when the disk fills during writes, then 201 or 503 only, and writing resumes within 5 s of freeing space, without a restart",
    async () => {
      const dir = mkdtempSync(join(tmpdir(), "cc-full-"));
      execSync(`mount -t tmpfs -o size=8m tmpfs ${dir}`);
      let server: Awaited<ReturnType<typeof startServerProcess>> | null = null;
      try {
        const url = `file:${dir}/db.sqlite`;
        const db = await openDatabase(url);
        await inTransaction(db, (tx) => createUser(tx, systemActor("test"), { username: "writer", role: "analyst", password: "x".repeat(12) }, "not-a-hash"));
        const { token } = await inTransaction(db, (tx) => createToken(tx, systemActor("test"), "writer", "t"));
        await db.$disconnect();
        server = await startServerProcess(url);
        expect((await postClaim(server.base, token, "warm-up")).status).toBe(201);
        const free = () => {
          const f = statfsSync(dir);
          return f.bavail * f.bsize;
        };
        writeFileSync(join(dir, "filler"), Buffer.alloc(Math.max(0, free() - 300_000)));

        const full: WriteResult[] = [];
        for (let i = 0; i < 6; i++) full.push(await postClaim(server.base, token, `full-${i} ${"ب".repeat(1900)}`, 5_000));
        console.log(`disk full: answers ${JSON.stringify(full.map((r) => r.status))}; free bytes ${free()}`);

        rmSync(join(dir, "filler"));
        const freedAt = performance.now();
        let recovered: number | null = null;
        const after: Array<number | string> = [];
        while (performance.now() - freedAt < 10_000) {
          const r = await postClaim(server.base, token, `after-${after.length}`, 3_000);
          after.push(r.status);
          if (r.status === 201) {
            recovered = performance.now() - freedAt;
            break;
          }
        }
        const health = await fetch(`${server.base}/health`, { signal: AbortSignal.timeout(3000) }).then(
          (r) => r.status,
          () => "no answer",
        );
        console.log(
          `after freeing space: ${JSON.stringify(after)}; first 201 after ${recovered === null ? "never (10 s)" : `${recovered.toFixed(0)} ms`}; /health ${health}`,
        );

        expect(full.filter((r) => r.status !== 201 && r.status !== 503).map((r) => `${r.status} ${r.error ?? ""}`)).toEqual([]);
        expect(full.some((r) => r.status === 503)).toBe(true);
        expect(recovered).not.toBeNull();
        expect(recovered!).toBeLessThan(5_000);
        expect(server.child.exitCode).toBeNull();

        await killHard(server);
        server = null;
        const rb = await readBack(join(dir, "db.sqlite"), "full-");
        const acked = full.filter((r) => r.status === 201).map((r) => r.text);
        expect(acked.filter((t) => !rb.claims.has(t))).toEqual([]);
        expect(rb.integrity).toBe("ok");
        expect(rb.claimsWithoutEvent).toEqual([]);
        expect(rb.eventsWithoutClaim).toEqual([]);
        expect(rb.chain).toMatchObject({ ok: true });
      } finally {
        if (server) await killHard(server);
        execSync(`umount ${dir}`);
        rmSync(dir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
