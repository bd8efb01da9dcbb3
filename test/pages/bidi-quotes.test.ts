/** Guillemets and quotes around Arabic words inside English sentences keep their places (isolated). */
import { describe, expect, it } from "vitest";
import { isolateQuoted, plainReasons } from "../../src/presenters/reasons.ts";
import { textLang } from "../../src/http/views.ts";

describe("quoted Arabic in English reasons", () => {
  it("when a reason quotes an Arabic cue, then the quoted words are wrapped in isolates inside the marks", () => {
    expect(isolateQuoted("denial cue 'تنفي' in: «نفى الجيش العراقي»")).toBe("denial cue '\u2068تنفي\u2069' in: «\u2068نفى الجيش العراقي\u2069»");
    expect(isolateQuoted("the army's denial of 'x'")).toBe("the army's denial of 'x'");
    expect(plainReasons(["negation in B only: «ينفي»"], []).plain[0]).toBe("only one of the two is negated («\u2068ينفي\u2069»)");
  });

  it("when text starts in English and quotes Arabic, then its language is English (the first strong letter), and the other way round", () => {
    expect(textLang("The SDF («قسد») announced")).toBe("en");
    expect(textLang("«قسد» announced")).toBe("ar");
    expect(textLang("2024: قسد")).toBe("ar");
  });
});
