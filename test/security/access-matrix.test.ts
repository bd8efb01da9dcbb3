/**
 * T12 — the access-control matrix, crawled from the app's own route table: every route ×
 * {anonymous, analyst, reviewer, admin (signed in), API token of each role}. A route added
 * without an entry in MATRIX fails the first test. Also: unknown ids answer a uniform 404,
 * and mass-assigned fields (role, createdById, status, reviewerId) are refused on every write.
 */
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAttribution, csrfFrom, setupTestApp, type TestContext } from "../helpers.ts";
import { MATRIX, UPCOMING, type Rule } from "./matrix.ts";
import { buildWorld, fillPath, identities, listRoutes, tableChecksums, type Identity, type World, formBodies } from "./support.ts";

type Outcome = "allowed" | "login" | "401" | "403";
const RANK = { analyst: 1, reviewer: 2, admin: 3 } as const;

function expected(rule: Rule, who: Identity): Outcome {
  if (rule === "public") return "allowed";
  if (rule.startsWith("api")) {
    if (who.kind !== "token") return "401";
    const need = rule === "api:reviewer" ? 2 : 1;
    return RANK[who.role] >= need ? "allowed" : "403";
  }
  // Pages need a signed-in session (a bearer token is for the API only: see the test below).
  if (who.kind !== "session") return "login";
  const need = rule === "page:admin" ? 3 : rule === "page:reviewer" ? 2 : 1;
  return RANK[who.role] >= need ? "allowed" : "403";
}

function outcome(res: request.Response): Outcome | `other ${number}` {
  if (res.status === 401) return "401";
  if (res.status === 403) return "403";
  if (res.status === 303 && /^\/login/.test(String(res.headers.location))) return "login";
  if (res.status >= 500) return `other ${res.status}`;
  return "allowed";
}

let ctx: TestContext;
let world: World;
let who: Identity[];
const csrf = new Map<string, string>();
beforeAll(async () => {
  ctx = await setupTestApp();
  world = await buildWorld(ctx);
  who = await identities(ctx);
  for (const w of who) {
    // Anonymous visitors get a session (and a form token) from the sign-in page, so the
    // matrix tests the sign-in check, not the CSRF check.
    if (w.kind !== "token") csrf.set(w.name, csrfFrom((await w.agent.get(w.kind === "anonymous" ? "/login" : "/claims/new")).text));
  }
});
afterAll(() => ctx.close());

/** A fresh attribution for routes that delete one (so every identity has something to delete). */
async function pathFor(method: string, pattern: string): Promise<string> {
  if (pattern.endsWith("/attributions/:id/delete") || (method === "DELETE" && pattern.endsWith("/attributions/:id"))) {
    const a = await buildAttribution(ctx.db, { claimId: world.otherClaimId, sourceId: world.sourceId, stance: "unverified", quote: "" });
    return pattern.replace(":id", String(a.id));
  }
  return fillPath(pattern, world);
}

function send(w: Identity, method: string, path: string, body?: Record<string, unknown>): request.Test {
  const m = method.toLowerCase() as "get" | "post" | "patch" | "delete";
  if (w.kind === "token") {
    const t = request(ctx.app)[m](path).set("Authorization", `Bearer ${w.token}`);
    return method === "GET" || method === "DELETE" ? t : t.send(body ?? {});
  }
  const t = w.agent[m](path);
  if (method === "GET") return t;
  if (path.startsWith("/api/")) return t.send(body ?? {});
  return t.type("form").send({ _csrf: csrf.get(w.name), ...(body ?? {}) });
}

