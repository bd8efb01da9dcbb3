/**
 * T19 property-based fuzzing of the API writes (300 runs a route, fixed seed; the 10,000-run
 * version is in bench), T23 NUL/control characters and spreadsheet-safe CSV exports, and
 * T24 size limits (JSON and form bodies over 1 MB, 1,001 parameters).
 */
import { parse as parseCsv } from "csv-parse/sync";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BODY_LIMIT } from "../../src/app.ts";
import { tableCounts } from "../api/support.ts";
import { apiToken, buildUser, csrfFrom, setupTestApp, type TestContext } from "../helpers.ts";
import { fuzzApi } from "./fuzz-support.ts";
import { buildWorld, sessionFor, tableChecksums, type World } from "./support.ts";

let ctx: TestContext;
let world: World;
let token: string;
beforeAll(async () => {
  ctx = await setupTestApp();
  world = await buildWorld(ctx);
  const admin = await buildUser(ctx.db, { role: "admin" });
  token = await apiToken(ctx.db, admin.username);
});
afterAll(() => ctx.close());

const RUNS = Number(process.env.FUZZ_RUNS ?? 300);

describe("property-based fuzzing of every API write (T19)", () => {
  it(`when ${RUNS} generated bodies a route (full Unicode, lone surrogates, NUL, long strings, wrong types, unknown keys) are sent, then only 2xx/4xx, and a refused request writes nothing`, async () => {
    const reports = await fuzzApi(ctx.app, ctx.db, token, world, RUNS);
    for (const r of reports) console.log(`fuzz ${r.route}: ${JSON.stringify(r.statuses)}`);
    expect(reports.flatMap((r) => r.failures.map((f) => `${r.route}: ${f}`))).toEqual([]);
    // The generator reaches both sides: some bodies are accepted, most are refused.
    const all = reports.flatMap((r) => Object.entries(r.statuses));
    expect(all.some(([s]) => s.startsWith("2"))).toBe(true);
    expect(all.some(([s]) => s === "422")).toBe(true);
  }, 240_000);
});

const C0 = [...Array(32).keys()]
  .filter((c) => ![9, 10, 13].includes(c))
  .map((c) => String.fromCharCode(c))
  .concat("\u007F");

describe("NUL and control characters (T23)", () => {
  it("when any C0 control (other than tab, LF, CR) or DEL is put in any text field of the API, then 422 and nothing is written", async () => {
    const fields: Array<[string, string, Record<string, unknown>, string]> = [
      ["POST", "/api/v1/sources", { name: "S", kind: "outlet" }, "name"],
      ["POST", "/api/v1/sources", { name: "S", kind: "outlet" }, "notes"],
      ["POST", "/api/v1/documents", { title: "T", language: "en", text: "t" }, "title"],
      ["POST", "/api/v1/documents", { title: "T", language: "en", text: "t" }, "text"],
      ["POST", "/api/v1/claims", { text: "c", language: "en" }, "text"],
      ["POST", "/api/v1/claims", { text: "c", language: "en" }, "translation"],
      ["POST", `/api/v1/claims/${world.otherClaimId}/attributions`, { sourceId: world.sourceId, stance: "asserted" }, "quote"],
      ["POST", `/api/v1/claims/${world.otherClaimId}/reviews`, { status: "verified" }, "rationale"],
      ["PATCH", `/api/v1/conflicts/${world.conflictId}`, { status: "dismissed" }, "note"],
    ];
    const before = await tableCounts(ctx.db);
    const bad: string[] = [];
    for (const [method, path, body, field] of fields) {
      for (const c of C0) {
        const m = method.toLowerCase() as "post" | "patch";
        const res = await request(ctx.app)
          [m](path)
          .set("Authorization", `Bearer ${token}`)
          .send({ ...body, [field]: `before${c}after` });
        if (res.status !== 422 && res.status !== 400) bad.push(`${method} ${path} ${field} U+${c.charCodeAt(0).toString(16).padStart(4, "0")}: ${res.status}`);
      }
    }
    expect(bad).toEqual([]);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it("when a NUL is posted in a form field, then 422 (no 500, no silent truncation) and nothing is written", async () => {
    const { agent } = await sessionFor(ctx, "admin");
    const token = csrfFrom((await agent.get("/claims/new")).text);
    const before = await tableChecksums(ctx, ["Session"]);
    for (const [path, body] of [
      ["/claims", { text: "a\u0000b", language: "en" }],
      ["/sources", { name: "S", kind: "outlet", notes: "x\u0000" }],
      ["/documents", { title: "T\u0000", language: "en", text: "t" }],
      [`/claims/${world.claimId}/attributions`, { sourceId: String(world.sourceId), stance: "asserted", quote: "\u0000" }],
    ] as const) {
      const res = await agent
        .post(path)
        .type("form")
        .send({ ...body, _csrf: token });
      expect(res.status, path).toBe(422);
    }
    expect(await tableChecksums(ctx, ["Session"])).toEqual(before);
  });

  it("when claims start with = + - @ tab or CR (also behind a bidi mark), then the report CSV carries a BOM and every such cell is prefixed with '", async () => {
    const starts = ['=HYPERLINK("http://x")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1", "\u200F=1+1", "\u202B@x", "\u061C+1"];
    const ids: number[] = [];
    for (const s of starts) {
      const res = await request(ctx.app)
        .post("/api/v1/claims")
        .set("Authorization", `Bearer ${token}`)
        .send({ text: `${s} claim`, language: "en", tags: ["csvtest"] });
      expect(res.status, s).toBe(201);
      ids.push(res.body.id);
    }
    const { agent } = await sessionFor(ctx, "analyst");
    const res = await agent
      .get("/reports/topics/csvtest?format=csv")
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => cb(null, Buffer.concat(chunks)));
      });
    expect(res.status).toBe(200);
    const bytes = res.body as Buffer;
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows: string[][] = parseCsv(bytes.subarray(3).toString("utf8"), { relax_column_count: true });
    const cells = rows.flat();
    const dangerous = cells.filter((c) => /^[\u200E\u200F\u061C\u202A-\u202E\u2066-\u2069]*[=+\-@\t\r]/.test(c));
    expect(dangerous).toEqual([]);
    // Claim text is stored trimmed, so "\t=1 claim" is stored (and exported) as "=1 claim".
    for (const s of starts)
      expect(
        cells.some((c) => c === `'${`${s} claim`.trim()}`),
        JSON.stringify(s),
      ).toBe(true);
  });
});

