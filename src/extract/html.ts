/**
 * Main article text from an HTML page, and plain text from Markdown.
 *
 * HTML: page chrome (script/style/nav/header/footer/aside/forms, share and related-article
 * widgets) is removed; the content container is the largest <article>, else <main> /
 * [role=main], else the block whose direct <p> children carry the most text; block elements
 * become paragraph breaks ("\n\n"); boilerplate lines ("مقالات ذات صلة", "Share this" …) and
 * link lists are dropped.
 */
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { normalizeText } from "../engine/normalize.ts";

const DROP_TAGS =
  "script, style, noscript, template, nav, header, footer, aside, form, iframe, svg, button, select, input, textarea, label, object, embed, canvas, dialog, menu";

/** Class / id fragments of page furniture. */
const CHROME_RE =
  /(?:^|[\s_-])(?:share|sharing|social|sharedaddy|related|recommended|more-news|read-?more|comments?|breadcrumbs?|newsletter|subscribe|advert|ads?|ad-slot|sponsor|sidebar|widget|menu|navbar|nav|tags?|tag-?list|author-?box|popup|modal|cookie|banner|footer|header|toolbar|print|pagination|pager|back-?to-?top|go-?to-?top|scroll-?top)(?:$|[\s_-])/i;

/** Lines that are page furniture whatever markup they came in (compared normalised). */
const BOILERPLATE = [
  "مقالات ذات صلة",
  "مواضيع ذات صلة",
  "أخبار ذات صلة",
  "اقرأ أيضا",
  "اقرأ أيضاً",
  "إقرأ أيضا",
  "إقرأ أيضاً",
  "اقرأ المزيد",
  "زر الذهاب إلى الأعلى",
  "الذهاب إلى الأعلى",
  "شارك",
  "شارك هذا",
  "شارك المقال",
  "شارك الخبر",
  "مشاركة",
  "تابعونا",
  "تابعنا على",
  "جميع الحقوق محفوظة",
  "related articles",
  "related posts",
  "related stories",
  "related",
  "read more",
  "read also",
  "see also",
  "share this",
  "share this article",
  "share",
  "tweet",
  "advertisement",
  "إعلان",
  "back to top",
  "follow us",
  "all rights reserved",
  "copyright",
  "facebook",
  "twitter",
  "whatsapp",
  "telegram",
  "print",
  "email",
].map((s) => normalizeText(s));

const BLOCK_TAGS = new Set([
  "p",
  "div",
  "section",
  "article",
  "main",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "li",
  "ul",
  "ol",
  "blockquote",
  "pre",
  "figure",
  "figcaption",
  "table",
  "tr",
  "td",
  "th",
  "dl",
  "dt",
  "dd",
  "address",
  "hr",
  "header",
  "footer",
]);

