import { describe, expect, it } from "vitest";
import { EntityDictionary, defaultEntities, resolveEntities } from "../../src/engine/entities.ts";

const ids = (t: string, d = defaultEntities) => resolveEntities(t, d).map((m) => m.id);

describe("entity and alias resolution", () => {
  it("resolves the SDF across languages and spellings", () => {
    for (const t of ["قسد", "وقسد", "قوات سوريا الديمقراطية", "قوات سورية الديمقراطية", "SDF", "the Syrian Democratic Forces"]) expect(ids(t)).toContain("sdf");
  });
  it("resolves ISIS aliases", () => {
    for (const t of ["داعش", "تنظيم الدولة", "تنظيم الدولة الإسلامية", "ISIS", "ISIL", "Islamic State", "IS fighters"]) expect(ids(t)).toContain("isis");
  });
  it("does not read the English words 'is'/'us' as ISIS or the US", () => {
    expect(ids("this is what they told us")).toEqual([]);
  });
  it("prefers the longest alias: الجيش العراقي is the Iraqi army, not Iraq", () => {
    expect(ids("الجيش العراقي ينفي")).toEqual(["iraqi_army"]);
    expect(ids("the Iraqi army denied")).toEqual(["iraqi_army"]);
  });
  it("places: دير الزور = Deir ez-Zor, الحسكة = Hasakah, with clitics", () => {
    expect(ids("في ريف دير الزور وبالحسكة")).toEqual(["deir_ezzor", "hasakah"]);
    expect(ids("Deir ez-Zor and Hasaka")).toEqual(["deir_ezzor", "hasakah"]);
  });
  it("coalition and YPG", () => {
    expect(ids("التحالف الدولي")).toEqual(["coalition"]);
    expect(ids("the US-led coalition")).toEqual(["coalition"]);
    expect(ids("وحدات حماية الشعب")).toEqual(["ypg"]);
  });
  it("does not mistake ordinary words for places (فرقة ≠ الرقة, حماية ≠ حماة)", () => {
    expect(ids("فرقة أوركسترا")).toEqual([]);
    expect(ids("حماية الحدود")).toEqual([]);
    expect(ids("مدينة الرقة")).toEqual(["raqqa"]);
  });
  it("accepts extra aliases at run time without touching the default dictionary", () => {
    const d = defaultEntities.withAliases({ sdf: ["QSD media office"], kurdish_obs: ["المرصد الكردي", "Kurdish Observatory"] });
    expect(ids("the QSD media office said", d)).toContain("sdf");
    expect(ids("قال المرصد الكردي", d)).toEqual(["kurdish_obs"]);
    expect(ids("Kurdish Observatory", d)).toEqual(["kurdish_obs"]);
    expect(ids("قال المرصد الكردي")).toEqual([]);
    const e = new EntityDictionary();
    e.addAliases("sdf", ["مسد"]);
    expect(ids("مسد", e)).toEqual(["sdf"]);
  });
});
