/**
 * Meaning across languages, through the API: an Arabic claim saved with no translation is
 * matched to the English claim that states the same proposition (the Arabic student encoder
 * puts it in the English encoder's space), with a reason in plain words.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STUDENT_ID } from "../../src/encoder/arabic-student.ts";
import { ENCODER_ID } from "../../src/encoder/sentence-encoder.ts";
import { setupApi, type ApiContext } from "./support.ts";

let ctx: ApiContext;
beforeAll(async () => {
  ctx = await setupApi();
});
afterAll(() => ctx.close());

const linksOf = (id: number) => ctx.db.claimLink.findMany({ where: { OR: [{ fromId: id }, { toId: id }] } });

describe("claims matched by meaning across Arabic and English", () => {
  it("when an English claim is stored and an Arabic claim with the same meaning is saved without a translation, then the link is suggested with a cross-language reason", async () => {
    const en = await ctx.as.analyst.post("/claims", { text: "Heavy rain flooded the tents of displaced families in the camp overnight.", language: "en" });
    expect(en.status, en.text).toBe(201);
    const other = await ctx.as.analyst.post("/claims", { text: "The health ministry reported one hundred new cholera cases in a single day.", language: "en" });
    expect(other.status).toBe(201);
    // the same proposition in other words and another language; nobody typed a translation
    const ar = await ctx.as.analyst.post("/claims", { text: "أغرقت الأمطار الغزيرة خيام العائلات النازحة في المخيم ليلاً", language: "ar" });
    expect(ar.status, ar.text).toBe(201);

    const vectors = await ctx.db.claimVector.findMany({ where: { claimId: { in: [en.body.id, ar.body.id] } } });
    expect(Object.fromEntries(vectors.map((v) => [v.claimId, v.model]))).toEqual({ [en.body.id]: ENCODER_ID, [ar.body.id]: STUDENT_ID });

    const links = await linksOf(ar.body.id);
    const link = links.find((l) => [l.fromId, l.toId].includes(en.body.id));
    expect(link, JSON.stringify(links)).toBeDefined();
    expect(link).toMatchObject({ relation: "agree", status: "suggested", origin: "engine" });
    const reasons = JSON.parse(link!.reasons) as { reasons: string[] };
    expect(reasons.reasons[0]).toMatch(/^same meaning across languages, similarity (0\.\d\d|1\.00); both mention /);
    expect(link!.score).toBeGreaterThan(0.5);
    // the unrelated English claim is not suggested as the same proposition
    expect(links.some((l) => [l.fromId, l.toId].includes(other.body.id) && l.relation === "agree")).toBe(false);
  }, 60_000);

  it("when the Arabic claim is worded differently from a stored Arabic claim, then its search finds it by meaning", async () => {
    const first = await ctx.as.analyst.post("/claims", { text: "انسحبت القوات الأمريكية من قاعدتها العسكرية في شمال سوريا", language: "ar" });
    expect(first.status).toBe(201);
    const second = await ctx.as.analyst.post("/claims", { text: "الجنود الأمريكيون غادروا القاعدة في الشمال السوري", language: "ar" });
    expect(second.status).toBe(201);
    const links = await linksOf(second.body.id);
    const link = links.find((l) => [l.fromId, l.toId].includes(first.body.id));
    expect(link, JSON.stringify(links)).toBeDefined();
    const retrieval = (JSON.parse(link!.reasons) as { retrieval: { reasons: string[] } }).retrieval.reasons.join("; ");
    expect(retrieval).toMatch(/similarity 0\.\d\d/);
  }, 60_000);
});
