import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { csrfFrom } from "../helpers.ts";
import { ROOT } from "../bundle/support.ts";

const dir = mkdtempSync(join(tmpdir(), "crosscheck-demo-"));
let child: ChildProcess | null = null;
afterAll(() => {
  if (child?.pid && child.exitCode === null) child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
});

/** Start `npm run demo`'s script on a free port; resolves with its output once it says where it runs. */
function startDemo(): Promise<{ url: string; output: string }> {
  return new Promise((resolve, reject) => {
    child = spawn(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/demo.ts")], {
      cwd: ROOT,
      env: {
        ...process.env,
        NODE_ENV: "test",
        LOG_LEVEL: "silent",
        PORT: "0",
        HOST: "127.0.0.1",
        DEMO_DATABASE_URL: `file:${join(dir, "demo.db")}`,
        DEMO_PASSWORD: "demo password 2024",
        DATABASE_URL: "",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    const timer = setTimeout(() => reject(new Error(`demo did not start:\n${output}`)), 60_000);
    const onData = (d: Buffer) => {
      output += d.toString();
      const m = /running at (http:\/\/[^\s/]+)\//.exec(output);
      if (m && /with the password: +demo password 2024/.test(output)) {
        clearTimeout(timer);
        resolve({ url: m[1], output });
      }
    };
    child.stdout!.on("data", onData);
    child.stderr!.on("data", onData);
    child.once("exit", (code) => reject(new Error(`demo exited ${code}:\n${output}`)));
  });
}

describe("npm run demo", () => {
  it("when the demo starts, then it imports the seed reports, prints how to sign in, and the analyst can sign in", async () => {
    const { url, output } = await startDemo();
    expect(output).toMatch(/12 claims, 13 attributions, [1-9]\d* conflict\(s\) found/);
    for (const u of ["admin", "analyst", "reviewer"]) expect(output).toMatch(new RegExp(`^  ${u} +\\(${u}\\)$`, "m"));
    const login = await fetch(`${url}/login`);
    expect(login.status).toBe(200);
    const cookie = login.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    const res = await fetch(`${url}/login`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie },
      body: new URLSearchParams({ _csrf: csrfFrom(await login.text()), username: "analyst", password: "demo password 2024" }),
    });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).not.toMatch(/login/);
  }, 90_000);
});
