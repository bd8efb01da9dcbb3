import { fileURLToPath } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { run, summary } from "../../src/cli/commands/extract.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/extract/${name}`, import.meta.url));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  vi.spyOn(console, "log").mockImplementation((...a: unknown[]) => void out.push(a.join(" ")));
  vi.spyOn(console, "error").mockImplementation((...a: unknown[]) => void err.push(a.join(" ")));
  return { out, err };
}

afterEach(() => vi.restoreAllMocks());

describe("cli extract", () => {
  it("exports a one-line summary", () => {
    expect(summary).toMatch(/suggest/);
  });

  it("--json prints one JSON object with the detected outlet and the suggestions", async () => {
    const { out } = capture();
    expect(await run([fixture("000_c05d65dbb0b1fda2.txt"), "--json"])).toBe(0);
    expect(out).toHaveLength(1);
    const obj = JSON.parse(out[0]);
    expect(obj.outlet.name).toBe("Political Keys");
    expect(obj.suggestions).toHaveLength(7);
    expect(obj.suggestions[0].stance).toBe("unverified");
  });

  it("--outlet overrides detection; the human output lists stance, cue, claim and speaker", async () => {
    const { out } = capture();
    expect(await run([fixture("001_cad93aab64d4a56d.txt"), "--outlet", "Al-Khabar TV"])).toBe(0);
    const text = out.join("\n");
    expect(text).toContain("outlet: Al-Khabar TV (--outlet)");
    expect(text).toMatch(/DENIED — cue «نفياً»/);
    expect(text).toContain("speaker: مصطفى بالي");
  });

  it("reads HTML through the main-text extractor (title first)", async () => {
    const { out } = capture();
    expect(await run([fixture("article.html"), "--json"])).toBe(0);
    const obj = JSON.parse(out[0]);
    expect(obj.sentences[0].text).toBe("نفي عراقي لتشكيل مركز مشترك");
    const denial = obj.suggestions.find((s: { cue: { text: string } }) => s.cue.text === "نفى");
    expect(denial.stance).toBe("denied");
    expect(JSON.stringify(obj)).not.toContain("مقالات ذات صلة");
  });

  it("reads Markdown as plain text", async () => {
    const { out } = capture();
    expect(await run([fixture("report.md"), "--json"])).toBe(0);
    const obj = JSON.parse(out[0]);
    expect(obj.suggestions.some((s: { stance: string }) => s.stance === "denied")).toBe(true);
  });

  it("--published resolves relative dates to days", async () => {
    const { out } = capture();
    expect(await run([fixture("000_c05d65dbb0b1fda2.txt"), "--published", "2019-03-28"])).toBe(0);
    expect(out.join("\n")).toContain("يوم السبت الماضي = 2019-03-23");
  });

  it("fails with usage on bad arguments and with 1 on a missing file", async () => {
    const { err } = capture();
    expect(await run(["x.txt", "--published", "someday"])).toBe(2);
    expect(await run([])).toBe(2);
    expect(await run(["--bogus"])).toBe(2);
    expect(await run(["/nonexistent/file.txt"])).toBe(1);
    expect(err.join("\n")).toContain("usage:");
  });
});
