/**
 * T14 session lifecycle, T15 brute force and enumeration, T16 Unicode passwords.
 * Runs with SESSION_IDLE_MINUTES=1 so the idle timeout can be shown by ageing the Session row.
 */
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, buildUser, csrfFrom, setupTestApp, type TestContext } from "../helpers.ts";
import { sessionFor } from "./support.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp({ SESSION_IDLE_MINUTES: "1" });
});
afterAll(() => ctx.close());

const COOKIE = "crosscheck.sid";
function sidOf(res: request.Response): string | undefined {
  const c = ([] as string[]).concat(res.headers["set-cookie"] ?? []).find((x) => x.startsWith(`${COOKIE}=`));
  return c?.split(";")[0].slice(COOKIE.length + 1);
}
/** The store key of a signed cookie value (s:<sid>.<signature>). */
function storeSid(cookie: string): string {
  return decodeURIComponent(cookie)
    .replace(/^s:/, "")
    .replace(/\.[^.]+$/, "");
}

async function login(agent: ReturnType<typeof request.agent>, username: string, password: string, headers: Record<string, string> = {}) {
  const page = await agent.get("/login");
  let t = agent.post("/login").type("form");
  for (const [k, v] of Object.entries(headers)) t = t.set(k, v);
  return t.send({ _csrf: csrfFrom(page.text), username, password });
}

