/** The command names printed in the README and on the claim page are the ones the CLI runs. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commandNames, resolveCommand } from "../../src/cli/registry.ts";

const ROOT = join(import.meta.dirname, "../..");

function cli(...args: string[]) {
  return spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/index.ts"), ...args], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: 60_000,
    env: { ...process.env, NODE_ENV: "test" },
  });
}

describe("command names", () => {
  it("when a user types audit:verify-proof (as the README and the claim page say) or audit:verify:proof, then both run the proof verifier", () => {
    const missing = join(mkdtempSync(join(tmpdir(), "cc-cli-")), "none.json");
    for (const name of ["audit:verify-proof", "audit:verify:proof"]) {
      const r = cli(name, missing);
      expect(r.stderr, name).not.toMatch(/unknown command/);
      expect(`${r.stdout}${r.stderr}`, name).toMatch(/cannot read proof/);
    }
  });

  it("when help lists the commands, then it uses the hyphenated spelling the documents use", () => {
    expect(commandNames()).toContain("audit:verify-proof");
    expect(commandNames()).toContain("token:create");
    expect(resolveCommand("audit-verify-proof")).toBe(resolveCommand("audit:verify-proof"));
    expect(resolveCommand("audit:nothing")).toBeNull();
  });

  it("when the README names a command, then the CLI knows it", () => {
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const named = new Set([...readme.matchAll(/`(?:npm run cli -- )?((?:audit|user|token|vectors):[a-z:-]+)/g)].map((m) => m[1]));
    expect(named.size).toBeGreaterThan(3);
    for (const n of named) expect(resolveCommand(n), n).not.toBeNull();
  });
});
