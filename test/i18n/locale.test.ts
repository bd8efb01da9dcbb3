/**
 * Choosing the interface language: Accept-Language on a first visit, ?lang= on any page
 * (remembered in a cookie and on the user, with its audit event), the saved choice winning
 * over the browser afterwards; Arabic plural forms, dates and validation messages; evidence
 * shown as recorded whatever the language.
 */
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatDate, formatDateTime, intlTime, tFor, t, withLocale } from "../../src/i18n/index.ts";
import { buildClaim, csrfFrom, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx.close());

const htmlAttrs = (html: string) => /<html lang="([a-z]+)" dir="([a-z]+)">/.exec(html)?.slice(1);

describe("which language a page is in", () => {
  it("when a first visit sends Accept-Language ar, then the sign-in page is Arabic and right-to-left", async () => {
    const res = await request(ctx.app).get("/login").set("Accept-Language", "ar-SY,ar;q=0.9,en;q=0.5");
    expect(htmlAttrs(res.text)).toEqual(["ar", "rtl"]);
    expect(res.text).toContain("تسجيل الدخول");
    expect(res.text).not.toContain(">Sign in<");
    const en = await request(ctx.app).get("/login").set("Accept-Language", "en-GB,en;q=0.8");
    expect(htmlAttrs(en.text)).toEqual(["en", "ltr"]);
    const other = await request(ctx.app).get("/login").set("Accept-Language", "fr");
    expect(htmlAttrs(other.text)).toEqual(["en", "ltr"]);
  });

  it("when ?lang=ar is on a page, then it switches, and the cookie keeps it for the next page", async () => {
    const agent = request.agent(ctx.app);
    const res = await agent.get("/login?lang=ar").set("Accept-Language", "en");
    expect(htmlAttrs(res.text)).toEqual(["ar", "rtl"]);
    expect(String(res.headers["set-cookie"])).toMatch(/crosscheck\.lang=ar;.*HttpOnly/i);
    const next = await agent.get("/login").set("Accept-Language", "en");
    expect(htmlAttrs(next.text)).toEqual(["ar", "rtl"]);
    const back = await agent.get("/login?lang=en");
    expect(htmlAttrs(back.text)).toEqual(["en", "ltr"]);
    const bogus = await agent.get("/login?lang=xx");
    expect(htmlAttrs(bogus.text)).toEqual(["en", "ltr"]);
  });

  it("when a signed-in user switches, then the choice is saved on the user (audited) and wins over the browser on any device", async () => {
    const { agent, user } = await signedInAgent(ctx, "analyst");
    const before = await ctx.db.auditEvent.count({ where: { action: "user.update", entityId: String(user.id) } });
    const res = await agent.get("/claims?lang=ar");
    expect(htmlAttrs(res.text)).toEqual(["ar", "rtl"]);
    expect((await ctx.db.user.findUniqueOrThrow({ where: { id: user.id } })).locale).toBe("ar");
    const event = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "user.update", entityId: String(user.id) }, orderBy: { seq: "desc" } });
    expect(JSON.parse(event.after)).toEqual({ locale: "ar" });
    expect(await ctx.db.auditEvent.count({ where: { action: "user.update", entityId: String(user.id) } })).toBe(before + 1);
    // Switching to the language already saved writes nothing.
    await agent.get("/?lang=ar");
    expect(await ctx.db.auditEvent.count({ where: { action: "user.update", entityId: String(user.id) } })).toBe(before + 1);

    // Another device: a fresh agent whose browser prefers English signs in as the same user.
    const other = request.agent(ctx.app);
    const login = await other.get("/login").set("Accept-Language", "en");
    expect(htmlAttrs(login.text)).toEqual(["en", "ltr"]);
    const { PASSWORD } = await import("../helpers.ts");
    await other
      .post("/login")
      .type("form")
      .send({ _csrf: csrfFrom(login.text), username: user.username, password: PASSWORD });
    const dash = await other.get("/").set("Accept-Language", "en");
    expect(htmlAttrs(dash.text)).toEqual(["ar", "rtl"]);
    expect(dash.text).toContain("لوحة المتابعة");
  });

  it("when the switcher is shown, then its links keep the page and its query", async () => {
    const { agent } = await signedInAgent(ctx, "analyst");
    const res = await agent.get("/claims?q=%D8%AC%D9%8A%D8%B4&status=verified");
    const decoded = res.text.replaceAll("&#x3D;", "=").replaceAll("&amp;", "&");
    expect(decoded).toContain('href="/claims?q=%D8%AC%D9%8A%D8%B4&status=verified&lang=ar"');
  });

  it("when the interface is Arabic, then evidence is shown exactly as recorded", async () => {
    const claim = await buildClaim(ctx.db, { text: "The SDF denied it — 'no truth' (1,250 km)", language: "en" });
    const { agent } = await signedInAgent(ctx, "analyst");
    const res = await agent.get(`/claims/${claim.id}?lang=ar`);
    expect(htmlAttrs(res.text)).toEqual(["ar", "rtl"]);
    expect(res.text).toContain("The SDF denied it — &#x27;no truth&#x27; (1,250 km)");
  });

  it("when a form is refused in Arabic, then the field message is Arabic and the form keeps the values", async () => {
    const { agent, csrf } = await signedInAgent(ctx, "analyst");
    await agent.get("/?lang=ar");
    const res = await agent
      .post("/sources")
      .type("form")
      .send({ _csrf: await csrf("/sources/new"), name: "", kind: "outlet", reliability: "C", notes: "ملاحظة محفوظة" });
    expect(res.status).toBe(422);
    expect(res.text).toContain("حقل «الاسم» مطلوب.");
    expect(res.text).toContain("ملاحظة محفوظة");
    expect(htmlAttrs(res.text)).toEqual(["ar", "rtl"]);
  });

  it("when an API client sends Accept-Language ar, then errors come back in Arabic with the same codes", async () => {
    const { apiToken, buildUser } = await import("../helpers.ts");
    const u = await buildUser(ctx.db, { role: "analyst" });
    const token = await apiToken(ctx.db, u.username);
    const res = await request(ctx.app)
      .post("/api/v1/sources")
      .set("Authorization", `Bearer ${token}`)
      .set("Accept-Language", "ar")
      .send({ name: "", kind: "outlet", reliability: "C" });
    expect(res.status).toBe(422);
    expect(res.body.error.code).toBe("validation_failed");
    expect(res.body.error.fields.name).toBe("حقل «الاسم» مطلوب.");
    const en = await request(ctx.app).post("/api/v1/sources").set("Authorization", `Bearer ${token}`).send({ name: "", kind: "outlet", reliability: "C" });
    expect(en.body.error.fields.name).toBe("Name is required.");
  });
});

