/**
 * Regression tests for deviations the security crawl and the fuzzer found (all fixed in
 * e6e7cf9): bearer tokens opened pages, edit forms answered 422 for unknown ids, and unpaired
 * surrogates in JSON text fields were a 500. Each comment names the fix.
 */
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, buildUser, csrfFrom, setupTestApp, type TestContext } from "../helpers.ts";
import { buildWorld, fillPath, listRoutes, sessionFor, tableChecksums, type World } from "./support.ts";
import { MATRIX } from "./matrix.ts";

let ctx: TestContext;
let world: World;
beforeAll(async () => {
  ctx = await setupTestApp();
  world = await buildWorld(ctx);
});
afterAll(() => ctx.close());

describe("pages need a session (T12)", () => {
  // Fixed (src/app.ts): the page-level `app.use(loadUser(db, absoluteMs))` must not read the
  // Authorization header — e.g. give loadUser an option `{ bearer: false }` for pages
  // (src/http/auth.ts: `if (opts.bearer !== false && header?.startsWith("Bearer "))`).
  it("when a page is requested with an API bearer token and no session, then it is treated as signed out", async () => {
    const deviations: string[] = [];
    for (const role of ["analyst", "admin"] as const) {
      const user = await buildUser(ctx.db, { role });
      const token = await apiToken(ctx.db, user.username);
      for (const route of listRoutes(ctx.app)) {
        const rule = MATRIX[`${route.method} ${route.path}`];
        if (!rule?.startsWith("page") || route.method !== "GET") continue;
        const res = await request(ctx.app).get(fillPath(route.path, world)).set("Authorization", `Bearer ${token}`);
        const signedOut = (res.status === 303 && /^\/login/.test(String(res.headers.location))) || res.status === 401;
        if (!signedOut) deviations.push(`GET ${route.path} with a ${role} token: ${res.status}`);
      }
    }
    expect(deviations).toEqual([]);
  });
});

describe("unknown ids on edit forms (T12)", () => {
  // Fixed (src/http/pages/forms.ts, handleForm): do not re-render the form for a 404 — add
  // `&& err.status !== 404` to the condition and pass `err.status` (not `err.status === 404 ? 422 : …`);
  // referenced ids in fields already fail as ValidationError (422) in the use cases.
  it("when an edit form is posted for a record that does not exist, then 404 (not the form again with 422)", async () => {
    const admin = await sessionFor(ctx, "admin");
    const token = csrfFrom((await admin.agent.get("/claims/new")).text);
    const before = await tableChecksums(ctx, ["Session"]);
    const posts: Array<[string, Record<string, string>]> = [
      ["/claims/987654321", { text: "c", language: "en" }],
      ["/sources/987654321", { name: "S", kind: "outlet" }],
      ["/documents/987654321", { title: "T", language: "en" }],
      ["/users/987654321", { role: "reviewer" }],
    ];
    const got = [];
    for (const [path, body] of posts)
      got.push(
        `${path} ${
          (
            await admin.agent
              .post(path)
              .type("form")
              .send({ ...body, _csrf: token })
          ).status
        }`,
      );
    expect(got).toEqual(posts.map(([p]) => `${p} 404`));
    expect(await tableChecksums(ctx, ["Session"])).toEqual(before);
  });
});

describe("lone surrogates (T19/T23)", () => {
  // Fixed (src/validation/fields.ts, text()): refuse strings that are not well-formed UTF-16, e.g.
  // `.refine((s) => s.isWellFormed(), { error: `${label} contains an unpaired surrogate (not valid Unicode).` })`.
  // Before the fix Prisma's JSON protocol threw on them ("lone leading surrogate in hex escape") and the request is a 500.
  it("when a JSON body holds an unpaired surrogate in a text field, then 422, never 500, and nothing is written", async () => {
    const admin = await buildUser(ctx.db, { role: "admin" });
    const token = await apiToken(ctx.db, admin.username);
    const before = await tableChecksums(ctx, ["Session"]);
    const got: string[] = [];
    for (const [path, body] of [
      ["/api/v1/claims", { text: "\uDC00", language: "en" }],
      ["/api/v1/claims", { text: "a\uD83Db", language: "en" }],
      ["/api/v1/sources", { name: "\uD800x", kind: "outlet" }],
      ["/api/v1/documents", { title: "T", language: "en", text: "\uDFFF" }],
      [`/api/v1/claims/${world.otherClaimId}/attributions`, { sourceId: world.sourceId, stance: "asserted", quote: "\uD800" }],
    ] as const) {
      const res = await request(ctx.app).post(path).set("Authorization", `Bearer ${token}`).send(body);
      got.push(`${path} ${res.status}`);
    }
    expect(got.filter((g) => !g.endsWith(" 422"))).toEqual([]);
    expect(await tableChecksums(ctx, ["Session"])).toEqual(before);
  });
});
