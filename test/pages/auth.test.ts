import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, buildUser, csrfFrom, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx.close());

function sid(res: request.Response): string | undefined {
  const cookies = ([] as string[]).concat(res.headers["set-cookie"] ?? []);
  return cookies.find((c) => c.startsWith("crosscheck.sid="))?.split(";")[0];
}

describe("sign-in and sessions", () => {
  it("when a user signs in, then the session id is replaced (no fixation) and login is audited", async () => {
    const user = await buildUser(ctx.db);
    const agent = request.agent(ctx.app);
    const page = await agent.get("/login");
    const before = sid(page);
    expect(before).toBeTruthy();
    const res = await agent
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(page.text), username: user.username, password: PASSWORD });
    expect(res.status).toBe(303);
    expect(sid(res)).toBeTruthy();
    expect(sid(res)).not.toBe(before);
    expect(await ctx.db.auditEvent.count({ where: { action: "user.login", entityId: String(user.id) } })).toBe(1);
    const cookie = ([] as string[]).concat(res.headers["set-cookie"]).join(";");
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
  });

  it("when the username is unknown or the password wrong, then the answer is the same and the failure is audited", async () => {
    const user = await buildUser(ctx.db);
    const a = request.agent(ctx.app);
    const p1 = await a.get("/login");
    const wrong = await a
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(p1.text), username: user.username, password: "not the password" });
    const p2 = await a.get("/login");
    const unknown = await a
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(p2.text), username: "nobody-here", password: "not the password" });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    const strip = (html: string) => html.replace(/value="[^"]*"/g, "");
    expect(strip(wrong.text).replace(user.username, "")).toBe(strip(unknown.text).replace("nobody-here", ""));
    expect(await ctx.db.auditEvent.count({ where: { action: "user.login_failed" } })).toBe(2);
  });

  it("when a password is a 64-character Arabic passphrase, then it is hashed whole (changing the last letter fails)", async () => {
    const pass = "كلمة".repeat(16);
    const user = await buildUser(ctx.db, { password: pass });
    expect(user.passwordHash).toMatch(/^\$argon2id\$/);
    const a = request.agent(ctx.app);
    let page = await a.get("/login");
    const bad = await a
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(page.text), username: user.username, password: `${pass.slice(0, -1)}ه` });
    expect(bad.status).toBe(401);
    page = await a.get("/login");
    const good = await a
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(page.text), username: user.username, password: pass });
    expect(good.status).toBe(303);
  });

  it("when an account fails more than 5 times from one address, then it gets 429", async () => {
    const user = await buildUser(ctx.db);
    const a = request.agent(ctx.app);
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const page = await a.get("/login");
      const res = await a
        .post("/login")
        .type("form")
        .send({ _csrf: csrfFrom(page.text), username: user.username, password: `wrong-${i}` });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses[5]).toBe(429);
  });

  it("when a user signs out, then the old cookie no longer opens pages", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const token = await csrf("/");
    const cookieJar = (await agent.get("/")).request.cookies;
    const out = await agent.post("/logout").type("form").send({ _csrf: token });
    expect(out.status).toBe(303);
    const replay = await request(ctx.app).get("/claims").set("Cookie", cookieJar);
    expect(replay.status).toBe(303);
    expect(replay.headers.location).toMatch(/^\/login/);
  });

  it("when a user is disabled, then their session is refused on the next request", async () => {
    const { agent, user } = await signedInAgent(ctx);
    expect((await agent.get("/claims")).status).toBe(200);
    await ctx.db.user.update({ where: { id: user.id }, data: { disabled: true } });
    expect((await agent.get("/claims")).status).toBe(303);
  });
});

