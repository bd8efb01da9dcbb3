import { describe, expect, it } from "vitest";
import { corroborate, type SourceNode, type StanceRecord } from "../../src/engine/corroboration.ts";
import { suggestCredibility } from "../../src/engine/credibility.ts";

const node = (id: number, name: string, kind: string, reliability = "C", parentId: number | null = null): SourceNode => ({
  id,
  name,
  kind,
  reliability,
  parentId,
});
const sdf = node(1, "SDF", "armed_group", "C");
const media = node(2, "SDF media centre", "official_body", "C", 1);
const bali = node(3, "Mustafa Bali", "spokesperson", "C", 2);
const army = node(4, "Iraqi army", "official_body", "B");
const khabar = node(10, "Al-Khabar TV", "outlet", "C");
const pk = node(11, "Political Keys", "outlet", "D");
const aj = node(12, "Al Jazeera", "outlet", "B");
const reuters = node(13, "Reuters", "agency", "A");
const anon1 = node(20, "private sources (Political Keys)", "anonymous", "F", 11);
const anon2 = node(21, "informed sources (Political Keys)", "anonymous", "F", 11);
const anonAj = node(22, "sources (Al Jazeera)", "anonymous", "F", 12);
const all = [sdf, media, bali, army, khabar, pk, aj, reuters, anon1, anon2, anonAj];

let nextId = 100;
const rec = (stance: StanceRecord["stance"], speaker: SourceNode, outlet?: SourceNode, via?: SourceNode): StanceRecord => ({
  attributionId: nextId++,
  stance,
  speaker,
  outlet,
  via,
});

describe("independent origins", () => {
  it("when three outlets carry one statement, then it counts once", () => {
    const c = corroborate([rec("asserted", media, khabar), rec("asserted", media, aj), rec("asserted", media, pk)], all);
    expect(c.asserted).toHaveLength(1);
    expect(c.asserted[0].carriers).toEqual(["Al-Khabar TV", "Al Jazeera", "Political Keys"]);
    expect(c.summary).toBe("asserted by 1 independent origin, denied by 0");
  });

  it("when a second speaker says it, then it counts twice", () => {
    const c = corroborate([rec("asserted", media, khabar), rec("asserted", army, aj)], all);
    expect(c.asserted).toHaveLength(2);
  });

  it("when a spokesperson and their body both say it, then they are one origin", () => {
    const c = corroborate([rec("asserted", bali, khabar), rec("asserted", media, aj), rec("asserted", sdf, pk)], all);
    expect(c.asserted.map((o) => o.label)).toEqual(["SDF"]);
  });

  it("when anonymous sources of one outlet speak, then they count once per outlet", () => {
    const c = corroborate([rec("unverified", anon1, pk), rec("unverified", anon2, pk), rec("unverified", anonAj, aj)], all);
    expect(c.unverified.map((o) => o.label)).toEqual(["anonymous sources of Political Keys", "anonymous sources of Al Jazeera"]);
  });

  it("when an outlet reports 'according to' an agency, then the agency is the origin", () => {
    const c = corroborate([rec("asserted", khabar, khabar, reuters), rec("asserted", reuters, aj)], all);
    expect(c.asserted).toHaveLength(1);
    expect(c.asserted[0].label).toBe("Reuters");
  });
});

describe("suggested credibility", () => {
  it("when another reliable independent origin confirms, then 1 with the reason", () => {
    const a = rec("asserted", media, khabar);
    const c = corroborate([a, rec("asserted", reuters, aj)], all);
    const s = suggestCredibility(c, a.attributionId, "asserted");
    expect(s.grade).toBe(1);
    expect(s.reasons[0]).toContain("Reuters (A)");
  });

  it("when a reliable origin denies it, then 5", () => {
    const a = rec("asserted", media, khabar);
    const c = corroborate([a, rec("denied", army, khabar)], all);
    expect(suggestCredibility(c, a.attributionId, "asserted")).toEqual({ grade: 5, reasons: ["contradicted by Iraqi army (B)"] });
  });

  it("when copies of the same statement are the only support, then they do not corroborate", () => {
    const a = rec("asserted", media, khabar);
    const c = corroborate([a, rec("asserted", media, aj), rec("asserted", bali, pk)], all);
    const s = suggestCredibility(c, a.attributionId, "asserted");
    expect(s.grade).toBe(3);
    expect(s.reasons).toContain("3 copies of the same origin counted once");
  });

  it("when the claim rests on one anonymous origin, then 6", () => {
    const a = rec("unverified", anon1, pk);
    const c = corroborate([a, rec("unverified", anon2, pk)], all);
    const s = suggestCredibility(c, a.attributionId, "unverified");
    expect(s.grade).toBe(6);
    expect(s.reasons[0]).toBe("rests only on anonymous sources of Political Keys");
  });
});