describe("size limits (T24)", () => {
  it(`when a JSON body is over the ${BODY_LIMIT} limit, then 413 fast with bounded heap growth, and nothing is written`, async () => {
    const before = await tableCounts(ctx.db);
    const big = JSON.stringify({ text: "x".repeat(1_100_000), language: "en" });
    const times: number[] = [];
    global.gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    for (let i = 0; i < 20; i++) {
      const t = performance.now();
      const res = await request(ctx.app).post("/api/v1/claims").set("Authorization", `Bearer ${token}`).set("Content-Type", "application/json").send(big);
      times.push(performance.now() - t);
      expect(res.status).toBe(413);
      expect(res.body.error.code).toBe("payload_too_large");
    }
    const growth = (process.memoryUsage().heapUsed - heap0) / 1048576;
    const median = [...times].sort((a, b) => a - b)[10];
    console.log(`413 for a 1.1 MB JSON body: median ${median.toFixed(1)} ms (incl. sending it over loopback), heap growth ${growth.toFixed(1)} MB over 20`);
    expect(median).toBeLessThan(250);
    expect(growth).toBeLessThan(50);
    expect(await tableCounts(ctx.db)).toEqual(before);
  });

  it("when a form has 1,001 parameters, then 413; 1,000 are parsed (and refused by the schema as unknown fields)", async () => {
    const { agent } = await sessionFor(ctx, "admin");
    const token = csrfFrom((await agent.get("/claims/new")).text);
    const before = await tableChecksums(ctx, ["Session"]);
    const params = (n: number) => {
      const p = new URLSearchParams({ _csrf: token, text: "t", language: "en" });
      for (let i = 3; i < n; i++) p.append(`f${i}`, "1");
      return p.toString();
    };
    const over = await agent.post("/claims").type("form").send(params(1001));
    expect(over.status).toBe(413);
    const at = await agent.post("/claims").type("form").send(params(1000));
    expect(at.status).toBe(422);
    expect(await tableChecksums(ctx, ["Session"])).toEqual(before);
  });

  it("when a field is over its maximum, then 422 with a message naming the field (Arabic text counts in characters)", async () => {
    const res = await request(ctx.app)
      .post("/api/v1/claims")
      .set("Authorization", `Bearer ${token}`)
      .send({ text: "ب".repeat(2001), language: "ar" });
    expect(res.status).toBe(422);
    expect(res.body.error.fields.text).toMatch(/at most 2000/);
    const ok = await request(ctx.app)
      .post("/api/v1/claims")
      .set("Authorization", `Bearer ${token}`)
      .send({ text: "ب".repeat(2000), language: "ar" });
    expect(ok.status).toBe(201);
  });
});
