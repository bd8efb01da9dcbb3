import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashToken } from "../../src/domain/tokens/tokens.ts";
import { verifyPassword } from "../../src/domain/users/passwords.ts";
import * as exportCmd from "../../src/cli/commands/export.ts";
import * as importCmd from "../../src/cli/commands/import.ts";
import * as tokenCreate from "../../src/cli/commands/token-create.ts";
import * as userAdd from "../../src/cli/commands/user-add.ts";
import { ROOT, SEED_BUNDLE, rowCounts, smallBundle, tempDb, type TempDb } from "../bundle/support.ts";
import { runCli } from "./support.ts";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
  process.env.DATABASE_URL = t.url;
});
afterAll(async () => {
  delete process.env.DATABASE_URL;
  await t.close();
});

const stdin = (text: string) => Readable.from([text]) as Readable & { isTTY?: boolean };

describe("user:add", () => {
  it("when the password comes on standard input, then the user is created with an argon2 hash and an audited system actor", async () => {
    const r = await runCli(userAdd, ["--username", "amira", "--role", "reviewer", "--display-name", "أميرة"], {
      stdin: stdin("a long Arabic passphrase كلمة سر\nignored second line\n"),
    });
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Created reviewer "amira"/);
    const user = await t.db.user.findUniqueOrThrow({ where: { username: "amira" } });
    expect(user.displayName).toBe("أميرة");
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(user.passwordHash, "a long Arabic passphrase كلمة سر")).toBe(true);
    const ev = await t.db.auditEvent.findFirstOrThrow({ where: { action: "user.create", entityId: String(user.id) } });
    expect(ev.actorName).toMatch(/^cli:/);
    expect(ev.after).not.toMatch(/argon2|passphrase/);
  });

  it("when the password is shorter than 12 characters, then nothing is created and it exits 1", async () => {
    const r = await runCli(userAdd, ["--username", "shorty", "--role", "analyst"], { stdin: stdin("too short\r\n") });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/password: Password must be at least 12 characters/);
    expect(await t.db.user.count({ where: { username: "shorty" } })).toBe(0);
  });

  it("when the role is not one of analyst, reviewer, admin, then it exits 1 naming the field", async () => {
    const r = await runCli(userAdd, ["--username", "bob", "--role", "root"], { stdin: stdin("long enough password\n") });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/^role: /m);
  });

  it("when the username is taken, then it exits 1 with the reason", async () => {
    const r = await runCli(userAdd, ["--username", "amira", "--role", "analyst"], { stdin: stdin("another long password\n") });
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/taken/);
  });

  it("when an option is unknown or missing, then it exits 2 with the usage", async () => {
    expect((await runCli(userAdd, ["--username", "x", "--role", "analyst", "--password", "p"], { stdin: stdin("") })).code).toBe(2);
    const missing = await runCli(userAdd, ["--role", "analyst"], { stdin: stdin("long enough password\n") });
    expect(missing.code).toBe(2);
    expect(missing.err).toMatch(/--username is required\nusage: /);
  });
});

describe("token:create", () => {
  it("when a token is created, then it is printed once and only its hash is stored", async () => {
    const r = await runCli(tokenCreate, ["--username", "amira", "--name", "laptop"]);
    expect(r.code).toBe(0);
    const token = r.out.trim();
    expect(token).toMatch(/^cc_[A-Za-z0-9_-]{43}$/);
    const row = await t.db.apiToken.findUniqueOrThrow({ where: { tokenHash: hashToken(token) } });
    expect(row.name).toBe("laptop");
    expect(r.err).toMatch(/cannot be shown again/);
  });

  it("when the user does not exist, then it exits 1", async () => {
    const r = await runCli(tokenCreate, ["--username", "ghost"]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/ghost/);
  });
});

describe("import and export", () => {
  it("when a bad bundle file is imported, then each problem is printed with its path, nothing is written, and it exits 1", async () => {
    const b = smallBundle();
    b.claims[0].attributions![1].source = "iraqi-army";
    const file = join(t.dir, "bad.json");
    writeFileSync(file, JSON.stringify(b));
    const before = await rowCounts(t.db);
    const r = await runCli(importCmd, [file]);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(/claims\[0\]\.attributions\[1\]\.source: unknown source key "iraqi-army"/);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("when the file is not JSON, then it exits 1; when it does not exist, 2", async () => {
    const file = join(t.dir, "broken.json");
    writeFileSync(file, "{ nope");
    expect((await runCli(importCmd, [file])).code).toBe(1);
    expect((await runCli(importCmd, [join(t.dir, "missing.json")])).code).toBe(2);
  });

  it("when --dry-run is given, then the counts are reported and nothing is written", async () => {
    const before = await rowCounts(t.db);
    const r = await runCli(importCmd, [SEED_BUNDLE, "--dry-run"]);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^Dry run \(nothing written\): would import/);
    expect(r.out).toMatch(/claims {8}created 12/);
    expect(await rowCounts(t.db)).toEqual(before);
  });

  it("when the seed bundle is imported --as a user twice and exported twice, then the second import changes nothing and the exports are identical", async () => {
    const first = await runCli(importCmd, [SEED_BUNDLE, "--as", "amira"]);
    expect(first.code).toBe(0);
    expect(first.out).toMatch(/as amira/);
    expect(first.out).toMatch(/claims {8}created 12/);
    expect(first.out).toMatch(/conflicts opened: [1-9]/);
    const ev = await t.db.auditEvent.findFirstOrThrow({ where: { action: "import.bundle" } });
    expect(ev.actorName).toBe("amira");
    const before = await rowCounts(t.db);
    const second = await runCli(importCmd, [SEED_BUNDLE]);
    expect(second.code).toBe(0);
    expect(second.out).toMatch(/nothing changed; no audit event written/);
    expect(await rowCounts(t.db)).toEqual(before);

    const a = join(t.dir, "a.json");
    const b = join(t.dir, "b.json");
    expect((await runCli(exportCmd, [a])).code).toBe(0);
    expect((await runCli(exportCmd, [b])).code).toBe(0);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);
  });

  it("when --as names no user, then it exits 2", async () => {
    expect((await runCli(importCmd, [SEED_BUNDLE, "--as", "nobody"])).code).toBe(2);
  });
});

describe("end to end through the dispatcher", () => {
  const cli = (args: string[], input?: string) =>
    spawnSync(process.execPath, ["--import", "tsx", join(ROOT, "src/cli/index.ts"), ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: t.url, NODE_ENV: "test" },
      input,
      encoding: "utf8",
      timeout: 60_000,
    });

  it("when audit:export and audit:verify run as processes, then verify prints OK and exits 0", () => {
    const out = join(t.dir, "e2e.csv");
    const exp = cli(["audit:export", "--format", "csv", "--out", out]);
    expect(exp.status, exp.stderr).toBe(0);
    const ver = cli(["audit:verify", out]);
    expect(ver.status, ver.stderr).toBe(0);
    expect(ver.stdout).toMatch(/^OK: \d+ events, last seq \d+, last hash [0-9a-f]{64}\n/);
  });

  it("when user:add reads the password from a pipe, then the user can be found and an unknown command exits 2", () => {
    const add = cli(["user:add", "--username", "piped", "--role", "analyst"], "piped password 123\n");
    expect(add.status, add.stderr).toBe(0);
    expect(cli(["no:such-command"]).status).toBe(2);
  });
});
