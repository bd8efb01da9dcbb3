/**
 * Reports nobody prepared, through the API with the assistant's proposals accepted unchanged
 * (issue 11): two Arabic accounts of one prisoner exchange that disagree on the day and the
 * count, in different words; and an English local council calling a ministry's announcement
 * false — a denial of the ministry's claim, never a claim of its own.
 */
import request from "supertest";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { apiToken, buildSource, buildUser, setupTestApp, type TestContext } from "../helpers.ts";
import { fixtureText } from "../ingest/support.ts";

let t: TestContext;
let auth: { Authorization: string };

beforeEach(async () => {
  t = await setupTestApp();
  const user = await buildUser(t.db, { role: "analyst" });
  auth = { Authorization: `Bearer ${await apiToken(t.db, user.username)}` };
});
afterEach(async () => t?.close());

async function ingestAndAccept(text: string, publisher: string, publishedAt: string) {
  const outlet = (await t.db.source.findFirst({ where: { name: publisher } })) ?? (await buildSource(t.db, { name: publisher, kind: "outlet" }));
  const created = await request(t.app).post("/api/v1/ingest").set(auth).send({ text, publisher: outlet.id, publishedAt });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.document.id as number;
  const review = await request(t.app).get(`/api/v1/documents/${id}/suggestions`).set(auth);
  const items = review.body.suggestions.map((s: { proposal: unknown }) => s.proposal);
  const accepted = await request(t.app).post(`/api/v1/documents/${id}/suggestions`).set(auth).send({ items });
  expect(accepted.status, JSON.stringify(accepted.body)).toBe(201);
  return review.body;
}

describe("two accounts of one prisoner exchange, in other words", () => {
  it("flags the day and the count that disagree, as suggested conflicts with readable reasons", async () => {
    await ingestAndAccept(fixtureText("exchange_a_ar.txt"), "سانا", "2024-05-14");
    await ingestAndAccept(fixtureText("exchange_b_ar.txt"), "عنب بلدي", "2024-05-16");
    const links = await t.db.claimLink.findMany({ where: { relation: "conflict" } });
    const reasons = links.map((l) => (JSON.parse(l.reasons) as { reasons: string[] }).reasons.join(" | "));
    expect(reasons.some((r) => /dates differ: 16 May 2024 vs 14 May 2024/.test(r))).toBe(true);
    expect(reasons.some((r) => /numbers differ: 12 vs 45/.test(r))).toBe(true);
    // "supervised by the Red Crescent" vs "the Red Crescent did not take part"
    const texts = await Promise.all(
      links.map(async (l) =>
        [(await t.db.claim.findUniqueOrThrow({ where: { id: l.fromId } })).text, (await t.db.claim.findUniqueOrThrow({ where: { id: l.toId } })).text].join(
          " ↔ ",
        ),
      ),
    );
    expect(texts.some((x) => /بإشراف الهلال الأحمر/.test(x) && /لم يشارك/.test(x))).toBe(true);
  }, 60_000);
});

describe("'The ministry's announcement is false'", () => {
  it("is the council head's denial of the ministry's claim, and no conflict has one speaker on both sides", async () => {
    await ingestAndAccept(fixtureText("returns_ministry_en.txt"), "SANA", "2024-05-13");
    const review = await ingestAndAccept(fixtureText("returns_council_en.txt"), "Enab Baladi", "2024-05-15");
    const s = review.suggestions.find((x: { claimText: string }) => /announcement is false/.test(x.claimText));
    expect(s.proposal).toMatchObject({ decision: "merge", stance: "denied", speakerName: "Ahmed al-Hassan" });
    const claim = await t.db.claim.findUniqueOrThrow({ where: { id: s.proposal.mergeInto.claimId }, include: { attributions: { include: { source: true } } } });
    expect(claim.text).toBe("300 families returned to Tal Abyad");
    expect(await t.db.claim.count({ where: { text: { contains: "announcement is false" } } })).toBe(0);
    const conflicts = await t.db.conflict.findMany({ include: { items: { include: { attribution: true } } } });
    for (const c of conflicts) {
      const a = new Set(c.items.filter((i) => i.side === "a").map((i) => i.attribution.sourceId));
      const b = c.items.filter((i) => i.side === "b").map((i) => i.attribution.sourceId);
      expect(b.some((id) => a.has(id))).toBe(false);
    }
    const denial = await t.db.conflict.findFirst({
      where: { claimId: claim.id, kind: "stance", status: "open" },
      include: { items: { include: { attribution: { include: { source: true } } } } },
    });
    expect(denial?.items.filter((i) => i.side === "b").map((i) => i.attribution.source.name)).toContain("Ahmed al-Hassan");
  }, 60_000);
});