describe("access-control matrix (T12)", () => {
  it("when the route table is crawled, then every route has a documented matrix entry (and every entry a route)", () => {
    const routes = listRoutes(ctx.app).map((r) => `${r.method} ${r.path}`);
    expect(
      routes.filter((r) => !(r in MATRIX)),
      "routes without a matrix entry",
    ).toEqual([]);
    expect(
      Object.keys(MATRIX).filter((k) => !routes.includes(k) && !UPCOMING.has(k)),
      "matrix entries without a route",
    ).toEqual([]);
  });

  it("when every route is called by every identity, then the outcome is the documented one (0 deviations) and no denial leaks data", async () => {
    const deviations: string[] = [];
    let checked = 0;
    for (const route of listRoutes(ctx.app)) {
      const rule = MATRIX[`${route.method} ${route.path}`];
      if (!rule || rule === "auth") continue;
      for (const w of who) {
        const want = expected(rule, w);
        // Bearer tokens on pages: see findings.test.ts.
        if (w.kind === "token" && rule.startsWith("page")) continue;
        const res = await send(w, route.method, await pathFor(route.method, route.path));
        checked += 1;
        const got = outcome(res);
        if (got !== want) deviations.push(`${route.method} ${route.path} as ${w.name}: expected ${want}, got ${got} (${res.status})`);
        if (want !== "allowed") {
          for (const secret of ["تشكيل مركز تنسيق", "SDF media centre", "Iraqi army", "denied by the army"]) {
            if (res.text.includes(secret)) deviations.push(`${route.method} ${route.path} as ${w.name}: denial leaks "${secret}"`);
          }
        }
      }
    }
    expect(deviations).toEqual([]);
    expect(checked).toBeGreaterThan(300);
  }, 120_000); // every route × every identity: minutes on a loaded 2-core machine
});

/** A body each page form would accept, so a refusal comes from the id or the role, not validation. */
function validFormBody(pattern: string): Record<string, string> {
  return formBodies(world)[pattern] ?? {};
}

describe("foreign ids (T12 IDOR)", () => {
  it("when 500 random ids that exist nowhere are used on every :id route, then each answers a uniform 404 and nothing is written", async () => {
    const admin = who.find((w) => w.kind === "session" && w.role === "admin")!;
    const token = who.find((w) => w.kind === "token" && w.role === "admin")!;
    const before = await tableChecksums(ctx, ["Session"]);
    // Tags are search terms, not ids: an unknown tag is an empty report.
    const routes = listRoutes(ctx.app).filter((r) => r.path.includes(":id") && MATRIX[`${r.method} ${r.path}`] !== "auth");
    const perRoute = Math.ceil(500 / routes.length);
    await send(admin, "GET", "/"); // take any pending flash message
    const bad: string[] = [];
    let n = 0;
    for (const r of routes) {
      const bodies = new Set<string>();
      for (let i = 0; i < perRoute; i++) {
        const id = 1_000_000 + Math.floor(Math.random() * 1e9);
        const api = r.path.startsWith("/api/");
        const body = api
          ? r.method === "PATCH"
            ? { status: "dismissed", note: "n" }
            : { status: "verified", rationale: "x", sourceId: world.sourceId, stance: "asserted" }
          : validFormBody(r.path);
        const res = await send(api ? token : admin, r.method, fillPath(r.path, world, id), body);
        n += 1;
        // The API checks the body before the id on some writes (422 names fields, never the record).
        const ok = res.status === 404 || (api && r.method !== "GET" && res.status === 422);
        if (!ok) bad.push(`${r.method} ${r.path} unknown id: ${res.status}`);
        bodies.add(
          `${res.status} ${res.text
            .replaceAll(String(id), "ID")
            .replace(/"requestId":"[^"]+"/, "")
            .replace(/name="_csrf" value="[^"]+"/g, "")}`,
        );
      }
      if (bodies.size !== 1) bad.push(`${r.method} ${r.path}: ${bodies.size} different answers for unknown ids`);
    }
    expect([...new Set(bad)]).toEqual([]);
    expect(n).toBeGreaterThanOrEqual(500);
    expect(await tableChecksums(ctx, ["Session"])).toEqual(before);
  }, 120_000); // every route × every identity: minutes on a loaded 2-core machine
});