describe("session lifecycle (T14)", () => {
  it("when users sign in 20 times, then the session id changes every time and carries at least 128 bits", async () => {
    const user = await buildUser(ctx.db);
    for (let i = 0; i < 20; i++) {
      const agent = request.agent(ctx.app);
      const page = await agent.get("/login");
      const before = sidOf(page)!;
      const res = await agent
        .post("/login")
        .type("form")
        .send({ _csrf: csrfFrom(page.text), username: user.username, password: PASSWORD });
      expect(res.status).toBe(303);
      const after = sidOf(res)!;
      expect(after).not.toBe(before);
      // uid-safe base64url: 24 bytes = 32 characters = 192 bits.
      expect(storeSid(after).length).toBeGreaterThanOrEqual(22);
      expect(await ctx.db.session.findUnique({ where: { sid: storeSid(before) } })).toBeNull();
    }
  }, 120_000); // 20 argon2 sign-ins: slow on a loaded 2-core machine, not a speed check

  it("when a user signs out, then replaying the old cookie is refused and its Session row is gone", async () => {
    const { agent } = await sessionFor(ctx, "analyst");
    const page = await agent.get("/claims");
    expect(page.status).toBe(200);
    const cookie = page.request.cookies;
    const sid = storeSid(/crosscheck\.sid=([^;]+)/.exec(String(cookie))![1]);
    expect(await ctx.db.session.findUnique({ where: { sid } })).not.toBeNull();
    expect(
      (
        await agent
          .post("/logout")
          .type("form")
          .send({ _csrf: csrfFrom(page.text) })
      ).status,
    ).toBe(303);
    expect(await ctx.db.session.findUnique({ where: { sid } })).toBeNull();
    const replay = await request(ctx.app).get("/claims").set("Cookie", String(cookie));
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toMatch(/^\/login/);
  });

  it("when a session is idle longer than SESSION_IDLE_MINUTES, then the next request is signed out; activity slides the expiry", async () => {
    const { agent, user } = await sessionFor(ctx, "analyst");
    const res = await agent.get("/claims");
    expect(res.status).toBe(200);
    // The cookie lives as long as the idle window (1 minute here).
    expect(([] as string[]).concat(res.headers["set-cookie"] ?? []).join(";")).toMatch(/Max-Age=60\b|Expires=/i);
    const row = await ctx.db.session.findFirstOrThrow({ where: { userId: user.id } });
    const left = row.expiresAt.getTime() - Date.now();
    expect(left).toBeGreaterThan(50_000);
    expect(left).toBeLessThanOrEqual(61_000);
    // 61 s of idleness, simulated by ageing the row.
    await ctx.db.session.update({ where: { sid: row.sid }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const idle = await agent.get("/claims");
    expect(idle.status).toBe(303);
    expect(idle.headers.location).toMatch(/^\/login/);
  });

  it("when a session is older than SESSION_MAX_HOURS, then it ends even if it was active", async () => {
    const { agent, user } = await sessionFor(ctx, "analyst");
    const row = await ctx.db.session.findFirstOrThrow({ where: { userId: user.id } });
    const data = JSON.parse(row.data) as { createdAt: number };
    data.createdAt = Date.now() - 12 * 3600_000 - 1000;
    await ctx.db.session.update({ where: { sid: row.sid }, data: { data: JSON.stringify(data) } });
    const res = await agent.get("/claims");
    expect(res.status).toBe(303);
    expect(await ctx.db.session.findUnique({ where: { sid: row.sid } })).toBeNull();
  });

  it("when an admin disables a user through the Users form, then that user's very next request is refused", async () => {
    const victim = await sessionFor(ctx, "reviewer");
    const admin = await sessionFor(ctx, "admin");
    expect((await victim.agent.get("/claims")).status).toBe(200);
    const page = await admin.agent.get("/users");
    const res = await admin.agent
      .post(`/users/${victim.user.id}`)
      .type("form")
      .send({ _csrf: csrfFrom(page.text), role: "reviewer", disabled: "on" });
    expect(res.status).toBe(303);
    const next = await victim.agent.get("/claims");
    expect(next.status).toBe(303);
    expect(next.headers.location).toMatch(/^\/login/);
    // …and cannot sign in again.
    expect((await login(request.agent(ctx.app), victim.user.username, PASSWORD)).status).toBe(401);
  });

  it("when an admin lowers a user's role, then the next request has the new role", async () => {
    const victim = await sessionFor(ctx, "admin");
    const admin = await sessionFor(ctx, "admin");
    expect((await victim.agent.get("/users")).status).toBe(200);
    const page = await admin.agent.get("/users");
    expect(
      (
        await admin.agent
          .post(`/users/${victim.user.id}`)
          .type("form")
          .send({ _csrf: csrfFrom(page.text), role: "analyst" })
      ).status,
    ).toBe(303);
    // Either the session is ended (role changes end sessions) or it carries the new role: never admin.
    expect([303, 403]).toContain((await victim.agent.get("/users")).status);
  });
});

describe("brute force and enumeration (T15)", () => {
  it("when one account fails more than 5 times from one address, then 429 — and a spoofed X-Forwarded-For does not reset the key", async () => {
    const user = await buildUser(ctx.db);
    const agent = request.agent(ctx.app);
    const statuses: number[] = [];
    for (let i = 0; i < 5; i++) statuses.push((await login(agent, user.username, `wrong-${i}`, { "X-Forwarded-For": `203.0.113.${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    for (let i = 0; i < 5; i++) {
      const res = await login(agent, user.username, `wrong-${i}`, { "X-Forwarded-For": `198.51.100.${i + 10}`, "X-Real-IP": `198.51.100.${i + 10}` });
      expect(res.status).toBe(429);
    }
    // Even the right password is refused while the account is locked from this address.
    expect((await login(agent, user.username, PASSWORD, { "X-Forwarded-For": "192.0.2.1" })).status).toBe(429);
    // Case games do not open a fresh bucket either.
    expect((await login(agent, user.username.toUpperCase(), "wrong")).status).toBe(429);
    // Another account from the same address is not locked (the key is account + address).
    const other = await buildUser(ctx.db);
    expect((await login(agent, other.username, PASSWORD)).status).toBe(303);
  });

  // Timing on a shared 2-core machine is noisy: a failed measurement is taken again (up to twice)
  // before it counts; a real side channel fails every time.
  it(
    "when the username is unknown or the password is wrong, then status and body are identical and the median time differs by < 25 ms (30 samples each)",
    { retry: 2 },
    async () => {
      const t = await setupTestApp({ LOGIN_MAX_ATTEMPTS: "1000" });
      try {
        const user = await buildUser(t.db);
        const agent = request.agent(t.app);
        const page = await agent.get("/login");
        const token = csrfFrom(page.text);
        const time = async (username: string) => {
          const start = process.hrtime.bigint();
          const res = await agent.post("/login").type("form").send({ _csrf: token, username, password: "not the password" });
          return { ms: Number(process.hrtime.bigint() - start) / 1e6, res };
        };
        await time(user.username);
        await time("warm-up-nobody");
        const known: number[] = [];
        const unknown: number[] = [];
        const bodies = new Set<string>();
        for (let i = 0; i < 30; i++) {
          const a = await time(user.username);
          const b = await time(`nobody-${i}`);
          known.push(a.ms);
          unknown.push(b.ms);
          expect(a.res.status).toBe(401);
          expect(b.res.status).toBe(401);
          const strip = (s: string, name: string) => s.replace(/value="[^"]*"/g, "").replaceAll(name, "NAME");
          bodies.add(strip(a.res.text, user.username));
          bodies.add(strip(b.res.text, `nobody-${i}`));
        }
        expect(bodies.size).toBe(1);
        const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[Math.floor(xs.length / 2)];
        const diff = Math.abs(median(known) - median(unknown));
        console.log(
          `login timing: known-user median ${median(known).toFixed(1)} ms, unknown-user median ${median(unknown).toFixed(1)} ms, difference ${diff.toFixed(1)} ms`,
        );
        expect(diff).toBeLessThan(25);
      } finally {
        await t.close();
      }
    },
  );
});

describe("Unicode passwords (T16)", () => {
  it("when an admin creates a user with a 64-character Arabic password through the form, then it is stored as argon2id, signs in, and the last character matters", async () => {
    const admin = await sessionFor(ctx, "admin");
    const pass = "كلمةسرطويلةجدا".repeat(5).slice(0, 64);
    expect([...pass].length).toBe(64);
    expect(Buffer.byteLength(pass)).toBe(128);
    const page = await admin.agent.get("/users");
    const res = await admin.agent
      .post("/users")
      .type("form")
      .send({ _csrf: csrfFrom(page.text), username: "arabicpass", role: "analyst", password: pass });
    expect(res.status).toBe(303);
    const row = await ctx.db.user.findUniqueOrThrow({ where: { username: "arabicpass" } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=\d+,t=\d+,p=1\$/);
    const m = /m=(\d+),t=(\d+)/.exec(row.passwordHash)!;
    // OWASP: m ≥ 47104 KiB, or m ≥ 19456 KiB with t ≥ 2 (the test-only parameters).
    expect(Number(m[1]) >= 47104 || (Number(m[1]) >= 19456 && Number(m[2]) >= 2)).toBe(true);
    expect((await login(request.agent(ctx.app), "arabicpass", pass)).status).toBe(303);
    expect((await login(request.agent(ctx.app), "arabicpass", `${pass.slice(0, -1)}ز`)).status).toBe(401);
    // Truncation at any byte length would make a prefix work: it does not.
    expect((await login(request.agent(ctx.app), "arabicpass", pass.slice(0, 36))).status).toBe(401);
  });

  it("when a 128-character password is used, then it is accepted", async () => {
    const pass = "ع".repeat(100) + "passphrase-tail-28-chars-xyz";
    expect(pass.length).toBe(128);
    const user = await buildUser(ctx.db, { password: pass });
    expect((await login(request.agent(ctx.app), user.username, pass)).status).toBe(303);
  });

  it("when the same password is typed in NFC or NFD form, then both sign in (documented policy: passwords are NFC-normalised)", async () => {
    // Arabic with hamza above (U+0623 vs U+0627 U+0654) and a Latin é: the composed/decomposed pairs.
    const nfc = "أمان-café-كلمة-السر".normalize("NFC");
    const nfd = nfc.normalize("NFD");
    expect(nfd).not.toBe(nfc);
    const user = await buildUser(ctx.db, { password: nfd });
    expect((await login(request.agent(ctx.app), user.username, nfc)).status).toBe(303);
    expect((await login(request.agent(ctx.app), user.username, nfd)).status).toBe(303);
    // The lam-alef presentation ligature is a different character (NFC keeps it): not the same password.
    const lam = "لا-كلمة-سر-طويلة";
    const u2 = await buildUser(ctx.db, { password: lam });
    expect((await login(request.agent(ctx.app), u2.username, lam.replace("لا", "\uFEFB"))).status).toBe(401);
  });
});