describe("CSRF and headers", () => {
  it("when a state-changing form is posted without a token, with a foreign token, or cross-site, then 403 and nothing is written", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const other = await signedInAgent(ctx);
    const foreign = await other.csrf("/");
    const before = await ctx.db.source.count();
    const routes = [
      "/sources",
      "/claims",
      "/documents",
      "/claims/1/attributions",
      "/claims/1/reviews",
      "/conflicts/1/status",
      "/attributions/1",
      "/attributions/1/delete",
      "/users",
      "/logout",
    ];
    for (const path of routes) {
      expect((await agent.post(path).type("form").send({ name: "x", kind: "outlet" })).status, `${path} no token`).toBe(403);
      expect((await agent.post(path).type("form").send({ _csrf: foreign, name: "x", kind: "outlet" })).status, `${path} foreign token`).toBe(403);
    }
    const token = await csrf("/");
    const cross = await agent.post("/sources").set("Sec-Fetch-Site", "cross-site").type("form").send({ _csrf: token, name: "x", kind: "outlet" });
    expect(cross.status).toBe(403);
    const origin = await agent.post("/sources").set("Origin", "https://evil.example").type("form").send({ _csrf: token, name: "x", kind: "outlet" });
    expect(origin.status).toBe(403);
    expect(await ctx.db.source.count()).toBe(before);
  });

  it("when a browser sends Origin: null, then only a same-origin Fetch-Metadata request is accepted", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const before = await ctx.db.source.count();
    const refused = await agent
      .post("/sources")
      .set("Origin", "null")
      .type("form")
      .send({ _csrf: await csrf("/sources/new"), name: "null-origin", kind: "outlet" });
    expect(refused.status).toBe(403);
    expect(await ctx.db.source.count()).toBe(before);
    const accepted = await agent
      .post("/sources")
      .set("Origin", "null")
      .set("Sec-Fetch-Site", "same-origin")
      .type("form")
      .send({ _csrf: await csrf("/sources/new"), name: "same-origin", kind: "outlet" });
    expect(accepted.status).toBe(303);
  });

  it("when a page is served, then it has a strict CSP, nosniff, no X-Powered-By and no-store", async () => {
    const { agent } = await signedInAgent(ctx);
    const res = await agent.get("/claims");
    const csp = res.headers["content-security-policy"];
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toMatch(/script-src 'self'(;|$)/);
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-powered-by"]).toBeUndefined();
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["strict-transport-security"]).toMatch(/max-age=31536000; includeSubDomains/);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.headers["referrer-policy"]).toBe("same-origin");
  });

  it("when user text holds markup, then it is escaped everywhere it is shown", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const payload = `<script>alert(1)</script><img src=x onerror=alert(2)>"'`;
    const res = await agent
      .post("/claims")
      .type("form")
      .send({ _csrf: await csrf("/claims/new"), text: payload, language: "en", translation: payload });
    expect(res.status).toBe(303);
    for (const path of [res.headers.location, "/claims", "/audit", "/"]) {
      const page = await agent.get(path);
      expect(page.text, path).not.toContain("<script>alert(1)");
      expect(page.text, path).not.toContain("<img src=x");
    }
  });
});

describe("load shedding", () => {
  it("when more requests are in flight than MAX_IN_FLIGHT, then the extra ones get 503 with Retry-After at once and /health still answers", async () => {
    const { shedLoad } = await import("../../src/http/shed.ts");
    const express = (await import("express")).default;
    const { errorHandler } = await import("../../src/http/error-handler.ts");
    const app = express();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    app.get("/health", (_req, res) => res.json({ status: "ok" }));
    app.use(shedLoad(2));
    app.get("/slow", async (_req, res) => {
      await gate;
      res.json({ ok: true });
    });
    app.use(errorHandler);
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    try {
      const slow = [fetch(`${base}/slow`), fetch(`${base}/slow`)];
      await new Promise((r) => setTimeout(r, 100));
      const shed = await fetch(`${base}/slow`, { headers: { accept: "application/json" } });
      expect(shed.status).toBe(503);
      expect(shed.headers.get("retry-after")).toBe("2");
      expect((await fetch(`${base}/health`)).status).toBe(200);
      release();
      expect((await Promise.all(slow)).map((r) => r.status)).toEqual([200, 200]);
      expect((await fetch(`${base}/slow`)).status).toBe(200);
    } finally {
      server.close();
    }
  });

  it("when the server has been busy without a break for longer than MAX_QUEUE_MS, then a request that waited behind the work gets 503 at once; after a break, requests are served again", async () => {
    const net = await import("node:net");
    const { shedLoad } = await import("../../src/http/shed.ts");
    const express = (await import("express")).default;
    const { errorHandler } = await import("../../src/http/error-handler.ts");
    const app = express();
    app.use(shedLoad(100, 200)); // the in-flight cap is far away: only queue time can refuse
    app.get("/block", (_req, res) => {
      const until = performance.now() + 400; // synchronous work, as a better-sqlite3 query is
      while (performance.now() < until);
      res.json({ ok: true });
    });
    app.get("/fast", (_req, res) => res.json({ ok: true }));
    app.use(errorHandler);
    const server = app.listen(0, "127.0.0.1");
    await new Promise((r) => server.once("listening", r));
    const port = (server.address() as { port: number }).port;
    try {
      // two pipelined requests on one connection: /fast is read while /block holds the loop
      const answers = await new Promise<string>((resolve, reject) => {
        const sock = net.connect(port, "127.0.0.1", () => {
          sock.write(
            "GET /block HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\n\r\nGET /fast HTTP/1.1\r\nHost: x\r\nAccept: application/json\r\nConnection: close\r\n\r\n",
          );
        });
        let buf = "";
        sock.on("data", (d) => (buf += d.toString()));
        sock.on("close", () => resolve(buf));
        sock.on("error", reject);
      });
      const statuses = [...answers.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => Number(m[1]));
      expect(statuses).toEqual([200, 503]);
      expect(answers).toMatch(/Retry-After: 2/i);
      await new Promise((r) => setTimeout(r, 50)); // the loop comes round
      expect((await fetch(`http://127.0.0.1:${port}/fast`)).status).toBe(200);
    } finally {
      server.close();
    }
  });
});
