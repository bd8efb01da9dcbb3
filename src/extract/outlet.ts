/**
 * Guess the publishing outlet from the text itself, generically:
 *  1. a phrase in «…» that the text says sources spoke to / with ("لـ«X»", "مع «X»"), or that
 *     recurs in guillemets;
 *  2. a trailing signature line "متابعة – name – OUTLET" / "إعداد: … – OUTLET" / "المصدر: OUTLET";
 *  3. an English dateline "BAGHDAD, March 28 (Reuters) -".
 * "A | B" names (Arabic | Latin) become name = the Latin part, aliases = all parts.
 */
export interface OutletGuess {
  name: string;
  aliases: string[];
  /** How it was found, for the CLI's explanation. */
  how: string;
}

/** "بوليتكال كيز | Political Keys" → name "Political Keys", aliases the Arabic part and the whole. */
export function outletNames(name: string): { name: string; aliases: string[] } {
  const parts = name
    .split(/\s*[|｜]\s*/)
    .map((p) => p.trim())
    .filter(Boolean);
  const latin = parts.find((p) => /^[\x20-\x7E]+$/.test(p));
  const primary = parts.length > 1 && latin ? latin : (parts[0] ?? name.trim());
  return { name: primary, aliases: [...new Set([name.trim(), ...parts])].filter((p) => p !== primary) };
}

function split(name: string, how: string): OutletGuess {
  return { ...outletNames(name), how };
}

const SIGNATURE = /^(?:متابعة|إعداد|اعداد|تحرير|كتابة|ترجمة|تقرير|المصدر|نقلاً عن|نقلا عن|Source|Reporting by|Editing by)\s*[:：–—-]\s*(.+)$/i;

export function detectOutlet(text: string): OutletGuess | undefined {
  // 1. «X» after لـ / ل / مع / عن / "وأعدت" …: count occurrences, prefer those after a preposition
  const counts = new Map<string, { n: number; prep: number }>();
  const re = /(لـ?|مع|عن|لموقع|لقناة|لوكالة)?\s*«([^«»\n]{2,60})»/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const k = m[2].trim();
    const c = counts.get(k) ?? { n: 0, prep: 0 };
    c.n++;
    if (m[1]) c.prep++;
    counts.set(k, c);
  }
  const ranked = [...counts.entries()]
    .filter(([, c]) => c.prep > 0 || c.n >= 2)
    .sort((a, b) => b[1].prep - a[1].prep || b[1].n - a[1].n || a[0].localeCompare(b[0]));
  if (ranked.length) return split(ranked[0][0], `«${ranked[0][0]}» is what the sources spoke to`);

  // 2. signature line among the last few non-empty lines
  const lines = text
    .split("\n")
    .map((l) => l.trim())
    .filter(Boolean);
  for (const line of lines.slice(-4).reverse()) {
    const sig = SIGNATURE.exec(line);
    if (sig) {
      const parts = sig[1]
        .split(/\s+[–—-]\s+/)
        .map((p) => p.trim())
        .filter(Boolean);
      const last = parts[parts.length - 1];
      if (last && last.length <= 60) return split(last, `signature line "${line}"`);
    }
  }
  // 3. English dateline "(Reuters) -"
  const dl = /^[A-Z][A-Za-z0-9 .,'-]{1,60}\(([A-Z][A-Za-z .&]{1,30})\)\s*[-–—]/m.exec(text);
  if (dl) return split(dl[1], `dateline (${dl[1]})`);
  return undefined;
}
