import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { onPostgres } from "./db-support.ts";
import { setupTestApp, signedInAgent, type TestContext } from "./helpers.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx.close());

describe("app boot", () => {
  it.runIf(onPostgres)(
    "when the app starts on PostgreSQL, then /health answers ok, the server is 15 or later and the audit triggers are installed",
    async () => {
      const res = await request(ctx.app).get("/health");
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ status: "ok" });
      const [v] = await ctx.db.$queryRaw<{ v: number }[]>`SELECT current_setting('server_version_num')::int AS v`;
      expect(v.v).toBeGreaterThanOrEqual(150000);
      const triggers = await ctx.db.$queryRaw<
        { tgname: string }[]
      >`SELECT tgname::text AS tgname FROM pg_trigger WHERE tgrelid = '"AuditEvent"'::regclass ORDER BY tgname`;
      expect(triggers.map((t) => t.tgname)).toEqual(["AuditEvent_no_delete", "AuditEvent_no_truncate", "AuditEvent_no_update"]);
    },
  );

  it.skipIf(onPostgres)("when the app starts, then /health answers ok and the database has WAL and synchronous=FULL", async () => {
    const res = await request(ctx.app).get("/health");
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: "ok" });
    const [mode] = await ctx.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode.journal_mode).toBe("wal");
    const [sync] = await ctx.db.$queryRawUnsafe<{ synchronous: bigint | number }[]>("PRAGMA synchronous");
    expect(Number(sync.synchronous)).toBe(2);
    const [fk] = await ctx.db.$queryRawUnsafe<{ foreign_keys: bigint | number }[]>("PRAGMA foreign_keys");
    expect(Number(fk.foreign_keys)).toBe(1);
  });

  it("when anonymous, then pages redirect to /login", async () => {
    const res = await request(ctx.app).get("/claims");
    expect(res.status).toBe(303);
    expect(res.headers.location).toMatch(/^\/login/);
  });

  it("when a user signs in, then the session id changes", async () => {
    const { agent } = await signedInAgent(ctx);
    const res = await agent.get("/nope");
    expect(res.status).toBe(404);
  });
});