function isBoilerplateLine(line: string): boolean {
  const n = normalizeText(line)
    .replace(/[^\p{L}\p{N}\s]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  if (!n) return true;
  for (const b of BOILERPLATE) {
    if (n === b) return true;
    // "اقرأ أيضا: عنوان مقال آخر", "Share this: Facebook Twitter", "Copyright 2024 …"
    if (n.startsWith(b + " ") && n.length <= b.length + 120 && /^(?:اقرا|read|share|شارك|copyright|جميع|all rights|تابع|follow|see also)/.test(b)) return true;
  }
  if (/^(?:©|\(c\))/i.test(line.trim())) return true;
  return false;
}

/** Text of an element with paragraph breaks at block boundaries and <br>. */
function blockText(root: AnyNode): string {
  const out: string[] = [];
  const walk = (node: AnyNode) => {
    const type: string = node.type;
    if (type === "text") {
      out.push((node as unknown as { data: string }).data.replace(/\s+/g, " "));
      return;
    }
    if (type !== "tag" && type !== "root") return;
    const el = node as Element;
    const name = (el.name ?? "").toLowerCase();
    if (name === "br") {
      out.push("\n");
      return;
    }
    const block = BLOCK_TAGS.has(name);
    if (block) out.push("\n\n");
    for (const c of el.children ?? []) walk(c);
    if (block) out.push("\n\n");
  };
  walk(root);
  return out.join("");
}

function textLen($: cheerio.CheerioAPI, el: AnyNode): number {
  return $(el).text().replace(/\s+/g, " ").trim().length;
}

function linkDensity($: cheerio.CheerioAPI, el: AnyNode): number {
  const total = textLen($, el);
  if (!total) return 0;
  let links = 0;
  $(el)
    .find("a")
    .each((_, a) => {
      links += $(a).text().replace(/\s+/g, " ").trim().length;
    });
  return links / total;
}

/** Extract the title and main text of an article page. */
export function extractMainText(html: string): { title?: string; text: string } {
  const $ = cheerio.load(html);
  const ogTitle = $('meta[property="og:title"]').attr("content")?.trim();
  const docTitle = $("title").first().text().replace(/\s+/g, " ").trim();

  // the headline often sits in <header class="entry-header"> inside the article: read it before chrome goes
  const h1Early = ($("article h1").first().text() || $("main h1").first().text() || $("h1").first().text()).replace(/\s+/g, " ").trim();

  $(DROP_TAGS).remove();
  $("[hidden], [aria-hidden='true'], [style*='display:none'], [style*='display: none']").remove();
  $("*").each((_, el) => {
    const e = el as Element;
    const tag = (e.name ?? "").toLowerCase();
    if (tag === "body" || tag === "html" || tag === "article" || tag === "main") return;
    const attrs = `${$(e).attr("class") ?? ""} ${$(e).attr("id") ?? ""} ${$(e).attr("role") ?? ""}`;
    if (attrs.trim() && CHROME_RE.test(attrs)) $(e).remove();
  });
  // link lists (related / more news) that survived class filtering
  $("ul, ol, div, section").each((_, el) => {
    if (!$(el).find("p").length && linkDensity($, el) > 0.6 && textLen($, el) > 0) $(el).remove();
  });

  // choose the container
  let container: AnyNode | undefined;
  const articles = $("article").toArray();
  if (articles.length) container = articles.sort((a, b) => textLen($, b) - textLen($, a))[0];
  if (!container) container = $("main").first().get(0) ?? $("[role=main]").first().get(0);
  if (!container || textLen($, container) < 80) {
    let best = -1;
    $("div, section, td, body").each((_, el) => {
      let score = 0;
      $(el)
        .children("p")
        .each((__, p) => {
          score += textLen($, p);
        });
      if (score > best) {
        best = score;
        container = el;
      }
    });
    if (best <= 0) container = $("body").get(0) ?? $.root().get(0);
  }

  const h1 = container ? $(container).find("h1").first().text().replace(/\s+/g, " ").trim() : "";
  const title = h1 || h1Early || ogTitle || docTitle || undefined;

  const raw = container ? blockText(container) : $.root().text();
  const paras = raw
    .split(/\n{2,}|\n/)
    .map((l) => l.replace(/\s+/g, " ").trim())
    .filter((l) => l && !isBoilerplateLine(l));
  // the title is returned separately; drop it from the body when it opens the container
  if (title && paras[0] === title) paras.shift();
  const dedup: string[] = [];
  for (const p of paras) if (dedup[dedup.length - 1] !== p) dedup.push(p);
  return { ...(title ? { title } : {}), text: dedup.join("\n\n") };
}

/** Plain text from Markdown: syntax stripped, text and paragraph breaks kept. */
export function markdownToText(md: string): string {
  let t = md.replace(/\r\n?/g, "\n");
  t = t.replace(/^```[^\n]*\n([\s\S]*?)^```[ \t]*$/gm, "$1"); // fenced code: keep the code
  t = t.replace(/^~~~[^\n]*\n([\s\S]*?)^~~~[ \t]*$/gm, "$1");
  t = t.replace(/<!--[\s\S]*?-->/g, "");
  t = t.replace(/^[ \t]{0,3}\[[^\]]+\]:[ \t]*\S+.*$/gm, ""); // reference definitions
  t = t.replace(/!\[([^\]]*)\]\([^)]*\)/g, "$1"); // images → alt text
  t = t.replace(/\[([^\]]+)\]\([^)]*\)/g, "$1"); // links → text
  t = t.replace(/\[([^\]]+)\]\[[^\]]*\]/g, "$1");
  t = t.replace(/<(https?:\/\/[^>]+)>/g, "$1");
  t = t.replace(/<\/?[A-Za-z][^>]*>/g, ""); // inline HTML
  t = t.replace(/^[ \t]{0,3}#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$/gm, "$1"); // ATX headings
  t = t.replace(/^(.+)\n[=-]{3,}[ \t]*$/gm, "$1"); // setext headings
  t = t.replace(/^[ \t]{0,3}(?:[-*_][ \t]*){3,}$/gm, ""); // horizontal rules
  t = t.replace(/^[ \t]{0,3}>[ \t]?/gm, ""); // blockquotes
  t = t.replace(/^[ \t]*(?:[-*+]|\d+[.)])[ \t]+(?:\[[ xX]\][ \t]+)?/gm, ""); // list markers, task boxes
  t = t.replace(/^[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*$/gm, ""); // table separator rows
  t = t.replace(/^[ \t]*\|(.*)\|[ \t]*$/gm, (_, row: string) =>
    row
      .split("|")
      .map((c) => c.trim())
      .join("  "),
  );
  t = t.replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, "$2"); // bold
  t = t.replace(/(^|[^\w*])\*(?=\S)([^*\n]*?\S)\*(?!\w)/g, "$1$2"); // *italic*
  t = t.replace(/(^|[^\w_])_(?=\S)([^_\n]*?\S)_(?!\w)/g, "$1$2"); // _italic_
  t = t.replace(/~~(?=\S)([\s\S]*?\S)~~/g, "$1");
  t = t.replace(/`([^`\n]+)`/g, "$1");
  t = t.replace(/\\([\\`*_{}[\]()#+\-.!|>~])/g, "$1"); // escapes
  t = t.replace(/[ \t]+\n/g, "\n").replace(/\n{3,}/g, "\n\n");
  return t.trim();
}
