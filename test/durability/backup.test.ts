/**
 * T7 — online backup under light write load and a restore drill: `npm run cli -- backup FILE`
 * runs while the real server keeps taking writes (all 201: the backup blocks no writer); the
 * copy passes integrity_check and foreign_key_check, is an exact prefix of the live database
 * (same rows up to its last audit event, same hash there), its audit chain verifies, and the
 * app boots on it.
 */
import { onPostgres } from "../db-support.ts";
import { existsSync } from "node:fs";
import { join } from "node:path";
import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/client.ts";
import { killHard, postClaim, readBack, runCli, startServerProcess, tempDatabase, type WriteResult } from "./support.ts";

// SQLite file drills (the embedded store); on PostgreSQL durability is the server's (WAL, fsync, its own backups).
describe.skipIf(onPostgres)("online backup and restore drill (T7)", () => {
  it("when a backup is taken during writes, then writes keep succeeding and the copy is a consistent, verifiable snapshot the app boots on", async () => {
    const tmp = await tempDatabase();
    const server = await startServerProcess(tmp.url);
    const copy = join(tmp.dir, "backup.sqlite");
    try {
      const results: WriteResult[] = [];
      let stop = false;
      let n = 0;
      const writers = Array.from({ length: 4 }, async () => {
        while (!stop) results.push(await postClaim(server.base, tmp.token, `backup-${n++}`));
      });
      await new Promise((r) => setTimeout(r, 1500));
      const during = results.length;
      const cli = await runCli(["backup", copy], { DATABASE_URL: tmp.url });
      const whileCli = results.length - during;
      stop = true;
      await Promise.all(writers);
      console.log(`backup: ${cli.stdout.trim()} (CLI run ${cli.ms.toFixed(0)} ms; ${whileCli} writes acknowledged while it ran)`);
      expect(whileCli).toBeGreaterThan(0);
      expect(cli.status, cli.stderr).toBe(0);
      expect(cli.stdout).toMatch(/^OK: backed up .* MB \(\d+ pages\) in [\d.]+ s; integrity_check ok, foreign_key_check 0 rows/);
      expect(results.filter((r) => r.status !== 201)).toEqual([]);
      expect(existsSync(`${copy}.partial`)).toBe(false);

      // The CLI refuses to overwrite a file unless told to.
      expect((await runCli(["backup", copy], { DATABASE_URL: tmp.url })).status).toBe(2);

      // Restore drill: the copy on its own.
      const rb = await readBack(copy, "backup-");
      expect(rb.integrity).toBe("ok");
      expect(rb.foreignKeyErrors).toBe(0);
      expect(rb.claimsWithoutEvent).toEqual([]);
      expect(rb.eventsWithoutClaim).toEqual([]);
      expect(rb.chain).toMatchObject({ ok: true });

      // An exact prefix of the live database: same counts up to the copy's last event, same hash there.
      await killHard(server);
      const live = new Database(tmp.file, { readonly: true });
      const back = new Database(copy, { readonly: true });
      try {
        const last = back.prepare("SELECT seq, hash FROM AuditEvent ORDER BY seq DESC LIMIT 1").get() as { seq: number; hash: string };
        expect((live.prepare("SELECT hash FROM AuditEvent WHERE seq = ?").get(last.seq) as { hash: string }).hash).toBe(last.hash);
        const maxClaim = (back.prepare("SELECT max(id) AS m FROM Claim").get() as { m: number }).m;
        for (const [table, where] of [
          ["Claim", `id <= ${maxClaim}`],
          ["AuditEvent", `seq <= ${last.seq}`],
          ["User", "1"],
          ["ApiToken", "1"],
        ] as const) {
          const a = (live.prepare(`SELECT count(*) AS c FROM "${table}" WHERE ${where}`).get() as { c: number }).c;
          const b = (back.prepare(`SELECT count(*) AS c FROM "${table}"`).get() as { c: number }).c;
          expect(b, table).toBe(a);
        }
        expect(rb.claims.size).toBeGreaterThan(0);
      } finally {
        live.close();
        back.close();
      }

      // The app opens (migrates) and serves the copy.
      const db = await openDatabase(`file:${copy}`);
      expect(await db.claim.count()).toBeGreaterThan(0);
      await db.$disconnect();
      const restored = await startServerProcess(`file:${copy}`);
      console.log(`restore drill: the app answered /health on the copy after ${restored.readyMs.toFixed(0)} ms`);
      expect(restored.readyMs).toBeLessThan(30_000);
      expect((await postClaim(restored.base, tmp.token, "after restore")).status).toBe(201);
      await killHard(restored);
    } finally {
      await killHard(server);
      tmp.remove();
    }
  }, 90_000);
});
