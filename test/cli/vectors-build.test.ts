/** `vectors:build`: a store from before the sentence encoder gets its claims' vectors in one run. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as vectorsBuild from "../../src/cli/commands/vectors-build.ts";
import { STUDENT_ID } from "../../src/encoder/arabic-student.ts";
import { ENCODER_ID } from "../../src/encoder/sentence-encoder.ts";
import { tempDb, type TempDb } from "../bundle/support.ts";
import { runCli } from "./support.ts";

let t: TempDb;
beforeAll(async () => {
  t = await tempDb();
  process.env.DATABASE_URL = t.url;
  // rows as an older version wrote them: no vectors
  const rows = [
    { key: "en-1", text: "Turkish drones struck a fuel depot near Qamishli on Saturday.", language: "en", translation: "" },
    { key: "en-2", text: "The coalition withdrew its advisers from the Tanf garrison.", language: "en", translation: "" },
    { key: "ar-1", text: "قسد والجيش العراقي يشكلان مركزاً مشتركاً", language: "ar", translation: "" },
    { key: "ar-2", text: "الجيش العراقي ينفي تشكيل مركز مشترك", language: "ar", translation: "The Iraqi army denies forming a joint centre" },
    { key: "none", text: "OK", language: "en", translation: "" },
  ];
  for (const r of rows) await t.db.claim.create({ data: r });
});
afterAll(async () => {
  delete process.env.DATABASE_URL;
  await t.close();
});

describe("vectors:build", () => {
  it("when run on claims without vectors, then English text or translation goes to the English encoder, Arabic-only text to the Arabic student, and a second run has nothing to do", async () => {
    const first = await runCli(vectorsBuild, ["--batch", "3"]);
    expect(first.code).toBe(0);
    expect(first.out).toContain("4 claim(s) embedded, 1 with no English or Arabic text to embed");
    const stored = await t.db.claimVector.findMany({ include: { claim: { select: { key: true } } } });
    expect(stored.map((v) => v.claim.key).sort()).toEqual(["ar-1", "ar-2", "en-1", "en-2"]);
    expect(stored.every((v) => v.vector.length === 512)).toBe(true);
    expect(Object.fromEntries(stored.map((v) => [v.claim.key, v.model]))).toEqual({
      "ar-1": STUDENT_ID,
      "ar-2": ENCODER_ID,
      "en-1": ENCODER_ID,
      "en-2": ENCODER_ID,
    });

    const second = await runCli(vectorsBuild, []);
    expect(second.out).toContain("0 claim(s) embedded, 1 with no English or Arabic text");
  });

  it("when a vector was made by another model, then it is replaced; a bad --batch is a usage error", async () => {
    const en1 = await t.db.claim.findUniqueOrThrow({ where: { key: "en-1" } });
    await t.db.claimVector.update({ where: { claimId: en1.id }, data: { model: "older-model/1" } });
    const run = await runCli(vectorsBuild, []);
    expect(run.out).toContain("1 claim(s) embedded");
    expect((await t.db.claimVector.findUniqueOrThrow({ where: { claimId: en1.id } })).model).toBe(ENCODER_ID);

    const bad = await runCli(vectorsBuild, ["--batch", "0"]);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--batch must be a whole number/);
  });
});
