/**
 * A new source named as the body it is, with the body it belongs to as its parent, in Arabic and
 * in English (src/extract/source-names.ts), and the speaker the extractor builds from it.
 */
import { describe, expect, it } from "vitest";
import { canonicalBodyName, canonicalBodyNameEn } from "../../src/extract/source-names.ts";
import { extractSuggestions } from "../../src/extract/extract.ts";

describe("the body a new source belongs to", () => {
  it("when an Arabic centre is described as belonging to the SDF, known as قسد, then the SDF is its parent and قسد the SDF's short name", () => {
    expect(canonicalBodyName("المركز الإعلامي التابع لقوات سوريا الديمقراطية المعروفة اختصاراً قسد")).toEqual({
      name: "المركز الإعلامي لقوات سوريا الديمقراطية",
      aliases: ["المركز الإعلامي التابع لقوات سوريا الديمقراطية المعروفة اختصاراً قسد"],
      parent: { name: "قوات سوريا الديمقراطية", aliases: ["قسد"] },
    });
  });

  it("when an English office is 'of' a named body, or the body's, then that body is its parent, with the capitals after its name as its short name", () => {
    expect(canonicalBodyNameEn("media office of the Syrian Democratic Forces SDF")).toEqual({
      name: "media office of the Syrian Democratic Forces",
      aliases: [],
      parent: { name: "Syrian Democratic Forces", aliases: ["SDF"] },
    });
    expect(canonicalBodyNameEn("press office of the Kurdistan Democratic Party").parent).toEqual({ name: "Kurdistan Democratic Party", aliases: [] });
    expect(canonicalBodyNameEn("SDF's media centre").parent).toEqual({ name: "SDF", aliases: [] });
    expect(canonicalBodyNameEn("military command affiliated with the Syrian Democratic Forces").parent?.name).toBe("Syrian Democratic Forces");
  });

  it("when an English name is one body ('Ministry of Defence', 'Department of State', 'Council of Ministers'), then it gets no parent", () => {
    for (const n of ["Ministry of Defence", "Department of State", "Council of Ministers", "Iraqi army", "office of a local activist"])
      expect(canonicalBodyNameEn(n).parent, n).toBeUndefined();
  });

  it("when an English report quotes the SDF's media office and the SDF is on file, then the speaker is proposed under that source, as an official body, not a news outlet", () => {
    const known = [{ id: 7, name: "Syrian Democratic Forces", aliases: ["SDF", "قسد"], kind: "armed_group" }];
    const { suggestions } = extractSuggestions({
      text: "The media office of the Syrian Democratic Forces (SDF) said on Tuesday that a joint border centre had been formed with the Iraqi army.",
      knownSources: known,
    });
    expect(suggestions).toHaveLength(1);
    expect(suggestions[0].speaker).toMatchObject({
      name: "media office of the Syrian Democratic Forces",
      kind: "official_body",
      isNew: true,
      parent: { name: "Syrian Democratic Forces", matchedSourceId: 7 },
    });
  });
});
