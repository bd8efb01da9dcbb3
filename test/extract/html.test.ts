import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { extractMainText, markdownToText } from "../../src/extract/html.ts";

const fixture = (name: string) => readFileSync(new URL(`../fixtures/extract/${name}`, import.meta.url), "utf8");

describe("extractMainText", () => {
  const { title, text } = extractMainText(fixture("article.html"));

  it("when the page has an <h1> in the article, then it is the title", () => {
    expect(title).toBe("نفي عراقي لتشكيل مركز مشترك");
  });

  it("when the page has chrome, then only the article body is kept, paragraph by paragraph", () => {
    expect(text.split("\n\n")).toEqual([
      "نفى الجيش العراقي تشكيل مركز مشترك مع قوات سوريا الديمقراطية على الحدود.",
      'وقال مصدر عسكري إن "الخبر لا أساس له".',
      "وأضاف المصدر أن الاتصالات مستمرة.",
    ]);
  });

  it("when boilerplate lines, scripts, share widgets, related links and forms are present, then none survive", () => {
    for (const junk of ["مقالات ذات صلة", "زر الذهاب", "اقرأ أيضاً", "شارك", "فيسبوك", "سكربت", "الأكثر قراءة", "الرئيسية", "تعليقك", "جميع الحقوق", "مقال آخر"]) {
      expect(text).not.toContain(junk);
    }
  });

  it("when there is no <article>, then the block with the most paragraph text wins", () => {
    const html = `<html><body><div class="menu-x"><a href="#">Home</a></div>
      <div id="c"><p>The Iraqi army denied the report on Sunday.</p><p>A spokesman said there was no joint centre.</p></div>
      <div><p>Short.</p></div><div class="footer-links">Related articles</div></body></html>`;
    const r = extractMainText(html);
    expect(r.text).toBe("The Iraqi army denied the report on Sunday.\n\nA spokesman said there was no joint centre.");
  });

  it("when English boilerplate lines are inside the body, then they are dropped", () => {
    const html = `<article><p>Officials said the crossing reopened.</p><p>Share this</p><p>Related articles</p><p>Read more: another story</p></article>`;
    expect(extractMainText(html).text).toBe("Officials said the crossing reopened.");
  });
});

describe("markdownToText", () => {
  it("strips headings, emphasis, links, quotes, lists and images but keeps the words and paragraphs", () => {
    const t = markdownToText(fixture("report.md"));
    expect(t).toContain("Iraq denies joint centre\n\nBAGHDAD — The Iraqi army denied on Sunday that a joint centre had been formed.");
    expect(t).toContain('"There is no such centre," a spokesman said.');
    expect(t).toContain("Item one with code\nItem two");
    expect(t).not.toMatch(/[#*>`[\]]|\]\(|https?:/);
  });
});
