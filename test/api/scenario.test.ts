/**
 * The founding scenario, driven only through the API: the SDF media centre announces a joint
 * border-coordination centre with the Iraqi army, the Iraqi army denies it (DESIGN.md).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupApi, type ApiContext } from "./support.ts";

let ctx: ApiContext;
beforeAll(async () => {
  ctx = await setupApi();
});
afterAll(() => ctx.close());

const REPORT = [
  "مركز مشترك للتنسيق بين الجيش العراقي و قوات “قسد” لحماية الحدود .. والعراق ينفي!",
  "نشرت عدد من وسائل الإعلام العربية ” نفياً من الجيش العراقي عن تشكيل مركز مشترك لإدارة العمليات مع قوات ” سوريا الديمقراطية ” على طول الحدود المحاذية لريف محافظة دير الزور ” .",
  "و أعلن المركز الإعلامي التابع لــ ” قوات سوريا الديمقراطية ” المعروفة اختصاراً ” قسد” مؤخراً عن تشكيل مركز مشترك مع الجيش العراقي، لتنسيق حماية أمن الحدود بين سوريا والعراق المتاخمة لمحافظة دير الزور.",
].join("\n");

type Conflict = { id: number; kind: string; status: string; explanation: string; items: { side: string; attribution: { source: { name: string } } }[] };

describe("the founding scenario through the API", () => {
  it("when the SDF media centre asserts and the Iraqi army denies, then a stance conflict opens; a dismissal survives unrelated evidence, re-opens on a new denial, and a self-reversal is its own conflict", async () => {
    const api = ctx.as.analyst;
    const outlet = (await api.post("/sources", { name: "Al-Khabar TV", kind: "outlet", reliability: "D" }).expect(201)).body;
    const sdf = (await api.post("/sources", { name: "SDF media centre", kind: "official_body", aliases: ["المركز الإعلامي لقسد"] }).expect(201)).body;
    const army = (await api.post("/sources", { name: "Iraqi army", kind: "official_body", aliases: ["الجيش العراقي"] }).expect(201)).body;
    const doc = (
      await api
        .post("/documents", { title: "مركز مشترك للتنسيق", language: "ar", publisherId: outlet.id, url: "https://example.org/khabar", text: REPORT })
        .expect(201)
    ).body;
    const claim = (
      await api
        .post("/claims", {
          text: "شكلت قسد والجيش العراقي مركزاً مشتركاً لتنسيق أمن الحدود",
          language: "ar",
          translation: "The SDF and the Iraqi army formed a joint border-coordination centre",
        })
        .expect(201)
    ).body;
    const attributions = `/claims/${claim.id}/attributions`;

    await api
      .post(attributions, { sourceId: sdf.id, documentId: doc.id, stance: "asserted", quote: "أعلن المركز الإعلامي", statedAt: "2019-03-27" })
      .expect(201);
    await api
      .post(attributions, { sourceId: army.id, documentId: doc.id, stance: "denied", quote: "نفياً من الجيش العراقي", statedAt: "2019-03-28" })
      .expect(201);

    // An open stance conflict naming both sides.
    const open = await api.get("/conflicts?status=open");
    expect(open.body.total).toBe(1);
    const conflict: Conflict = open.body.items[0];
    expect(conflict).toMatchObject({ kind: "stance", status: "open" });
    expect(conflict.explanation).toContain("SDF media centre");
    expect(conflict.explanation).toContain("Iraqi army");
    expect(conflict.items.map((i) => [i.side, i.attribution.source.name])).toEqual([
      ["a", "SDF media centre"],
      ["b", "Iraqi army"],
    ]);
    expect((await api.get(`/claims/${claim.id}`)).body.conflicts).toEqual([expect.objectContaining({ id: conflict.id, status: "open" })]);

    // The analyst dismisses it.
    await api.patch(`/conflicts/${conflict.id}`, { status: "dismissed", note: "Checked: a translation error." }).expect(200);

    // An unrelated, unverified attribution does not touch the decision.
    const keys = (await api.post("/sources", { name: "Political Keys", kind: "outlet" }).expect(201)).body;
    await api.post(attributions, { sourceId: keys.id, stance: "unverified", quote: "مصادر خاصة" }).expect(201);
    expect((await api.get(`/conflicts/${conflict.id}`)).body).toMatchObject({ status: "dismissed", statusNote: "Checked: a translation error." });

    // A new denying source is new evidence: the conflict re-opens.
    const command = (await api.post("/sources", { name: "Joint Operations Command", kind: "official_body" }).expect(201)).body;
    await api.post(attributions, { sourceId: command.id, stance: "denied", quote: "لا صحة", statedAt: "2019-03-29" }).expect(201);
    const reopened = (await api.get(`/conflicts/${conflict.id}`)).body as Conflict;
    expect(reopened.status).toBe("open");
    expect(
      reopened.items
        .filter((i) => i.side === "b")
        .map((i) => i.attribution.source.name)
        .sort(),
    ).toEqual(["Iraqi army", "Joint Operations Command"]);

    // The SDF media centre later denies what it asserted: a reversal.
    await api.post(attributions, { sourceId: sdf.id, stance: "denied", quote: "لم يتم تشكيل أي مركز", statedAt: "2019-04-02" }).expect(201);
    const reversals = (await api.get("/conflicts?kind=reversal")).body;
    expect(reversals.total).toBe(1);
    expect(reversals.items[0]).toMatchObject({ kind: "reversal", status: "open", claim: { id: claim.id } });
    expect(reversals.items[0].explanation).toMatch(/SDF media centre reversed itself: it asserted the claim on 2019-03-27 and denied it on 2019-04-02/);
    expect(reversals.items[0].items.map((i: Conflict["items"][number]) => [i.side, i.attribution.source.name])).toEqual([
      ["a", "SDF media centre"],
      ["b", "SDF media centre"],
    ]);

    // The trail tells the story of the stance conflict in order.
    const trail = (await api.get(`/audit?entityType=conflict&entityId=${conflict.id}&pageSize=50`)).body.items
      .map((e: { action: string }) => e.action)
      .reverse();
    expect(trail.slice(0, 3)).toEqual(["conflict.open", "conflict.status", "conflict.reopen"]);
  });
});
