/**
 * Arabic ligatures come out backwards from PDF text layers ("الهالل" for "الهلال", "األحمر" for
 * "الأحمر"): a PDF draws right-to-left text in visual order, glyph by glyph, and the reader
 * reverses each run to logical order — but a ligature glyph (lam-alef, "الله", a letter with
 * its vowel mark) maps in the font's ToUnicode CMap to several characters already in logical
 * order, which the reversal then turns around. pdf.js (like poppler) no longer corrects this;
 * PDFBox does, by reversing such multi-character right-to-left mappings (PDFBOX-4531). We do
 * the same before pdf.js reads the file: every ToUnicode destination of two or more
 * right-to-left characters is stored reversed, so the run reversal puts it back in order.
 * The file's bytes as evidence are untouched; this works on a copy, and any failure (an
 * encrypted or unusual file) leaves the original to pdf.js.
 */
import { PDFDict, PDFDocument, PDFName, PDFRawStream, PDFRef, decodePDFRawStream } from "pdf-lib";

const RTL = /^[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFF\p{M}]$/u;

function fromHex(hex: string): string {
  let s = "";
  for (let i = 0; i + 3 < hex.length; i += 4) s += String.fromCharCode(Number.parseInt(hex.slice(i, i + 4), 16));
  return s;
}
function toHex(s: string): string {
  let h = "";
  for (let i = 0; i < s.length; i++) h += s.charCodeAt(i).toString(16).toUpperCase().padStart(4, "0");
  return h;
}

/** `<06440627>` → `<06270644>`: a destination of ≥ 2 right-to-left characters, reversed. */
function reverseDestination(token: string): string {
  const hex = token.slice(1, -1).replace(/\s+/g, "");
  if (hex.length < 8 || hex.length % 4 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) return token;
  const chars = Array.from(fromHex(hex));
  if (chars.length < 2 || !chars.every((c) => RTL.test(c)) || !/[^\p{M}]/u.test(chars.join(""))) return token;
  return `<${toHex(chars.reverse().join(""))}>`;
}

/** The CMap program with its multi-character right-to-left destinations reversed. */
export function fixCMap(cmap: string): string {
  const bfchar = cmap.replace(
    /(beginbfchar)([\s\S]*?)(endbfchar)/g,
    (_m, a: string, body: string, b: string) =>
      a + body.replace(/(<[^>]*>)(\s*)(<[^>]*>)/g, (_x, src: string, sp: string, dst: string) => src + sp + reverseDestination(dst)) + b,
  );
  return bfchar.replace(
    /(beginbfrange)([\s\S]*?)(endbfrange)/g,
    (_m, a: string, body: string, b: string) =>
      a +
      body.replace(/<([^>]*)>(\s*)<([^>]*)>(\s*)(<[^>]*>|\[[^\]]*\])/g, (whole, lo: string, s1: string, hi: string, s2: string, dst: string) => {
        if (dst.startsWith("[")) return `<${lo}>${s1}<${hi}>${s2}${dst.replace(/<[^>]*>/g, reverseDestination)}`;
        // A range whose destination increments: only a one-code range can be a ligature.
        return lo.trim().toLowerCase() === hi.trim().toLowerCase() ? `<${lo}>${s1}<${hi}>${s2}${reverseDestination(dst)}` : whole;
      }) +
      b,
  );
}

/** A copy of the PDF with its right-to-left ligature mappings fixed, or null when nothing needed fixing. */
export async function fixRtlLigatures(bytes: Uint8Array): Promise<Uint8Array | null> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: false });
  const ctx = doc.context;
  const done = new Set<string>();
  let changed = false;
  for (const [, obj] of ctx.enumerateIndirectObjects()) {
    if (!(obj instanceof PDFDict)) continue;
    const ref = obj.get(PDFName.of("ToUnicode"));
    if (!(ref instanceof PDFRef) || done.has(ref.toString())) continue;
    done.add(ref.toString());
    const stream = ctx.lookup(ref);
    if (!(stream instanceof PDFRawStream)) continue;
    const text = Buffer.from(decodePDFRawStream(stream).decode()).toString("latin1");
    const fixed = fixCMap(text);
    if (fixed === text) continue;
    ctx.assign(ref, ctx.flateStream(Buffer.from(fixed, "latin1")));
    changed = true;
  }
  return changed ? doc.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false }) : null;
}
