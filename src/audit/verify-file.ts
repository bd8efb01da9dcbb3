/**
 * Offline verification of an exported audit trail (NDJSON or CSV), streaming: one line or one
 * record at a time through ChainVerifier, so memory stays constant for any file size, and
 * reading stops at the first bad event. Needs no database.
 *
 * Format: `.csv` → CSV; `.ndjson`/`.jsonl`/`.json` → NDJSON; otherwise the first character
 * after an optional BOM decides (`{` → NDJSON, anything else → CSV).
 */
import { createReadStream } from "node:fs";
import { open } from "node:fs/promises";
import { extname } from "node:path";
import { createInterface } from "node:readline";
import { parse } from "csv-parse";
import { AUDIT_CSV_COLUMNS, csvUnescape } from "./file-format.ts";
import { ChainVerifier, type VerifyResult } from "./chain.ts";

export type AuditFileFormat = "ndjson" | "csv";

/** Decide the format from the extension, else from the first character. */
export async function detectFormat(path: string): Promise<AuditFileFormat> {
  const ext = extname(path).toLowerCase();
  if (ext === ".csv") return "csv";
  if (ext === ".ndjson" || ext === ".jsonl" || ext === ".json") return "ndjson";
  const fh = await open(path, "r");
  try {
    const { buffer, bytesRead } = await fh.read(Buffer.alloc(64), 0, 64, 0);
    const head = buffer
      .subarray(0, bytesRead)
      .toString("utf8")
      .replace(/^\uFEFF/, "")
      .trimStart();
    return head.startsWith("{") ? "ndjson" : "csv";
  } finally {
    await fh.close();
  }
}

/**
 * Tracks what ChainVerifier cannot see: a line that is not an event at all (bad JSON, wrong
 * column count) fails at the seq that was expected there.
 */
class FileVerifier {
  readonly chain: ChainVerifier;
  constructor(onVerified?: (seq: number, hash: string) => void) {
    this.chain = new ChainVerifier(onVerified);
  }
  private pushed = 0;
  private failure: VerifyResult | null = null;

  push(raw: unknown, line: number): boolean {
    if (this.failure) return false;
    const ok = this.chain.push(raw, line);
    if (ok) this.pushed += 1;
    return ok;
  }

  fail(line: number, reason: string): false {
    this.failure ??= { ok: false, seq: this.pushed + 1, line, reason };
    return false;
  }

  result(): VerifyResult {
    return this.failure ?? this.chain.result();
  }
}

async function verifyNdjson(path: string, onVerified?: OnVerified): Promise<VerifyResult> {
  const v = new FileVerifier(onVerified);
  const lines = createInterface({ input: createReadStream(path, { encoding: "utf8" }), crlfDelay: Infinity });
  let n = 0;
  try {
    for await (let line of lines) {
      n += 1;
      if (n === 1) line = line.replace(/^\uFEFF/, "");
      if (!line.trim()) continue;
      let raw: unknown;
      try {
        raw = JSON.parse(line);
      } catch {
        v.fail(n, "line is not valid JSON");
        break;
      }
      if (!v.push(raw, n)) break;
    }
  } finally {
    lines.close();
  }
  return v.result();
}

/** A CSV row back to the exported event: cells unescaped, numbers and JSON restored. */
function csvEvent(cells: string[]): Record<string, unknown> {
  const e: Record<string, unknown> = {};
  AUDIT_CSV_COLUMNS.forEach((col, i) => {
    const cell = csvUnescape(cells[i]);
    if (col === "seq") e[col] = /^\d+$/.test(cell) ? Number(cell) : cell;
    else if (col === "actorId") e[col] = cell === "" ? null : /^-?\d+$/.test(cell) ? Number(cell) : cell;
    else if (col === "before" || col === "after") e[col] = JSON.parse(cell);
    else e[col] = cell;
  });
  return e;
}

async function verifyCsv(path: string, onVerified?: OnVerified): Promise<VerifyResult> {
  const v = new FileVerifier(onVerified);
  const input = createReadStream(path);
  // relax_column_count: a row with the wrong number of cells is reported here, with its line.
  const parser = input.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  let header = true;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = info.lines;
      if (header) {
        header = false;
        if (record.join(",") !== AUDIT_CSV_COLUMNS.join(",")) {
          v.fail(line, `the header is not the audit export header (${AUDIT_CSV_COLUMNS.join(",")})`);
          break;
        }
        continue;
      }
      if (record.length !== AUDIT_CSV_COLUMNS.length) {
        v.fail(line, `expected ${AUDIT_CSV_COLUMNS.length} cells but found ${record.length}`);
        break;
      }
      let raw: Record<string, unknown>;
      try {
        raw = csvEvent(record);
      } catch {
        v.fail(line, "the before or after cell is not valid JSON");
        break;
      }
      if (!v.push(raw, line)) break;
    }
  } catch (err) {
    const line = typeof (err as { lines?: unknown }).lines === "number" ? (err as { lines: number }).lines : 0;
    v.fail(line, `the file is not valid CSV: ${err instanceof Error ? err.message : String(err)}`);
  } finally {
    input.destroy();
  }
  return v.result();
}

/** Verify the hash chain of an exported audit file; the first bad event is reported. */
export type OnVerified = (seq: number, hash: string) => void;

export async function verifyAuditFile(path: string, format?: AuditFileFormat, onVerified?: OnVerified): Promise<VerifyResult> {
  return (format ?? (await detectFormat(path))) === "csv" ? verifyCsv(path, onVerified) : verifyNdjson(path, onVerified);
}