describe("CROSSCHECK_LANG", () => {
  it("when it is ar and the browser names neither language, then pages are Arabic; a browser that asks for English still gets English", async () => {
    const arCtx = await setupTestApp({ CROSSCHECK_LANG: "ar" });
    try {
      expect(htmlAttrs((await request(arCtx.app).get("/login").set("Accept-Language", "fr")).text)).toEqual(["ar", "rtl"]);
      expect(htmlAttrs((await request(arCtx.app).get("/login").set("Accept-Language", "en")).text)).toEqual(["en", "ltr"]);
    } finally {
      await arCtx.close();
    }
  });
});

describe("plural forms, dates and numbers", () => {
  it("when a count is shown in Arabic, then each of the six plural forms is used", () => {
    const ar = tFor("ar");
    expect([0, 1, 2, 3, 11, 100].map((count) => ar("count.newClaim", { count }))).toEqual([
      "لا ادعاءات جديدة",
      "ادعاء جديد واحد",
      "ادعاءان جديدان",
      "3 ادعاءات جديدة",
      "11 ادعاءً جديداً",
      "100 ادعاء جديد",
    ]);
    expect([1, 2].map((count) => tFor("en")("count.newClaim", { count }))).toEqual(["1 new claim", "2 new claims"]);
  });

  it("when a date is shown, then the month is in words (Levantine names in Arabic), digits Latin, times UTC", () => {
    const d = new Date("2024-03-28T14:05:00Z");
    expect(formatDate(d, "en")).toBe("28 March 2024");
    expect(formatDate(d, "ar")).toBe("28 آذار 2024");
    expect(formatDateTime(d, "ar")).toBe("28 آذار 2024، 14:05 UTC");
    expect(formatDate(new Date("2024-01-05T00:00:00Z"), "ar")).toBe("5 كانون الثاني 2024");
    for (const iso of ["2024-03-28T00:00:00Z", "2024-03-28T09:05:00Z", "2024-12-31T23:59:59Z"]) {
      for (const l of ["ar", "en"] as const) expect(formatDateTime(new Date(iso), l).endsWith(`${intlTime(new Date(iso), l)} UTC`)).toBe(true);
    }
  });

  it("when code runs in a language (a request, the CLI), then t() and typed errors follow it", async () => {
    const { NotFoundError } = await import("../../src/errors.ts");
    expect(withLocale("ar", () => new NotFoundError("The claim").message)).toBe("لم يُعثر على الادعاء.");
    expect(withLocale("en", () => new NotFoundError("The claim").message)).toBe("The claim was not found.");
    expect(withLocale("ar", () => t("nav.claims"))).toBe("الادعاءات");
  });
});
