/**
 * `npm run cli -- extract FILE [--json] [--outlet NAME] [--known SOURCES.json] [--published YYYY-MM-DD]`
 *
 * Suggests claims, speakers and stances from a report (.pdf, .docx, .txt, .html/.htm or .md) without saving
 * anything. Human-readable by default; `--json` prints one JSON object. `--known` takes a JSON
 * array of `{ id, name, aliases, kind }` to match speakers against.
 */
import { readFileSync } from "node:fs";
import { extractSuggestions, type KnownSource, type Suggestion } from "../../extract/extract.ts";
import { formatOfFile, readReport } from "../../extract/formats/index.ts";
import { detectOutlet } from "../../extract/outlet.ts";

export const summary = "suggest claims, speakers and stances from a report file (nothing is saved)";

const USAGE = "usage: npm run cli -- extract FILE [--json] [--outlet NAME] [--known SOURCES.json] [--published YYYY-MM-DD]";

interface Options {
  file?: string;
  json: boolean;
  outlet?: string;
  known?: string;
  published?: string;
}

function parseArgs(args: string[]): Options | string {
  const o: Options = { json: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--json") o.json = true;
    else if (a === "--outlet" || a === "--known" || a === "--published") {
      const v = args[++i];
      if (!v) return `${a} needs a value`;
      if (a === "--outlet") o.outlet = v;
      else if (a === "--known") o.known = v;
      else if (Number.isNaN(Date.parse(v))) return `--published needs a date, got ${v}`;
      else o.published = v;
    } else if (a.startsWith("--outlet=")) o.outlet = a.slice(9);
    else if (a.startsWith("--known=")) o.known = a.slice(8);
    else if (a === "--help" || a === "-h") return "";
    else if (a.startsWith("--")) return `unknown option ${a}`;
    else if (!o.file) o.file = a;
    else return `unexpected argument ${a}`;
  }
  return o;
}

/** Read a report as ingestion does (src/extract/formats); a file of unknown kind is read as plain text. */
export async function loadReport(file: string): Promise<string> {
  const bytes = new Uint8Array(readFileSync(file));
  return (await readReport(bytes, formatOfFile(file, null, bytes) ?? "text")).text;
}

function speakerLine(s: Suggestion): string {
  const sp = s.speaker;
  const parts = [sp.name];
  if (sp.role) parts.push(`(${sp.role})`);
  parts.push(`[${sp.kind ?? "unknown"}]`);
  if (sp.matchedSourceId !== undefined) parts.push(`= known source #${sp.matchedSourceId} «${sp.matchedSourceName}» via ${sp.matchedVia}`);
  else parts.push("= NEW source");
  if (sp.resolvedFrom) parts.push(`(from "${sp.resolvedFrom}")`);
  if (s.via) parts.push(`— relayed by ${s.via}`);
  return parts.join(" ");
}

export async function run(args: string[]): Promise<number> {
  const o = parseArgs(args);
  if (typeof o === "string") {
    if (o) console.error(o);
    console.error(USAGE);
    return o ? 2 : 0;
  }
  if (!o.file) {
    console.error(USAGE);
    return 2;
  }
  let text: string;
  try {
    text = await loadReport(o.file);
  } catch (e) {
    console.error(`cannot read ${o.file}: ${e instanceof Error ? e.message : String(e)}`);
    return 1;
  }
  let knownSources: KnownSource[] = [];
  if (o.known) {
    try {
      knownSources = JSON.parse(readFileSync(o.known, "utf8")) as KnownSource[];
      if (!Array.isArray(knownSources)) throw new Error("expected a JSON array");
      knownSources = knownSources.map((k) => ({ ...k, aliases: k.aliases ?? [] }));
    } catch (e) {
      console.error(`cannot read known sources ${o.known}: ${e instanceof Error ? e.message : String(e)}`);
      return 1;
    }
  }
  const guess = o.outlet ? undefined : detectOutlet(text);
  const outlet = o.outlet ? { name: o.outlet } : guess ? { name: guess.name, aliases: guess.aliases } : undefined;
  const result = extractSuggestions({ text, outlet, knownSources, publishedAt: o.published });

  if (o.json) {
    console.log(
      JSON.stringify({
        file: o.file,
        outlet: outlet ?? null,
        outletDetectedBy: o.outlet ? "--outlet" : (guess?.how ?? null),
        language: result.language,
        sentences: result.sentences,
        suggestions: result.suggestions,
      }),
    );
    return 0;
  }
  console.log(`${o.file}: ${result.sentences.length} sentences, ${result.suggestions.length} suggestions, language ${result.language}`);
  console.log(`outlet: ${outlet ? outlet.name : "(unknown)"}${o.outlet ? " (--outlet)" : guess ? ` (detected: ${guess.how})` : ""}`);
  result.suggestions.forEach((s, i) => {
    console.log("");
    console.log(`${i + 1}. ${s.stance.toUpperCase()}${s.headline ? " (headline)" : ""} — cue «${s.cue.text}» @${s.cue.start}-${s.cue.end}`);
    console.log(`   claim:   ${s.claimText}`);
    console.log(`   speaker: ${speakerLine(s)}`);
    console.log(`   quote:   @${s.quote.start}-${s.quote.end} «${s.quote.text.length > 160 ? s.quote.text.slice(0, 157) + "…" : s.quote.text}»`);
    const d = s.details;
    const det = [
      d.dates.length ? `dates: ${d.dates.join("؛ ")}` : "",
      d.places.length ? `places: ${d.places.join("؛ ")}` : "",
      d.numbers.length ? `numbers: ${d.numbers.join("؛ ")}` : "",
      d.people.length ? `people: ${d.people.join("؛ ")}` : "",
    ].filter(Boolean);
    if (d.resolvedDates?.length) det.push(`days: ${d.resolvedDates.map((r) => `${r.text} = ${r.date}`).join("؛ ")}`);
    if (det.length) console.log(`   details: ${det.join(" | ")}`);
    console.log(`   why:     ${s.reasons.join("; ")}`);
  });
  return 0;
}
