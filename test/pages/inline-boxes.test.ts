/**
 * The claim page's two small inline boxes — a pending verdict's confirm box and a suggested
 * link's decision box — keep what the user chose and typed on an error, show the message beside
 * the field, and leave the page's other forms (the verdict box) as they were.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildClaim, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx.close());

function selected(html: string, id: string): string | null {
  const m = new RegExp(`<select id="${id}"[^>]*>([\\s\\S]*?)</select>`).exec(html);
  if (!m) throw new Error(`no select #${id}`);
  const opt = /<option[^>]*value="([^"]*)"[^>]*\bselected\b/.exec(m[1]);
  return opt ? opt[1] : null;
}

const tooLong = "ملاحظة ".repeat(900); // 6,300 characters: over the 5,000 a note may hold

describe("inline boxes on the claim page", () => {
  it("when a second reviewer's confirm is refused (note too long), then the box keeps 'reject' and the note, with the message beside the note", async () => {
    const admin = await signedInAgent(ctx, "admin");
    await admin.agent
      .post("/settings")
      .type("form")
      .send({ _csrf: await admin.csrf("/settings"), twoPersonReview: "on" });
    const claim = await buildClaim(ctx.db, { text: "Inline confirm box claim" });
    const path = `/claims/${claim.id}`;
    const first = await signedInAgent(ctx, "reviewer");
    expect(
      (
        await first.agent
          .post(`${path}/reviews`)
          .type("form")
          .send({ _csrf: await first.csrf(path), status: "verified", rationale: "two sources" })
      ).status,
    ).toBe(303);
    const pending = await ctx.db.review.findFirstOrThrow({ where: { claimId: claim.id } });

    const second = await signedInAgent(ctx, "reviewer");
    const res = await second.agent
      .post(`/reviews/${pending.id}/confirm`)
      .type("form")
      .send({ _csrf: await second.csrf(path), decision: "reject", note: tooLong });
    expect(res.status).toBe(422);
    expect(selected(res.text, `review-${pending.id}-decision`)).toBe("reject");
    expect(res.text).toContain(`value="${tooLong}"`);
    expect(res.text).toMatch(new RegExp(`class="field-error" id="review-${pending.id}-note-error"`));
    // the verdict box still starts at the claim's status, not at the confirm box's values
    expect(selected(res.text, "review-status")).toBe("unreviewed");
    expect((await ctx.db.review.findUniqueOrThrow({ where: { id: pending.id } })).state).toBe("pending");
    await admin.agent
      .post("/settings")
      .type("form")
      .send({ _csrf: await admin.csrf("/settings") });
  });

  it("when a link decision is refused (note too long), then the box keeps 'dismiss' and the note, with the message beside the note", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const a = await buildClaim(ctx.db, { text: "The bridge at Qamishli was destroyed on Monday" });
    const b = await buildClaim(ctx.db, { text: "The bridge at Qamishli still stands, officials said" });
    // the engine may already have linked the two; the test needs one suggested contradiction between them
    const found = await ctx.db.claimLink.findFirst({
      where: {
        OR: [
          { fromId: a.id, toId: b.id },
          { fromId: b.id, toId: a.id },
        ],
      },
    });
    const link = found
      ? await ctx.db.claimLink.update({ where: { id: found.id }, data: { relation: "conflict", status: "suggested" } })
      : await ctx.db.claimLink.create({
          data: {
            fromId: a.id,
            toId: b.id,
            relation: "conflict",
            origin: "engine",
            score: 0.6,
            reasons: JSON.stringify({ reasons: [], details: [], probs: { conflict: 0.6 } }),
          },
        });
    const res = await agent
      .post(`/links/${link.id}/decision`)
      .type("form")
      .send({ _csrf: await csrf(`/claims/${b.id}`), _claim: String(b.id), decision: "dismiss", note: tooLong });
    expect(res.status).toBe(422);
    expect(selected(res.text, `link-${link.id}-decision`)).toBe("dismiss");
    expect(res.text).toContain(`value="${tooLong}"`);
    expect(res.text).toMatch(new RegExp(`class="field-error" id="link-${link.id}-note-error"`));
    expect((await ctx.db.claimLink.findUniqueOrThrow({ where: { id: link.id } })).status).toBe("suggested");
  });
});
