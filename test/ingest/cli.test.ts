/** `npm run cli -- ingest FILE...`: files and NDJSON lines, each report in its own transaction. */
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as ingest from "../../src/cli/commands/ingest.ts";
import { runCli } from "../cli/support.ts";
import { buildSource, buildUser, setupTestApp, type TestContext } from "../helpers.ts";
import { counts, fixturePath, SEED_001 } from "./support.ts";

let ctx: TestContext;
let dir: string;
let outletKey: string;
beforeAll(async () => {
  ctx = await setupTestApp();
  process.env.DATABASE_URL = ctx.config.DATABASE_URL;
  dir = mkdtempSync(join(tmpdir(), "crosscheck-ingest-"));
  outletKey = (await buildSource(ctx.db, { name: "تلفزيون الخبر", kind: "outlet", key: "al-khabar-tv" })).key;
});
afterAll(async () => {
  delete process.env.DATABASE_URL;
  rmSync(dir, { recursive: true, force: true });
  await ctx.close();
});

describe("cli ingest", () => {
  it("when an NDJSON file has one bad line, then the others are ingested, the bad one is reported by line number, and the exit code is 1", async () => {
    const file = join(dir, "batch.ndjson");
    writeFileSync(
      file,
      [
        JSON.stringify({ text: "قال المتحدث باسم الجيش العراقي إن القوات لم تعبر الحدود.", publisher: outletKey, publishedAt: "2019-03-28" }),
        JSON.stringify({
          html: "<article><h1>Denial</h1><p>The Iraqi army denied forming a joint centre with the SDF on the border.</p></article>",
          title: "Army denial",
        }),
        "",
        JSON.stringify({ text: "x", publisher: "no-such-source" }),
        JSON.stringify({ markdown: "# تقرير\n\nأعلن **المركز الإعلامي** عن تشكيل مركز مشترك.", language: "ar" }),
      ].join("\n"),
    );
    const before = await counts(ctx.db);
    const r = await runCli(ingest, [file]);
    expect(r.code).toBe(1);
    expect(r.err).toContain(`[1/4] ingested doc`);
    expect(r.err).toMatch(/\[3\/4\] FAILED .*batch\.ndjson:4: publisher: This source does not exist\./);
    expect(r.out).toContain("4 report(s): 3 ingested, 0 duplicate(s), 1 failed");
    expect((await counts(ctx.db)).documents - before.documents).toBe(3);
    const first = await ctx.db.document.findFirstOrThrow({
      where: { text: "قال المتحدث باسم الجيش العراقي إن القوات لم تعبر الحدود." },
      include: { publisher: true },
    });
    expect(first.publisher?.key).toBe(outletKey);
    expect(first.publishedAt?.toISOString().slice(0, 10)).toBe("2019-03-28");
    const events = await ctx.db.auditEvent.findMany({ where: { seq: { gt: before.audit }, action: "document.create" } });
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.actorName))).toEqual(new Set([expect.stringMatching(/^cli:/)]));
  });

  it("when a report file is ingested twice with --publisher and --as, then the second run reports the duplicate and writes nothing", async () => {
    const user = await buildUser(ctx.db, { role: "analyst" });
    const first = await runCli(ingest, [fixturePath(SEED_001), fixturePath("article.html"), "--publisher", outletKey, "--as", user.username]);
    expect(first.code, first.err).toBe(0);
    expect(first.err).toMatch(/\[1\/2\] ingested doc \d+/);
    const html = await ctx.db.document.findFirstOrThrow({ where: { fileName: "article.html" } });
    expect(html).toMatchObject({ sourceFormat: "html", rawSha256: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const before = await counts(ctx.db);
    const again = await runCli(ingest, [fixturePath("article.html")]);
    expect(again.code).toBe(0);
    expect(again.err).toContain(`[1/1] duplicate of doc ${html.id}`);
    expect(again.out).toContain("1 report(s): 0 ingested, 1 duplicate(s), 0 failed");
    expect(await counts(ctx.db)).toEqual(before);
  });

  it("when called wrongly (no file, unknown publisher, unsupported file), then exit 2 with the usage", async () => {
    expect((await runCli(ingest, [])).code).toBe(2);
    expect((await runCli(ingest, [fixturePath(SEED_001), "--publisher", "nobody"])).err).toMatch(/--publisher: no source/);
    const odd = join(dir, "report.odt");
    writeFileSync(odd, "PK");
    const r = await runCli(ingest, [odd]);
    expect(r.code).toBe(2);
    expect(r.err).toContain("expected .pdf, .docx, .html, .htm, .txt, .md or .ndjson");
  });

  it("when a folder of PDF, Word, HTML and scanned files is ingested, then each readable report becomes a document with its format, the scan fails with the OCR message, and the exit code is 1", async () => {
    const folder = join(dir, "inbox");
    mkdirSync(folder);
    for (const f of ["report.pdf", "report.docx", "news.html", "scanned.pdf"])
      copyFileSync(new URL(`../fixtures/formats/${f}`, import.meta.url), join(folder, f));
    writeFileSync(join(folder, "notes.odt"), "PK"); // not a report: skipped
    const before = await counts(ctx.db);
    const r = await runCli(ingest, [folder, "--publisher", outletKey]);
    expect(r.code).toBe(1);
    expect(r.out).toContain("4 report(s): 3 ingested, 0 duplicate(s), 1 failed");
    expect(r.err).toContain("scanned.pdf: file: This PDF has no text layer (a scan?). Run OCR first or paste the text.");
    expect(await counts(ctx.db)).toMatchObject({ documents: before.documents + 3 });
    const docs = await ctx.db.document.findMany({ where: { fileName: { in: ["report.pdf", "report.docx", "news.html"] } }, orderBy: { fileName: "asc" } });
    expect(docs.map((d) => d.sourceFormat)).toEqual(["html", "docx", "pdf"]);
    expect(docs.every((d) => d.text.includes("الهلال الأحمر") || d.text.includes("وزارة الداخلية"))).toBe(true);
  });
});
