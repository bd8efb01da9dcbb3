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
    for (const junk of [
      "مقالات ذات صلة",
      "زر الذهاب",
      "اقرأ أيضاً",
      "شارك",
      "فيسبوك",
      "سكربت",
      "الأكثر قراءة",
      "الرئيسية",
      "تعليقك",
      "جميع الحقوق",
      "مقال آخر",
    ]) {
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

describe("extractMainText on a WordPress/Jannah-style page", () => {
  const html = `<html><head><title>عنوان الصفحة | موقع</title></head><body>
    <div id="tie-wrapper"><nav class="main-nav"><ul><li><a href="/">الرئيسية</a></li></ul></nav>
    <div class="container"><article id="the-post" class="container-wrapper post-content">
      <header class="entry-header-outer"><div class="entry-header"><h1 class="post-title entry-title">قسد تعلن عن مركز مشترك مع الجيش العراقي</h1>
        <div class="post-meta"><span class="date">منذ ساعتين</span></div></div></header>
      <div class="entry-content entry clearfix">
        <p>أعلن المركز الإعلامي لقسد عن تشكيل مركز مشترك.</p>
        <p>وقال مصطفى بالي إن الاجتماع كان تشاورياً.</p>
        <div id="share-buttons-bottom" class="share-buttons share-buttons-bottom"><a class="facebook-share-btn">فيسبوك</a></div>
      </div>
      <div class="post-components"><div id="related-posts" class="container-wrapper"><div class="mag-box-title"><h3>مقالات ذات صلة</h3></div>
        <div class="related-item"><a href="/x">خبر ذو صلة</a></div></div></div>
    </article></div>
    <a id="go-to-top" class="go-to-top-button" href="#go-to-tie-body"><span class="screen-reader-text">زر الذهاب إلى الأعلى</span></a>
    </div></body></html>`;

  it("keeps the headline from the entry header and the body paragraphs, nothing else", () => {
    const r = extractMainText(html);
    expect(r.title).toBe("قسد تعلن عن مركز مشترك مع الجيش العراقي");
    expect(r.text).toBe("أعلن المركز الإعلامي لقسد عن تشكيل مركز مشترك.\n\nوقال مصطفى بالي إن الاجتماع كان تشاورياً.");
  });
});
