/**
 * Configuration is parsed in one place (src/config.ts): the server, the CLI and the modules that
 * read a variable before the app's config exists refuse a bad value with the same message.
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { configValue, loadConfig, logLevel } from "../../src/config.ts";
import { startServer } from "../../src/server.ts";
import { buildClaim, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const BAD_ENCODER = "Invalid configuration:\n  SENTENCE_ENCODER:";

describe("an invalid SENTENCE_ENCODER", () => {
  it("when the server starts with it, then it stops with a message naming the variable", async () => {
    await expect(startServer({ SENTENCE_ENCODER: "maybe", PORT: "0" })).rejects.toThrow(BAD_ENCODER);
  });

  it("when a CLI command runs with it, then the CLI refuses it with the server's message (not taken as on)", async () => {
    const serverMessage = await startServer({ SENTENCE_ENCODER: "maybe", PORT: "0" }).then(
      () => "started",
      (e: unknown) => (e as Error).message,
    );
    const cli = spawnSync(process.execPath, ["--import", "tsx", "src/cli/index.ts", "vectors:build"], {
      cwd: ROOT,
      env: { ...process.env, SENTENCE_ENCODER: "maybe", DATABASE_URL: "file:./.tmp/never-opened.db" },
      encoding: "utf8",
      timeout: 60_000,
    });
    expect(cli.status).toBe(2);
    expect(cli.stderr.trim()).toBe(serverMessage);
    expect(serverMessage).toContain(BAD_ENCODER);
  });

  it("when eval, bench or a script reads it alone, then it is refused by the same rule", () => {
    expect(() => configValue("SENTENCE_ENCODER", { SENTENCE_ENCODER: "maybe" })).toThrow(BAD_ENCODER);
    expect(configValue("SENTENCE_ENCODER", {})).toBe("on");
    expect(configValue("SENTENCE_ENCODER", { SENTENCE_ENCODER: "off" })).toBe("off");
  });
});

describe("LOG_LEVEL and PUBLIC_URL", () => {
  it("when LOG_LEVEL is unset, then the logger logs info, and nothing under NODE_ENV=test", () => {
    expect(logLevel({})).toBe("info");
    expect(logLevel({ NODE_ENV: "test" })).toBe("silent");
    expect(logLevel({ NODE_ENV: "test", LOG_LEVEL: "warn" })).toBe("warn");
    expect(loadConfig({ NODE_ENV: "test" }).LOG_LEVEL).toBe("silent");
  });

  it("when LOG_LEVEL or PUBLIC_URL is not valid, then it is refused, not ignored", () => {
    expect(() => logLevel({ LOG_LEVEL: "loud" })).toThrow("Invalid configuration:\n  LOG_LEVEL:");
    expect(() => loadConfig({ PUBLIC_URL: "crosscheck.example.org" })).toThrow("PUBLIC_URL must be an http(s) URL");
  });

  describe("when PUBLIC_URL is set", () => {
    let ctx: TestContext;
    afterAll(async () => ctx?.close());

    it("then exported links use it instead of the request's host", async () => {
      ctx = await setupTestApp({ PUBLIC_URL: "https://crosscheck.example.org" });
      const { agent } = await signedInAgent(ctx);
      const claim = await buildClaim(ctx.db);
      const stix = await agent.get(`/reports/claims/${claim.id}?format=stix`);
      expect(stix.status).toBe(200);
      expect(stix.text).toMatch(/"url": ?"https:\/\/crosscheck\.example\.org/);
      expect(stix.text).not.toContain("127.0.0.1");
      // without it, the request's own host (supertest's 127.0.0.1)
      const other = await setupTestApp();
      try {
        const { agent: otherAgent } = await signedInAgent(other);
        const otherClaim = await buildClaim(other.db);
        expect((await otherAgent.get(`/reports/claims/${otherClaim.id}?format=stix`)).text).toMatch(/"url": ?"http:\/\/127\.0\.0\.1:\d+/);
      } finally {
        await other.close();
      }
    });
  });
});
