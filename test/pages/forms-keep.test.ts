/**
 * Every form keeps what the user chose and typed: after a save (the box shows the saved value,
 * not the first option) and on every error (the box shows what was chosen, not the old value).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAttribution, buildClaim, buildSource, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
let session: Awaited<ReturnType<typeof signedInAgent>>;
beforeAll(async () => {
  ctx = await setupTestApp();
  session = await signedInAgent(ctx, "admin");
});
afterAll(() => ctx.close());

/** The value of the selected option of <select id=ID> (null when none is marked selected). */
function selected(html: string, id: string): string | null {
  const m = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (!m) throw new Error(`no select #${id}`);
  const opt = /<option[^>]*value="([^"]*)"[^>]*\bselected\b/.exec(m[1]);
  return opt ? opt[1] : null;
}

describe("the verdict box", () => {
  it("when a verdict is saved, then the claim page's box shows the saved status, not the first option", async () => {
    const claim = await buildClaim(ctx.db);
    const path = `/claims/${claim.id}`;
    const res = await session.agent
      .post(`${path}/reviews`)
      .type("form")
      .send({ _csrf: await session.csrf(path), status: "verified", rationale: "two independent origins" });
    expect(res.status).toBe(303);
    const page = await session.agent.get(path);
    expect(selected(page.text, "review-status")).toBe("verified");
  }, 90_000); // several signed-in round trips; generous for a loaded machine

  it("when a verdict is refused (no rationale), then the box keeps the status the reviewer chose", async () => {
    const claim = await buildClaim(ctx.db);
    const path = `/claims/${claim.id}`;
    const res = await session.agent
      .post(`${path}/reviews`)
      .type("form")
      .send({ _csrf: await session.csrf(path), status: "disputed", rationale: "" });
    expect(res.status).toBe(422);
    expect(selected(res.text, "review-status")).toBe("disputed");
    expect((await ctx.db.claim.findUniqueOrThrow({ where: { id: claim.id } })).status).toBe("unreviewed");
  });
});

describe("the conflict-status box", () => {
  async function conflict() {
    const claim = await buildClaim(ctx.db, { text: "شكّلت قسد والجيش العراقي مركزاً مشتركاً", language: "ar" });
    const a = await buildSource(ctx.db);
    const b = await buildSource(ctx.db);
    await buildAttribution(ctx.db, { claimId: claim.id, sourceId: a.id, stance: "asserted", quote: "أعلن" });
    await buildAttribution(ctx.db, { claimId: claim.id, sourceId: b.id, stance: "denied", quote: "نفى" });
    return ctx.db.conflict.findFirstOrThrow({ where: { claimId: claim.id } });
  }

  it("when a decision is refused (no note), then the box keeps the status chosen and the page says why", async () => {
    const c = await conflict();
    expect(c.status).toBe("open");
    const path = `/conflicts/${c.id}`;
    const res = await session.agent
      .post(`${path}/status`)
      .type("form")
      .send({ _csrf: await session.csrf(path), status: "dismissed", note: "" });
    expect(res.status).toBe(422);
    expect(selected(res.text, "status")).toBe("dismissed");
    expect(res.text).toMatch(/field-error/);
  });

  it("when a decision is saved, then the box shows the saved status", async () => {
    const c = await conflict();
    const path = `/conflicts/${c.id}`;
    const res = await session.agent
      .post(`${path}/status`)
      .type("form")
      .send({ _csrf: await session.csrf(path), status: "confirmed", note: "both quoted directly" });
    expect(res.status).toBe(303);
    expect(selected((await session.agent.get(path)).text, "status")).toBe("confirmed");
  });
});

describe("the other forms keep what was typed", () => {
  it("when a stance is refused (no source), then stance, document, quote and date are kept", async () => {
    const claim = await buildClaim(ctx.db);
    const path = `/claims/${claim.id}`;
    const res = await session.agent
      .post(`${path}/attributions`)
      .type("form")
      .send({ _csrf: await session.csrf(path), sourceId: "", stance: "denied", quote: "نفى الجيش العراقي", statedAt: "2024-03-02", credibility: "3" });
    expect(res.status).toBe(422);
    expect(selected(res.text, "stance")).toBe("denied");
    expect(selected(res.text, "credibility")).toBe("3");
    expect(res.text).toContain("نفى الجيش العراقي");
    expect(res.text).toContain('value="2024-03-02"');
  });

  it("when a source is refused (no name), then kind, reliability, aliases and notes are kept", async () => {
    const res = await session.agent
      .post("/sources")
      .type("form")
      .send({ _csrf: await session.csrf("/sources/new"), name: "", kind: "armed_group", reliability: "B", aliases: "قسد\nSDF", notes: "ملاحظة" });
    expect(res.status).toBe(422);
    expect(selected(res.text, "kind")).toBe("armed_group");
    expect(selected(res.text, "reliability")).toBe("B");
    expect(res.text).toContain("قسد\nSDF");
    expect(res.text).toContain("ملاحظة");
  });

  it("when a claim is refused (no text), then language, translation, date and tags are kept", async () => {
    const res = await session.agent
      .post("/claims")
      .type("form")
      .send({ _csrf: await session.csrf("/claims/new"), text: "", language: "en", translation: "ترجمة", eventDate: "2024-03-01", tags: "sdf-iraq border" });
    expect(res.status).toBe(422);
    expect(selected(res.text, "language")).toBe("en");
    expect(res.text).toContain("ترجمة");
    expect(res.text).toContain('value="2024-03-01"');
    expect(res.text).toContain('value="sdf-iraq border"');
  });

  it("when a document is refused (bad URL), then title, language, dates and the text are kept", async () => {
    const res = await session.agent
      .post("/documents")
      .type("form")
      .send({ _csrf: await session.csrf("/documents/new"), title: "تقرير", url: "ftp://x", language: "en", publishedAt: "2024-03-02", text: "نص كامل" });
    expect(res.status).toBe(422);
    expect(selected(res.text, "language")).toBe("en");
    expect(res.text).toContain("نص كامل");
    expect(res.text).toContain('value="2024-03-02"');
  });

  it("when an ingest paste is refused (bad URL), then the text, format and details are kept", async () => {
    const res = await session.agent
      .post("/ingest")
      .type("form")
      .send({ _csrf: await session.csrf("/ingest"), text: "<p>نص التقرير</p>", format: "html", url: "notaurl", title: "عنوان", language: "ar" });
    expect(res.status).toBe(422);
    expect(selected(res.text, "format")).toBe("html");
    expect(selected(res.text, "paste-language")).toBe("ar");
    expect(res.text).toContain("&lt;p&gt;نص التقرير&lt;/p&gt;");
    expect(res.text).toContain('value="عنوان"');
  });
});
