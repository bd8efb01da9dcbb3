import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/db/client.ts";
import { buildClaim, buildUser, apiToken, signedInAgent } from "../helpers.ts";
import { client, expectApiError, setupApi, tableCounts, type ApiContext } from "./support.ts";

let ctx: ApiContext;
let claimId: number;
beforeAll(async () => {
  ctx = await setupApi();
  claimId = (await buildClaim(ctx.db)).id;
});
afterAll(() => ctx.close());

const routes = (): [string, string, unknown?][] => [
  ["get", "/me"],
  ["get", "/sources"],
  ["post", "/sources", { name: "x", kind: "outlet" }],
  ["get", "/sources/1"],
  ["patch", "/sources/1", { name: "x", kind: "outlet" }],
  ["get", "/documents"],
  ["post", "/documents", { title: "t", language: "en", text: "x" }],
  ["get", "/claims"],
  ["post", "/claims", { text: "c", language: "en" }],
  ["get", `/claims/${claimId}`],
  ["post", `/claims/${claimId}/attributions`, { sourceId: 1, stance: "asserted" }],
  ["post", `/claims/${claimId}/reviews`, { status: "verified", rationale: "r" }],
  ["delete", "/attributions/1"],
  ["get", "/conflicts"],
  ["patch", "/conflicts/1", { status: "dismissed", note: "n" }],
  ["get", "/audit"],
  ["get", "/audit/export"],
];

describe("API authentication", () => {
  it("when no token is sent, then every route answers 401 in the error format and writes nothing", async () => {
    const before = await tableCounts(ctx.db);
    for (const [method, path, body] of routes()) {
      const t = ctx.anonymous[method as "get"](path);
      const res = await (body ? t.send(body) : t);
      expectApiError(res, 401, "unauthorized");
    }
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it("when the token is wrong, malformed or for another scheme, then 401", async () => {
    for (const header of ["Bearer cc_not-a-real-token", "Bearer ", "Bearer", "Basic YWRtaW46YWRtaW4=", "bearer x", `Bearer ${"a".repeat(5000)}`]) {
      expectApiError(await request(ctx.app).get("/api/v1/me").set("Authorization", header), 401, "unauthorized");
    }
  });

  it("when a signed-in browser session calls the API without a token, then 401 (cookies are not accepted)", async () => {
    const { agent } = await signedInAgent(ctx, "admin");
    expectApiError(await agent.get("/api/v1/me"), 401, "unauthorized");
  });

  it("when the token's user is disabled, then the very next request is 401", async () => {
    const user = await buildUser(ctx.db, { role: "admin" });
    const api = client(ctx, await apiToken(ctx.db, user.username));
    expect((await api.get("/me")).status).toBe(200);
    await inTransaction(ctx.db, (tx) => tx.user.update({ where: { id: user.id }, data: { disabled: true } }));
    expectApiError(await api.get("/me"), 401, "unauthorized");
  });

  it("when an API route does not exist, then 404 in the error format", async () => {
    expectApiError(await ctx.as.analyst.get("/nope"), 404, "not_found");
    expectApiError(await ctx.as.analyst.delete("/sources/1"), 404, "not_found");
  });
});

describe("API roles", () => {
  it("when each role records, edits and decides, then analysts, reviewers and admins may, and only reviewers and admins review", async () => {
    for (const role of ["analyst", "reviewer", "admin"] as const) {
      const api = ctx.as[role];
      const a = (await api.post("/sources", { name: `A ${role}`, kind: "official_body" }).expect(201)).body;
      const b = (await api.post("/sources", { name: `B ${role}`, kind: "official_body" }).expect(201)).body;
      await api.patch(`/sources/${a.id}`, { reliability: "B" }).expect(200);
      const claim = (await api.post("/claims", { text: `claim by ${role}`, language: "en" }).expect(201)).body;
      await api.post(`/claims/${claim.id}/attributions`, { sourceId: a.id, stance: "asserted" }).expect(201);
      const denial = (await api.post(`/claims/${claim.id}/attributions`, { sourceId: b.id, stance: "denied" }).expect(201)).body;
      const conflict = (await api.get(`/claims/${claim.id}`)).body.conflicts[0];
      await api.patch(`/conflicts/${conflict.id}`, { status: "confirmed", note: "Checked." }).expect(200);
      await api.delete(`/attributions/${denial.id}`).expect(204);
      const review = await api.post(`/claims/${claim.id}/reviews`, { status: "verified", rationale: "Seen." });
      expect(review.status).toBe(role === "analyst" ? 403 : 201);
    }
  });
});

describe("GET /api/v1/me", () => {
  it("when a token is valid, then it names its user and role, with Cache-Control: no-store", async () => {
    for (const role of ["analyst", "reviewer", "admin"] as const) {
      const res = await ctx.as[role].get("/me");
      expect(res.status).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.body).toEqual({ id: ctx.users[role].id, username: `${role}-1`, displayName: expect.any(String), role });
    }
  });
});
