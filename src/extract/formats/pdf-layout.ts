/**
 * Running text from the positioned pieces a PDF text layer gives (pdf.js `getTextContent`
 * items, each already in logical order within itself): pieces on one baseline make a line,
 * lines make paragraphs, pages are joined. Right-to-left lines are read from the right: the
 * pieces are ordered right to left, except runs of Latin pieces inside them, which keep their
 * left-to-right order (the Unicode bidi rule for an RTL paragraph); a lone vowel mark drawn
 * as its own piece (tanween on a final alef) goes back into its word. Pure: no pdf.js here.
 */

export interface PdfTextItem {
  str: string;
  /** x and y of the baseline start, in page units (y grows upwards). */
  x: number;
  y: number;
  width: number;
  /** Roughly the font size. */
  height: number;
}

interface Line {
  y: number;
  height: number;
  text: string;
  /** Left and right ends of the line on the page. */
  left: number;
  right: number;
}

const RTL_CHARS = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF]/gu;
const LTR_CHARS = /[A-Za-z\u00C0-\u024F\u0370-\u03FF\u0400-\u04FF]/gu;
const MARKS_ONLY = /^\p{M}+$/u;
/** What a finished paragraph ends with. */
const TERMINAL = /[.!?؟…:؛"”»)\]]$/u;

const count = (s: string, re: RegExp) => s.match(re)?.length ?? 0;

function median(xs: number[]): number {
  if (!xs.length) return 0;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Puts a vowel mark back into the piece it sits on, at the place its position points to. */
function attachMark(mark: PdfTextItem, pieces: PdfTextItem[], rtl: boolean): void {
  const host =
    pieces.find((p) => mark.x >= p.x - 1 && mark.x <= p.x + p.width + 1) ??
    pieces.reduce<PdfTextItem | undefined>((best, p) => (!best || Math.abs(p.x - mark.x) < Math.abs(best.x - mark.x) ? p : best), undefined);
  if (!host) return;
  const chars = Array.from(host.str);
  const frac = host.width > 0 ? (rtl ? host.x + host.width - mark.x : mark.x - host.x) / host.width : 1;
  const at = Math.min(chars.length, Math.max(1, Math.round(frac * chars.length)));
  chars.splice(at, 0, mark.str);
  host.str = chars.join("");
}

/**
 * One line's text. `pageRtl` decides a line that mixes both scripts (the bidi algorithm
 * takes a paragraph's direction from its first letter, which cannot be known before the line
 * is ordered); a line in one script goes that script's way.
 */
function lineText(items: PdfTextItem[], pageRtl: boolean): Line {
  const all = items.map((i) => ({ ...i }));
  const joined = all.map((i) => i.str).join("");
  const [r, l] = [count(joined, RTL_CHARS), count(joined, LTR_CHARS)];
  const rtl = r > 0 && l > 0 ? pageRtl : r > l;
  const pieces = all.filter((i) => !MARKS_ONLY.test(i.str.trim()) && i.str.trim());
  for (const m of all.filter((i) => MARKS_ONLY.test(i.str.trim()))) attachMark({ ...m, str: m.str.trim() }, pieces, rtl);

  let order = [...pieces].sort((a, b) => (rtl ? b.x + b.width - (a.x + a.width) : a.x - b.x));
  if (rtl) {
    // Resolve each piece's direction (neutral pieces, digits say, take their neighbours' when both are Latin) and keep Latin runs left to right.
    const strong = order.map((p) => (count(p.str, RTL_CHARS) ? "R" : count(p.str, LTR_CHARS) ? "L" : "N"));
    const resolved = strong.map((d, i) => {
      if (d !== "N") return d;
      const before = strong
        .slice(0, i)
        .reverse()
        .find((x) => x !== "N");
      const after = strong.slice(i + 1).find((x) => x !== "N");
      return before === "L" && after === "L" ? "L" : "R";
    });
    const out: PdfTextItem[] = [];
    for (let i = 0; i < order.length;) {
      if (resolved[i] !== "L") {
        out.push(order[i++]);
        continue;
      }
      let j = i;
      while (j < order.length && resolved[j] === "L") j++;
      out.push(...order.slice(i, j).reverse());
      i = j;
    }
    order = out;
  }

  let text = "";
  for (let i = 0; i < order.length; i++) {
    const cur = order[i];
    if (i > 0) {
      const prev = order[i - 1];
      const gap = Math.max(prev.x, cur.x) - Math.min(prev.x + prev.width, cur.x + cur.width);
      const size = Math.max(1, Math.min(prev.height || 10, cur.height || 10));
      if (gap > size * 0.12 && !/\s$/.test(text) && !/^\s/.test(cur.str)) text += " ";
    }
    text += cur.str;
  }
  return {
    y: median(items.map((i) => i.y)),
    height: median(items.map((i) => i.height).filter((h) => h > 0)) || 10,
    // pdf.js puts a space before a vowel mark drawn with a backward offset: marks never follow a space
    text: text
      .replace(/\s+/g, " ")
      .replace(/ (\p{M})/gu, "$1")
      .trim(),
    left: Math.min(...items.map((i) => i.x)),
    right: Math.max(...items.map((i) => i.x + i.width)),
  };
}

/** The lines of one page, top to bottom. */
export function pageLines(items: PdfTextItem[]): Line[] {
  const sorted = items.filter((i) => i.str !== "").sort((a, b) => b.y - a.y || a.x - b.x);
  const groups: PdfTextItem[][] = [];
  for (const it of sorted) {
    const g = groups[groups.length - 1];
    const ref = g?.[0];
    if (g && ref && Math.abs(ref.y - it.y) <= Math.max(1.5, 0.4 * Math.min(ref.height || 10, it.height || 10))) g.push(it);
    else groups.push([it]);
  }
  const all = items.map((i) => i.str).join("");
  const pageRtl = count(all, RTL_CHARS) > count(all, LTR_CHARS);
  return groups.map((g) => lineText(g, pageRtl)).filter((l) => l.text);
}

function joinLine(para: string, line: string): string {
  // "coordi-" + "nation": a Latin word hyphenated at the line end
  if (/\p{Ll}-$/u.test(para) && /^\p{Ll}/u.test(line)) return para.slice(0, -1) + line;
  return `${para} ${line}`;
}

/** Paragraphs of one page: a new one after a wider gap than the page's usual line spacing, or after a short line that ends a sentence. */
export function pageParagraphs(lines: Line[], textWidth = Math.max(0, ...lines.map((l) => l.right - l.left))): string[] {
  if (!lines.length) return [];
  const gaps = lines
    .slice(1)
    .map((l, i) => lines[i].y - l.y)
    .filter((g) => g > 0);
  const usual = median(gaps) || lines[0].height * 1.2;
  const width = textWidth;
  const paras: string[] = [lines[0].text];
  for (let i = 1; i < lines.length; i++) {
    const prev = lines[i - 1];
    const cur = lines[i];
    const gap = prev.y - cur.y;
    const shortEnd = TERMINAL.test(prev.text) && prev.right - prev.left < width * 0.8;
    const bigGap = gap > usual * 1.3 + 0.5 || gap < 0 || gap > cur.height * 3;
    if (bigGap || shortEnd) paras.push(cur.text);
    else paras[paras.length - 1] = joinLine(paras[paras.length - 1], cur.text);
  }
  return paras;
}

/**
 * The text of a document from its pages' items: paragraphs separated by a blank line; a
 * paragraph that runs on from one page to the next (no sentence end before the break) is
 * joined.
 */
export function textFromPages(pages: PdfTextItem[][]): string {
  const out: string[] = [];
  const lines = pages.map(pageLines);
  // the text block's width, from all pages (a last page of short lines has no full line to measure)
  const width = Math.max(0, ...lines.flat().map((l) => l.right - l.left));
  for (const pageLinesOf of lines) {
    const paras = pageParagraphs(pageLinesOf, width);
    if (!paras.length) continue;
    if (out.length && !TERMINAL.test(out[out.length - 1])) out[out.length - 1] = joinLine(out[out.length - 1], paras.shift()!);
    out.push(...paras);
  }
  return out.join("\n\n");
}
