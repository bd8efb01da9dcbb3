/** Ingest: a speaker named as a variant of a known source proposes that source (and keeps the variant as an alias). */
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { apiToken, buildSource, buildUser, setupTestApp, type TestContext } from "../helpers.ts";

let ctx: TestContext;
let token: string;
beforeAll(async () => {
  ctx = await setupTestApp();
  const user = await buildUser(ctx.db, { role: "analyst" });
  token = await apiToken(ctx.db, user.username);
});
afterAll(() => ctx.close());

const post = (path: string) => request(ctx.app).post(`/api/v1${path}`).set("Authorization", `Bearer ${token}`);
const get = (path: string) => request(ctx.app).get(`/api/v1${path}`).set("Authorization", `Bearer ${token}`);

interface SuggestionOut {
  speaker: { name: string; isNew: boolean; matchedSourceId?: number };
  proposal: { decision: string; speakerId?: number; speakerName?: string; speakerParentId?: number; speakerAliases?: string[] };
  proposalWhy: string[];
}

async function suggestionsOf(text: string, publisher?: number) {
  const ing = await post("/ingest").send({ text, ...(publisher ? { publisher } : {}), publishedAt: "2024-05-12" });
  expect(ing.status, ing.text).toBe(201);
  const id = ing.body.document.id as number;
  const res = await get(`/documents/${id}/suggestions`);
  expect(res.status, res.text).toBe(200);
  return { id, suggestions: res.body.suggestions as SuggestionOut[] };
}

describe("speaker variants on ingest", () => {
  it("when a report names «المركز الإعلامي لقسد» and «المركز الإعلامي لقوات سوريا الديمقراطية» is known, then the known source is proposed, saying why, and accepting keeps the variant as its alias", async () => {
    const outlet = await buildSource(ctx.db, { name: "شبكة الشرق", kind: "outlet" });
    const centre = await buildSource(ctx.db, { name: "المركز الإعلامي لقوات سوريا الديمقراطية", kind: "official_body", aliases: [] });
    const { id, suggestions } = await suggestionsOf(
      "أعلن المركز الإعلامي لقسد، اليوم الأحد، أن القوات سيطرت على قرية الباغوز بعد معارك عنيفة استمرت ثلاثة أيام.",
      outlet.id,
    );
    const s = suggestions.find((x) => x.proposal.decision !== "reject")!;
    expect(s.proposal.speakerId).toBe(centre.id);
    expect(s.proposal.speakerName).toBeUndefined();
    expect(s.proposal.speakerAliases).toEqual(["المركز الإعلامي لقسد"]);
    expect(s.proposalWhy.join(" ")).toContain("variant of known source «المركز الإعلامي لقوات سوريا الديمقراطية»");

    const sourcesBefore = await ctx.db.source.count();
    const accepted = await post(`/documents/${id}/suggestions`).send({ items: suggestions.map((x) => x.proposal) });
    expect(accepted.status, accepted.text).toBe(201);
    expect(await ctx.db.source.count()).toBe(sourcesBefore);
    const aliases = await ctx.db.sourceAlias.findMany({ where: { sourceId: centre.id } });
    expect(aliases.map((a) => a.alias)).toEqual(["المركز الإعلامي لقسد"]);
    const audit = await ctx.db.auditEvent.findFirstOrThrow({ where: { action: "source.update", entityId: String(centre.id) }, orderBy: { seq: "desc" } });
    expect(JSON.parse(audit.after).aliasesAdded).toEqual(["المركز الإعلامي لقسد"]);
    const attribution = await ctx.db.attribution.findFirstOrThrow({ where: { documentId: id } });
    expect(attribution.sourceId).toBe(centre.id);
  });

  it("when only the forces are known, then their media office is not proposed as the forces but as a new source belonging to them", async () => {
    const forces = await buildSource(ctx.db, { name: "قوات الأمن الداخلي", kind: "official_body", aliases: ["الأسايش"] });
    const { suggestions } = await suggestionsOf("قال المكتب الإعلامي لقوات الأمن الداخلي إن دورية اعتقلت خمسة مطلوبين في حي غويران بمدينة الحسكة.");
    const s = suggestions.find((x) => x.proposal.decision !== "reject")!;
    expect(s.proposal.speakerId).toBeUndefined();
    expect(s.proposal.speakerName).toBe("المكتب الإعلامي لقوات الأمن الداخلي");
    expect(s.proposal.speakerParentId).toBe(forces.id);
    expect(s.proposalWhy.join(" ")).toContain("is a part of known source «قوات الأمن الداخلي»");
  });

  it("when an English report says 'the SDF' and 'Syrian Democratic Forces' is known, then that source is proposed", async () => {
    const sdf = await buildSource(ctx.db, { name: "Syrian Democratic Forces", kind: "armed_group", aliases: [] });
    const { suggestions } = await suggestionsOf("The SDF said on Monday that its fighters had taken the village of Baghuz after three days of heavy fighting.");
    const s = suggestions.find((x) => x.proposal.decision !== "reject")!;
    expect(s.proposal.speakerId).toBe(sdf.id);
    expect(s.proposalWhy.join(" ")).toMatch(/variant of known source «Syrian Democratic Forces»/);
  });

  it("when the new name is another body of the same kind, then no known source is proposed", async () => {
    await buildSource(ctx.db, { name: "وزارة الدفاع السورية", kind: "official_body", aliases: [] });
    const { suggestions } = await suggestionsOf("أعلنت وزارة الدفاع التركية أن طائراتها قصفت مواقع في ريف الحسكة الشمالي فجر اليوم.");
    const s = suggestions.find((x) => x.proposal.decision !== "reject")!;
    expect(s.proposal.speakerId).toBeUndefined();
    expect(s.proposalWhy.join(" ")).not.toContain("variant of known source");
  });
});
