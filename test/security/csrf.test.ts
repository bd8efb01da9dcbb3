/**
 * T13 — CSRF on every state-changing page route, crawled from the route table: a missing
 * token, a token from another session, a token used after logout (in the next session), a
 * cross-site Sec-Fetch-Site and a foreign Origin each get 403 and change 0 rows (checksum of
 * every table). A positive control with the right token proves each body would have written.
 * Crawling every GET route changes 0 rows.
 */
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PASSWORD, csrfFrom, setupTestApp, type TestContext } from "../helpers.ts";
import { loadOrCreateKey } from "../../src/audit/checkpoint.ts";
import { sealAudit } from "../../src/domain/audit/seal-audit.ts";
import { buildWorld, fillPath, listRoutes, sessionFor, tableChecksums, type World, formBodies } from "./support.ts";

let ctx: TestContext;
let world: World;
beforeAll(async () => {
  ctx = await setupTestApp();
  world = await buildWorld(ctx);
  // a signed checkpoint, so the claim audit-proof and public-key downloads answer 200 in the crawl
  await sealAudit(ctx.db, loadOrCreateKey(ctx.config.AUDIT_KEY_FILE));
});
afterAll(() => ctx.close());

/** A route without a known body must still refuse every attempt (the 403 comes first). */
const body = (pattern: string, w: World) => formBodies(w)[pattern] ?? {};

describe("GET is safe (T13)", () => {
  it("when every GET route (pages with query variants, and the API) is crawled as admin, then 0 rows change", async () => {
    const admin = await sessionFor(ctx, "admin");
    const { apiToken } = await import("../helpers.ts");
    const token = await apiToken(ctx.db, admin.user.username);
    const sessions = await ctx.db.session.findMany({ select: { sid: true, userId: true }, orderBy: { sid: "asc" } });
    const before = await tableChecksums(ctx, ["Session"]);
    const extras = [
      `/claims/${world.claimId}?asOf=2020-01-01`,
      `/claims/${world.claimId}?suggestDocumentId=${world.documentId}&suggestSourceId=${world.sourceId}`,
      ...["csv", "json", "claimreview", "stix"].map((f) => `/reports/claims/${world.claimId}?format=${f}`),
      `/reports/conflicts/${world.conflictId}?format=csv`,
      `/reports/topics/${world.tag}?format=json`,
      "/claims?q=%D9%85%D8%B1%D9%83%D8%B2&status=unreviewed&tag=border",
      "/audit?action=claim.create",
      "/api/v1/audit/export?format=csv",
      "/api/v1/audit/export?format=ndjson",
    ];
    let n = 0;
    for (const r of listRoutes(ctx.app).filter((x) => x.method === "GET")) {
      const path = fillPath(r.path, world);
      const res = path.startsWith("/api/") ? await request(ctx.app).get(path).set("Authorization", `Bearer ${token}`) : await admin.agent.get(path);
      expect(res.status, path).toBeLessThan(400);
      n += 1;
    }
    for (const path of extras) {
      const res = path.startsWith("/api/") ? await request(ctx.app).get(path).set("Authorization", `Bearer ${token}`) : await admin.agent.get(path);
      expect(res.status, path).toBeLessThan(400);
      n += 1;
    }
    expect(n).toBeGreaterThan(40);
    expect(await tableChecksums(ctx, ["Session"])).toEqual(before);
    // Sessions only slide their expiry on a GET: none is created, removed or re-owned.
    expect(await ctx.db.session.findMany({ select: { sid: true, userId: true }, orderBy: { sid: "asc" } })).toEqual(sessions);
  });
});

describe("CSRF on every state-changing page route (T13)", () => {
  it("when a form is posted without a token, with another session's token, with a token from before logout, or cross-site, then 403 and 0 rows change", async () => {
    const victim = await sessionFor(ctx, "admin");
    const other = await sessionFor(ctx, "admin");
    const foreign = csrfFrom((await other.agent.get("/claims/new")).text);
    // A token from a session that has since ended: sign out, sign in again, replay the old token.
    const stale = csrfFrom((await victim.agent.get("/claims/new")).text);
    expect((await victim.agent.post("/logout").type("form").send({ _csrf: stale })).status).toBe(303);
    const login = await victim.agent.get("/login");
    expect(
      (
        await victim.agent
          .post("/login")
          .type("form")
          .send({ _csrf: csrfFrom(login.text), username: victim.user.username, password: PASSWORD })
      ).status,
    ).toBe(303);
    const valid = csrfFrom((await victim.agent.get("/claims/new")).text);
    expect(valid).not.toBe(stale);

    const posts = listRoutes(ctx.app).filter((r) => r.method !== "GET" && !r.path.startsWith("/api/"));
    expect(posts.length).toBeGreaterThanOrEqual(20);
    const before = await tableChecksums(ctx, ["Session"]);
    const bad: string[] = [];
    for (const r of posts) {
      const path = fillPath(r.path, world);
      const data = body(r.path, world);
      const attempts: Array<[string, () => request.Test]> = [
        ["no token", () => victim.agent.post(path).type("form").send(data)],
        [
          "another session's token",
          () =>
            victim.agent
              .post(path)
              .type("form")
              .send({ ...data, _csrf: foreign }),
        ],
        [
          "a token from before logout",
          () =>
            victim.agent
              .post(path)
              .type("form")
              .send({ ...data, _csrf: stale }),
        ],
        [
          "Sec-Fetch-Site: cross-site",
          () =>
            victim.agent
              .post(path)
              .set("Sec-Fetch-Site", "cross-site")
              .type("form")
              .send({ ...data, _csrf: valid }),
        ],
        [
          "a foreign Origin",
          () =>
            victim.agent
              .post(path)
              .set("Origin", "https://evil.example")
              .type("form")
              .send({ ...data, _csrf: valid }),
        ],
        [
          "Origin: null",
          () =>
            victim.agent
              .post(path)
              .set("Origin", "null")
              .type("form")
              .send({ ...data, _csrf: valid }),
        ],
      ];
      for (const [name, attempt] of attempts) {
        const res = await attempt();
        if (res.status !== 403) bad.push(`POST ${r.path} with ${name}: ${res.status}`);
      }
    }
    expect(bad).toEqual([]);
    expect(await tableChecksums(ctx, ["Session"])).toEqual(before);
    // The victim is still signed in (a refused post does not end the session).
    expect((await victim.agent.get("/claims")).status).toBe(200);
  });

  it("when the same bodies are posted with the session's own token, then they are accepted (the refusals above were CSRF, not validation)", async () => {
    const admin = await sessionFor(ctx, "admin");
    const token = csrfFrom((await admin.agent.get("/claims/new")).text);
    const known = new Set(Object.keys(formBodies(world)));
    const posts = listRoutes(ctx.app).filter(
      (r) => r.method !== "GET" && !r.path.startsWith("/api/") && r.path !== "/login" && r.path !== "/logout" && known.has(r.path),
    );
    const bad: string[] = [];
    // Destructive routes last, so earlier ones still find their records.
    const order = (p: string) => (p.includes("merge") ? 2 : p.includes("delete") ? 1 : 0);
    for (const r of posts.sort((a, b) => order(a.path) - order(b.path))) {
      const res = await admin.agent
        .post(fillPath(r.path, world))
        .type("form")
        .send({ ...body(r.path, world), _csrf: token });
      // 409: the merge is refused by the domain (the two claims are not confirmed duplicates) — past the CSRF check.
      if (res.status !== 303 && res.status !== 409) bad.push(`POST ${r.path}: ${res.status}`);
    }
    expect(bad).toEqual([]);
  });
});
