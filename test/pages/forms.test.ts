/** Bad input on every form gives a 4xx with per-field messages, keeps what was typed, and writes nothing. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClaim, buildSource, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
let session: Awaited<ReturnType<typeof signedInAgent>>;
let claimId: number;
let sourceId: number;
beforeAll(async () => {
  ctx = await setupTestApp();
  session = await signedInAgent(ctx, "admin");
  claimId = (await buildClaim(ctx.db)).id;
  sourceId = (await buildSource(ctx.db)).id;
});
afterAll(() => ctx.close());

async function counts() {
  const db = ctx.db;
  return {
    sources: await db.source.count(),
    documents: await db.document.count(),
    claims: await db.claim.count(),
    attributions: await db.attribution.count(),
    reviews: await db.review.count(),
    users: await db.user.count(),
    audit: await db.auditEvent.count(),
  };
}

const LONG = "ب".repeat(2001);
const cases: Array<{ name: string; path: () => string; page: () => string; body: () => Record<string, string>; field: string; message: RegExp }> = [
  {
    name: "source without a name",
    path: () => "/sources",
    page: () => "/sources/new",
    body: () => ({ name: "", kind: "outlet" }),
    field: "name",
    message: /Name is required/,
  },
  {
    name: "source with an unknown kind",
    path: () => "/sources",
    page: () => "/sources/new",
    body: () => ({ name: "X", kind: "wizard" }),
    field: "kind",
    message: /Kind must be one of/,
  },
  {
    name: "source name with a NUL byte",
    path: () => "/sources",
    page: () => "/sources/new",
    body: () => ({ name: "bad\u0000name", kind: "outlet" }),
    field: "name",
    message: /control character/,
  },
  {
    name: "source with a mass-assigned field",
    path: () => "/sources",
    page: () => "/sources/new",
    body: () => ({ name: "X", kind: "outlet", createdById: "1" }),
    field: "_form",
    message: /Unknown field/,
  },
  {
    name: "claim over 2000 characters",
    path: () => "/claims",
    page: () => "/claims/new",
    body: () => ({ text: LONG, language: "ar" }),
    field: "text",
    message: /at most 2000 characters/,
  },
  {
    name: "claim with a status (only reviews set it)",
    path: () => "/claims",
    page: () => "/claims/new",
    body: () => ({ text: "x", language: "en", status: "verified" }),
    field: "_form",
    message: /Unknown field/,
  },
  {
    name: "claim tag with a bidi override",
    path: () => "/claims",
    page: () => "/claims/new",
    body: () => ({ text: "x", language: "en", tags: "ok \u202Eevil" }),
    field: "tags",
    message: /invisible or direction-changing/,
  },
  {
    name: "document with a javascript: URL",
    path: () => "/documents",
    page: () => "/documents/new",
    body: () => ({ title: "T", language: "ar", text: "نص", url: "javascript:alert(1)" }),
    field: "url",
    message: /http/,
  },
  {
    name: "document without text",
    path: () => "/documents",
    page: () => "/documents/new",
    body: () => ({ title: "T", language: "ar" }),
    field: "text",
    message: /Text is required/,
  },
  {
    name: "attribution with an unknown stance",
    path: () => `/claims/${claimId}/attributions`,
    page: () => `/claims/${claimId}`,
    body: () => ({ sourceId: String(sourceId), stance: "maybe" }),
    field: "stance",
    message: /asserted, denied or unverified/,
  },
  {
    name: "attribution with a missing source",
    path: () => `/claims/${claimId}/attributions`,
    page: () => `/claims/${claimId}`,
    body: () => ({ sourceId: "999999", stance: "asserted" }),
    field: "sourceId",
    message: /does not exist/,
  },
  {
    name: "attribution with credibility 9",
    path: () => `/claims/${claimId}/attributions`,
    page: () => `/claims/${claimId}`,
    body: () => ({ sourceId: String(sourceId), stance: "asserted", credibility: "9" }),
    field: "credibility",
    message: /from 1 to 6/,
  },
  {
    name: "attribution with a bad date",
    path: () => `/claims/${claimId}/attributions`,
    page: () => `/claims/${claimId}`,
    body: () => ({ sourceId: String(sourceId), stance: "asserted", statedAt: "last Saturday" }),
    field: "statedAt",
    message: /2024-03-28/,
  },
  {
    name: "review with an unknown status",
    path: () => `/claims/${claimId}/reviews`,
    page: () => `/claims/${claimId}`,
    body: () => ({ status: "true", rationale: "x" }),
    field: "status",
    message: /Status must be/,
  },
  {
    name: "user with a short password",
    path: () => "/users",
    page: () => "/users",
    body: () => ({ username: "newbie", role: "analyst", password: "short" }),
    field: "password",
    message: /at least 12/,
  },
  {
    name: "user with a zero-width username",
    path: () => "/users",
    page: () => "/users",
    body: () => ({ username: "ad\u200Bmin", role: "analyst", password: "a long enough password" }),
    field: "username",
    message: /invisible/,
  },
];

describe("form validation", () => {
  for (const c of cases) {
    it(`when a ${c.name} is posted, then 422 with the message by the field and nothing is written`, async () => {
      const before = await counts();
      const res = await session.agent
        .post(c.path())
        .type("form")
        .send({ _csrf: await session.csrf(c.page()), ...c.body() });
      expect(res.status).toBe(422);
      expect(res.headers["content-type"]).toMatch(/text\/html/);
      expect(res.text).toMatch(c.message);
      if (c.field !== "_form") expect(res.text).toContain(`id="${c.field}-error"`);
      expect(await counts()).toEqual(before);
    });
  }

  it("when a form is re-rendered, then what was typed (Arabic included) is kept", async () => {
    const res = await session.agent
      .post("/claims")
      .type("form")
      .send({ _csrf: await session.csrf("/claims/new"), text: "", translation: "ترجمة محفوظة", language: "ar" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("ترجمة محفوظة");
  });

  it("when a field is repeated (array where one value is expected), then 422 and nothing written", async () => {
    const before = await counts();
    const res = await session.agent
      .post("/sources")
      .type("form")
      .send(`_csrf=${encodeURIComponent(await session.csrf("/sources/new"))}&name=a&name=b&kind=outlet`);
    expect(res.status).toBe(422);
    expect(await counts()).toEqual(before);
  });

  it("when an unknown or non-numeric id is requested, then 404 not 500", async () => {
    for (const path of ["/claims/999999", "/claims/abc", "/sources/0", "/documents/-1", "/conflicts/1e3", "/attributions/77/edit"]) {
      const res = await session.agent.get(path);
      expect(res.status, path).toBe(404);
    }
  });

  it("when the body is larger than the limit, then 413 and nothing written", async () => {
    const before = await counts();
    const res = await session.agent
      .post("/documents")
      .type("form")
      .send({ _csrf: await session.csrf("/documents/new"), title: "big", language: "ar", text: "ن".repeat(1_200_000) });
    expect(res.status).toBe(413);
    expect(await counts()).toEqual(before);
  });
});
