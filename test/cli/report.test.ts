import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importBundle } from "../../src/domain/bundle/import-bundle.ts";
import { systemActor } from "../../src/domain/actor.ts";
import * as report from "../../src/cli/commands/report.ts";
import { seedBundle, tempDb, type TempDb } from "../bundle/support.ts";
import { runCli } from "./support.ts";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
  process.env.DATABASE_URL = t.url;
  await importBundle(t.db, systemActor("test"), seedBundle());
});
afterAll(async () => {
  delete process.env.DATABASE_URL;
  await t.close();
});

describe("report command", () => {
  it("when all claims are exported as CSV, then every claim of the seed appears with a BOM", async () => {
    const out = join(t.dir, "all.csv");
    const r = await runCli(report, ["--all", "--format", "csv", "--out", out]);
    expect(r.code).toBe(0);
    const text = readFileSync(out, "utf8");
    expect(text.charCodeAt(0)).toBe(0xfeff);
    for (const c of await t.db.claim.findMany()) expect(text).toContain(c.text);
  });

  it("when a topic is exported as STIX, then the bundle holds the conflict as a contradicts relationship", async () => {
    const out = join(t.dir, "topic.stix.json");
    const r = await runCli(report, ["--topic", "sdf-iraq", "--format", "stix", "--out", out]);
    expect(r.code).toBe(0);
    const bundle = JSON.parse(readFileSync(out, "utf8"));
    expect(bundle.type).toBe("bundle");
    expect(bundle.objects.some((o: { type: string; relationship_type?: string }) => o.type === "relationship" && o.relationship_type === "contradicts")).toBe(
      true,
    );
  });

  it("when the target is ambiguous or the format unknown, then exit 2", async () => {
    expect((await runCli(report, ["--claim", "1", "--topic", "x", "--format", "csv", "--out", "-"])).code).toBe(2);
    expect((await runCli(report, ["--claim", "1", "--format", "docx", "--out", "-"])).code).toBe(2);
  });
});
