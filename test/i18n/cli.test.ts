/**
 * The command line speaks the language of CROSSCHECK_LANG, else of the locale (LC_ALL,
 * LC_MESSAGES, LANG such as ar_SY.UTF-8), else English.
 */
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestApp, type TestContext } from "../helpers.ts";

const ROOT = join(import.meta.dirname, "../..");
let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx.close());

function cli(args: string[], env: Record<string, string | undefined>, input?: string) {
  const base: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: ctx.url, NODE_ENV: "test" };
  delete base.CROSSCHECK_LANG;
  delete base.LC_ALL;
  delete base.LC_MESSAGES;
  delete base.LANG;
  return spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/index.ts"), ...args], {
    cwd: ROOT,
    env: { ...base, ...env },
    input,
    encoding: "utf8",
    timeout: 60_000,
  });
}

describe("the CLI's language", () => {
  it("when CROSSCHECK_LANG=ar, then help, command summaries and errors are Arabic; unset, English", () => {
    const ar = cli(["help"], { CROSSCHECK_LANG: "ar" });
    expect(ar.stdout).toContain("الأوامر:");
    expect(ar.stdout).toContain("إنشاء مستخدم؛ تُقرأ كلمة المرور من الدخل القياسي");
    const unknown = cli(["no:such"], { CROSSCHECK_LANG: "ar" });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("أمر غير معروف «no:such»");
    const en = cli(["help"], {});
    expect(en.stdout).toContain("commands:");
    expect(en.stdout).toContain("create a user; the password is read from standard input");
  }, 60_000);

  it("when only LANG=ar_SY.UTF-8 is set, then Arabic; CROSSCHECK_LANG=en wins over it", () => {
    expect(cli(["no:such"], { LANG: "ar_SY.UTF-8" }).stderr).toContain("أمر غير معروف");
    expect(cli(["no:such"], { LANG: "ar_SY.UTF-8", CROSSCHECK_LANG: "en" }).stderr).toContain('unknown command "no:such"');
  }, 60_000);

  it("when user:add runs in Arabic, then its validation and its result are Arabic", () => {
    const bad = cli(["user:add", "--username", "", "--role", "analyst"], { CROSSCHECK_LANG: "ar" }, "long enough password\n");
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toMatch(/مطلوب|الخيار --username مطلوب/);
    const ok = cli(["user:add", "--username", "arabic-cli", "--role", "reviewer"], { CROSSCHECK_LANG: "ar" }, "long enough password\n");
    expect(ok.status, ok.stderr).toBe(0);
    expect(ok.stdout).toContain("أُنشئ المستخدم «arabic-cli» بدور مراجِع");
  }, 60_000);
});
