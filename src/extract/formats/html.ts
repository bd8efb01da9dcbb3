/**
 * An HTML page's main text the way reader views find it: Mozilla's Readability (Firefox
 * Reader View) on a jsdom DOM picks the article and its title; the article's markup is then
 * turned into paragraphs by the same code that reads any page (src/extract/html.ts: block
 * breaks, page furniture such as "اقرأ أيضاً" or "Share this" dropped). When Readability finds
 * no article (a page of a few lines, say), the page is read whole by that code.
 *
 * The title is the page's headline (its <h1>, else og:title, else <title>, as src/extract/html.ts
 * finds it) rather than Readability's, which prefers <title> and with it the site's name.
 *
 * jsdom runs no scripts and loads no resources (its defaults); the page's console is muted.
 */
import { extractMainText } from "../html.ts";

export async function readHtml(source: string): Promise<{ title?: string; text: string }> {
  const [{ JSDOM, VirtualConsole }, { Readability }] = await Promise.all([import("jsdom"), import("@mozilla/readability")]);
  let article: { title?: string | null; content?: string | null } | null = null;
  const dom = new JSDOM(source, { virtualConsole: new VirtualConsole() });
  try {
    article = new Readability(dom.window.document, { keepClasses: false }).parse();
  } catch {
    article = null;
  } finally {
    dom.window.close();
  }
  const whole = extractMainText(source);
  if (article?.content) {
    const { text } = extractMainText(`<!doctype html><html><body><article>${article.content}</article></body></html>`);
    const title = whole.title || article.title?.replace(/\s+/g, " ").trim();
    if (text.trim()) return { ...(title ? { title } : {}), text };
  }
  return whole;
}