describe("mass assignment (T12)", () => {
  const EXTRA = { role: "admin", createdById: 1, status: "verified", reviewerId: 1 } as const;

  it("when role, createdById, status or reviewerId is added to any API write, then 422 and nothing is written", async () => {
    const token = who.find((w) => w.kind === "token" && w.role === "admin")!;
    const writes: Array<[string, string, Record<string, unknown>]> = [
      ["POST", "/api/v1/sources", { name: "Mass", kind: "outlet" }],
      ["PATCH", `/api/v1/sources/${world.sourceId}`, { notes: "n" }],
      ["POST", "/api/v1/documents", { title: "T", language: "en", text: "t" }],
      ["PATCH", `/api/v1/documents/${world.documentId}`, { title: "T2" }],
      ["POST", "/api/v1/claims", { text: "c", language: "en" }],
      ["PATCH", `/api/v1/claims/${world.claimId}`, { translation: "t" }],
      ["POST", `/api/v1/claims/${world.claimId}/reviews`, { status: "verified", rationale: "r" }],
      ["POST", `/api/v1/claims/${world.claimId}/attributions`, { sourceId: world.sourceId, stance: "asserted" }],
      ["PATCH", `/api/v1/attributions/${world.attributionId}`, { quote: "q" }],
      ["PATCH", `/api/v1/conflicts/${world.conflictId}`, { status: "dismissed", note: "n" }],
    ];
    const before = await tableChecksums(ctx, ["Session"]);
    const bad: string[] = [];
    for (const [method, path, body] of writes) {
      for (const [k, v] of Object.entries(EXTRA)) {
        if (k in body) continue;
        const res = await send(token, method, path, { ...body, [k]: v });
        if (res.status !== 422) bad.push(`${method} ${path} +${k}: ${res.status}`);
      }
    }
    expect(bad).toEqual([]);
    expect(await tableChecksums(ctx, ["Session"])).toEqual(before);
  });

  it("when role, createdById, status or reviewerId is added to any page form, then 422 and nothing is written", async () => {
    const admin = who.find((w) => w.kind === "session" && w.role === "admin")!;
    const forms: Array<[string, Record<string, string>]> = [
      ["/claims", { text: "c", language: "en" }],
      [`/claims/${world.claimId}`, { text: "c", language: "ar" }],
      [`/claims/${world.claimId}/attributions`, { sourceId: String(world.sourceId), stance: "asserted" }],
      [`/claims/${world.claimId}/reviews`, { status: "verified", rationale: "r" }],
      [`/links/${world.linkId}/decision`, { decision: "dismiss" }],
      [`/claims/${world.otherClaimId}/merge`, { intoId: String(world.claimId) }],
      [`/reviews/${world.reviewId}/confirm`, { decision: "confirm" }],
      [`/attributions/${world.attributionId}/credibility`, { credibility: "2" }],
      [`/attributions/${world.attributionId}`, { sourceId: String(world.sourceId), stance: "denied" }],
      ["/sources", { name: "S", kind: "outlet" }],
      [`/sources/${world.sourceId}`, { name: "S", kind: "outlet" }],
      ["/documents", { title: "T", language: "en", text: "t" }],
      [`/documents/${world.documentId}`, { title: "T", language: "en" }],
      [`/conflicts/${world.conflictId}/status`, { status: "dismissed", note: "n" }],
      ["/users", { username: "massuser", role: "analyst", password: "a long enough password" }],
      [`/users/${world.userId}`, { role: "reviewer" }],
      ["/settings", { twoPersonReview: "on" }],
    ];
    const before = await tableChecksums(ctx, ["Session"]);
    const bad: string[] = [];
    for (const [path, body] of forms) {
      for (const [k, v] of Object.entries(EXTRA)) {
        if (k in body) continue;
        const res = await send(admin, "POST", path, { ...body, [k]: String(v) });
        if (res.status !== 422) bad.push(`POST ${path} +${k}: ${res.status}`);
      }
    }
    expect(bad).toEqual([]);
    expect(await tableChecksums(ctx, ["Session"])).toEqual(before);
  });
});
