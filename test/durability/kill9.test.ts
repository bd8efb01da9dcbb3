/**
 * T1 — kill -9 during concurrent claim writes. The real server runs as a child process; ~300
 * concurrent JSON API creations (client-unique texts, bearer token) are cut by SIGKILL at a
 * seeded random moment; after a restart every acknowledged (201) write is there exactly once,
 * the file passes integrity_check and foreign_key_check, every claim has its claim.create
 * event (and every event its claim), and the audit hash chain verifies.
 * 3 iterations here; `npm run bench -- durability` runs 30.
 */
import { onPostgres } from "../db-support.ts";
import { describe, expect, it } from "vitest";
import { killIteration } from "./support.ts";

const SEEDS = [101, 202, 303];

// SQLite file drills (the embedded store); on PostgreSQL durability is the server's (WAL, fsync, its own backups).
describe.skipIf(onPostgres)("kill -9 during concurrent writes (T1)", () => {
  for (const seed of SEEDS) {
    it(`when the server is killed mid-burst (seed ${seed}), then 0 acknowledged writes are lost, 0 duplicates, and the file and audit chain check`, async () => {
      const r = await killIteration(seed);
      console.log(
        `kill9 seed ${seed}: killed at ${r.killAtMs.toFixed(0)} ms, ${r.acknowledged}/${r.sent} acknowledged, ${r.inFlightAtKill} in flight, ${r.unacknowledgedPresent} unacknowledged present, restart ${r.restartMs.toFixed(0)} ms, ${r.readBack.chain.count} events`,
      );
      expect(r.lost).toEqual([]);
      expect(r.duplicates).toEqual([]);
      expect(r.unacknowledgedPresent).toBeLessThanOrEqual(Math.max(r.inFlightAtKill, 0));
      expect(r.readBack.integrity).toBe("ok");
      expect(r.readBack.foreignKeyErrors).toBe(0);
      expect(r.readBack.claimsWithoutEvent).toEqual([]);
      expect(r.readBack.eventsWithoutClaim).toEqual([]);
      expect(r.readBack.chain).toMatchObject({ ok: true });
      expect(r.restartMs).toBeLessThan(15_000);
    }, 90_000);
  }
});
