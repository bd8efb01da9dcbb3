/** Sentence vectors inside the tracker: made when claims are saved, stored, reused, replaced when the text changes. */
import { onPostgres } from "../db-support.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fullClaimIndex } from "../../src/domain/matching/claim-index.ts";
import { STUDENT_ID } from "../../src/encoder/arabic-student.ts";
import { ENCODER_ID, setSentenceEncoderEnabled } from "../../src/encoder/sentence-encoder.ts";
import { buildClaim, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await setupTestApp();
});
afterAll(() => ctx.close());

const vectorOf = (claimId: number) => ctx.db.claimVector.findUnique({ where: { claimId } });

describe("sentence vectors of claims", () => {
  it("when English claims are saved, then each gets a stored vector, and a related claim's suggestion says how close in meaning they are", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const first = await buildClaim(ctx.db, { text: "A video shows a man punching a kangaroo in the face to save his dog.", language: "en" });
    const res = await agent
      .post("/claims")
      .type("form")
      .send({ _csrf: await csrf("/claims/new"), text: "Footage shows a man punching a kangaroo that grabbed his dog; it was staged.", language: "en" });
    expect(res.status).toBe(303);
    const second = Number(/\/(\d+)$/.exec(res.headers.location)![1]);
    for (const id of [first.id, second]) {
      const v = await vectorOf(id);
      expect(v).toMatchObject({ model: ENCODER_ID });
      expect(v!.vector.length).toBe(512);
    }
    const link = await ctx.db.claimLink.findFirstOrThrow({ where: { fromId: first.id, toId: second } });
    expect(JSON.parse(link.reasons).retrieval.reasons.join(" ")).toMatch(/sentence meaning similarity 0\.\d\d/);
    // the claim page says why the other claim was found, meaning included
    const page = await agent.get(`/claims/${second}`);
    expect(page.text).toMatch(/found by: .*sentence meaning similarity 0\.\d\d/s);
  });

  it("when a claim is Arabic, then the Arabic student encoder embeds it, unless it has an English translation, which the English encoder embeds", async () => {
    const plain = await buildClaim(ctx.db, { text: "قسد والجيش العراقي يشكلان مركزاً مشتركاً لتنسيق أمن الحدود", language: "ar" });
    const translated = await buildClaim(ctx.db, {
      text: "الجيش العراقي ينفي تشكيل مركز مشترك مع قسد",
      translation: "The Iraqi army denies forming a joint centre with the SDF",
      language: "ar",
    });
    expect(await vectorOf(plain.id)).toMatchObject({ model: STUDENT_ID });
    expect(await vectorOf(translated.id)).toMatchObject({ model: ENCODER_ID });
  });

  it("when a claim's text is edited, then its vector is replaced; a stored vector made from other text is never loaded", async () => {
    const { agent, csrf } = await signedInAgent(ctx);
    const c = await buildClaim(ctx.db, { text: "Turkish drones struck a fuel depot near Qamishli on Saturday.", language: "en" });
    const before = await vectorOf(c.id);
    const res = await agent
      .post(`/claims/${c.id}`)
      .type("form")
      .send({ _csrf: await csrf(`/claims/${c.id}/edit`), text: "Protesters blocked the road to the Semalka crossing for a second day.", language: "en" });
    expect(res.status).toBe(303);
    const after = await vectorOf(c.id);
    expect(after!.textHash).not.toBe(before!.textHash);
    expect(Buffer.from(after!.vector).equals(Buffer.from(before!.vector))).toBe(false);

    // a vector whose text hash no longer matches (e.g. written by an older version) is ignored by a fresh index
    await ctx.db.claimVector.update({ where: { claimId: c.id }, data: { textHash: "stale" } });
    const { index } = await fullClaimIndex(ctx.db);
    expect(index.hasVector(String(c.id))).toBe(false);
    const other = await ctx.db.claimVector.findFirstOrThrow({ where: { NOT: { claimId: c.id } } });
    expect(index.hasVector(String(other.claimId))).toBe(true);
  });

  it("when the encoder is switched off, then claims save and match by words alone, with no vectors written", async () => {
    setSentenceEncoderEnabled(false);
    try {
      const c = await buildClaim(ctx.db, { text: "Heavy rain flooded the camp at al-Hol overnight, aid groups said.", language: "en" });
      expect(await vectorOf(c.id)).toBeNull();
      const ar = await buildClaim(ctx.db, { text: "أمطار غزيرة تغمر مخيم الهول خلال الليل", language: "ar" });
      expect(await vectorOf(ar.id)).toBeNull(); // the Arabic student is switched off with it
    } finally {
      setSentenceEncoderEnabled(true);
    }
  });

  it("when a claim is deleted, then its vector goes with it (cascade)", async () => {
    const c = await buildClaim(ctx.db, { text: "The coalition withdrew its advisers from the Tanf garrison this week.", language: "en" });
    expect(await vectorOf(c.id)).not.toBeNull();
    if (!onPostgres) await ctx.db.$executeRawUnsafe(`PRAGMA foreign_keys = ON`);
    await ctx.db.claim.delete({ where: { id: c.id } });
    expect(await vectorOf(c.id)).toBeNull();
  });
});
