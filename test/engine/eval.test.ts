import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..", "..");
const tsx = join(root, "node_modules", ".bin", "tsx");
const run = (...args: string[]) => execFileSync(tsx, [join(root, "src", "cli", "eval.ts"), ...args], { encoding: "utf8" });
const lastLine = (out: string) => JSON.parse(out.trim().split("\n").at(-1)!) as Record<string, unknown>;

describe("npm run eval", () => {
  const dir = mkdtempSync(join(tmpdir(), "cc-eval-"));
  it("pair: the last line is the JSON summary", () => {
    const f = join(dir, "pairs.jsonl");
    writeFileSync(
      f,
      [
        { id: "1", a: "ارتفاع كبير في العجز التجاري التركي", b: "انخفاض كبير في العجز التجاري التركي", label: "conflict" },
        { id: "2", a: "قسد تسيطر على قرية في ريف دير الزور", b: "ارتفاع أسعار الذهب", label: "unrelated" },
        { id: "3", a: "نيكاي يرتفع لأعلى مستوى منذ 1991", b: "ارتفاع قياسي لمؤشر نيكاي منذ ١٩٩١", label: "agree" },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n") + "\n",
    );
    const out = lastLine(run("pair", f));
    expect(out.task).toBe("pair");
    expect(out.n).toBe(3);
    expect(typeof out.macroF1).toBe("number");
    expect(Object.keys(out.perLabel as object).sort()).toEqual(["agree", "conflict", "unrelated"]);
    expect(out.confusion).toHaveProperty("conflict");
    expect(typeof out.msPerItem).toBe("number");
  }, 60_000);
  it("when a file starts with a byte-order mark, has CRLF line ends and blank lines, then it is read all the same, and a bad row is named by its line", () => {
    const q = join(dir, "bom-q.jsonl"),
      c = join(dir, "bom-c.jsonl"),
      bad = join(dir, "bad.jsonl");
    writeFileSync(q, "\uFEFF" + JSON.stringify({ id: "q1", text: "SDF and Iraqi army joint centre", relevant: ["a"] }) + "\r\n\r\n");
    writeFileSync(
      c,
      "\uFEFF" +
        [
          { id: "a", text: "قسد والجيش العراقي يشكلان مركزا مشتركا" },
          { id: "b", text: "oil prices rise" },
        ]
          .map((r) => JSON.stringify(r))
          .join("\r\n"),
    );
    expect(lastLine(run("match", q, c))).toMatchObject({ task: "match", n: 1, map5: 1 });
    writeFileSync(bad, JSON.stringify({ id: "1", a: "x", b: "y", label: "agree" }) + "\n\n{oops\n");
    let out = "";
    try {
      run("pair", bad);
    } catch (err) {
      out = String((err as { stdout?: string }).stdout ?? "");
    }
    expect(lastLine(out)).toMatchObject({ task: "pair", error: `${bad}:3: not valid JSON` });
  }, 60_000);
  it("stance: a file without unverified rows (AuSTR-style) is scored on asserted / denied / other, an unverified answer counting as other", () => {
    const f = join(dir, "austr.jsonl");
    const claim = "الجيش العراقي شكل مركزا مشتركا مع قسد لحماية الحدود";
    writeFileSync(
      f,
      [
        { id: "1", claim, text: "خبر كاذب: لا صحة لما يتم تداوله عن تشكيل الجيش العراقي مركزا مشتركا مع قسد.", label: "denied" },
        // hedged, anonymous reporting of the claim: the engine answers unverified, AuSTR calls it "other"
        { id: "2", claim, text: "بحسب مصادر خاصة، ربما شكل الجيش العراقي مركزا مشتركا مع قسد لحماية الحدود.", label: "unrelated" },
        { id: "3", claim, text: "ارتفاع أسعار الذهب في الأسواق المحلية اليوم.", label: "unrelated" },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n") + "\n",
    );
    const out = lastLine(run("stance", f)) as {
      scoring: string;
      confusion: Record<string, Record<string, number>>;
      strict: { confusion: Record<string, Record<string, number>> };
    };
    expect(out.scoring).toBe("austr");
    expect(out.strict.confusion.unrelated.unverified).toBe(1);
    expect(out.confusion.other.other).toBe(2);
    expect(out.confusion.denied.denied).toBe(1);
  }, 60_000);
  it("match: MAP@5 and recall@5", () => {
    const q = join(dir, "q.jsonl"),
      c = join(dir, "c.jsonl");
    writeFileSync(q, JSON.stringify({ id: "q1", text: "SDF and Iraqi army joint centre", relevant: ["a"] }) + "\n");
    writeFileSync(
      c,
      [
        { id: "a", text: "قسد والجيش العراقي يشكلان مركزا مشتركا" },
        { id: "b", text: "oil prices rise" },
      ]
        .map((r) => JSON.stringify(r))
        .join("\n"),
    );
    const out = lastLine(run("match", q, c));
    expect(out).toMatchObject({ task: "match", n: 1, map5: 1, recall5: 1 });
    expect(typeof out.msPerQuery).toBe("number");
  }, 60_000);
});
