import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSource } from "../helpers.ts";
import { badBodies, expectApiError, expectRefused, lastAudit, setupApi, type ApiContext } from "./support.ts";

let ctx: ApiContext;
beforeAll(async () => {
  ctx = await setupApi();
});
afterAll(() => ctx.close());

const valid = { name: "SDF media centre", kind: "official_body", reliability: "C", aliases: ["المركز الإعلامي لقسد"], notes: "", parentId: null };

describe("POST /api/v1/sources", () => {
  it("when an analyst records a source, then 201 + Location, the row and its aliases exist, and source.create is audited", async () => {
    const res = await ctx.as.analyst.post("/sources", { ...valid, aliases: ["قسد", "SDF", "قسد"] });
    expect(res.status, res.text).toBe(201);
    expect(res.headers.location).toBe(`/api/v1/sources/${res.body.id}`);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.body).toMatchObject({ name: "SDF media centre", kind: "official_body", reliability: "C", aliases: ["قسد", "SDF"], parentId: null });
    expect(res.body.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T.*Z$/);
    expect(res.body).not.toHaveProperty("nameKey");

    const row = await ctx.db.source.findUnique({ where: { id: res.body.id }, include: { aliases: true } });
    expect(row?.name).toBe("SDF media centre");
    expect(row?.aliases.map((a) => a.alias).sort()).toEqual(["SDF", "قسد"].sort());

    const audit = await lastAudit(ctx.db, "source.create");
    expect(audit).toMatchObject({ entityType: "source", entityId: String(res.body.id), actorName: "analyst-1", actorRole: "analyst", before: null });
    expect(audit.after).toMatchObject({ id: res.body.id, name: "SDF media centre", kind: "official_body" });
  });

  it("when the defaults are left out, then reliability is F and aliases empty", async () => {
    const res = await ctx.as.analyst.post("/sources", { name: "Private sources", kind: "anonymous" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ reliability: "F", aliases: [], notes: "" });
  });

  it("when the parent does not exist, then 422 names parentId and nothing is written", async () => {
    const res = await expectRefused(ctx, { name: "missing parent", body: { ...valid, parentId: 999999 }, status: 422 }, () => ctx.as.analyst.post("/sources"));
    expect(res.body.error.fields).toHaveProperty("parentId");
  });

  for (const c of badBodies(valid, "name", 200)) {
    it(`when the body has ${c.name}, then ${c.status} in the error format and nothing is written`, async () => {
      const res = await expectRefused(ctx, c, () => ctx.as.analyst.post("/sources"));
      if (c.status === 422 && c.body && !Array.isArray(c.body) && Object.keys(c.body).length) expect(res.body.error.fields).toBeTruthy();
    });
  }

  it("when the kind is not a known kind, then 422 names the field", async () => {
    const res = await expectRefused(ctx, { name: "bad kind", body: { ...valid, kind: "wizard" }, status: 422 }, () => ctx.as.analyst.post("/sources"));
    expect(res.body.error.fields.kind).toMatch(/Kind must be one of/);
  });

  it("when the body is larger than the 1 MB limit, then 413 and nothing is written", async () => {
    await expectRefused(ctx, { name: "huge", body: { ...valid, notes: "x".repeat(1_100_000) }, status: 413 }, () => ctx.as.analyst.post("/sources"));
  });
});

describe("GET /api/v1/sources", () => {
  it("when sources exist, then the list is paged and filterable by kind and text", async () => {
    await buildSource(ctx.db, { name: "Iraqi army", kind: "official_body", aliases: ["الجيش العراقي"] });
    await buildSource(ctx.db, { name: "Political Keys", kind: "outlet" });
    const res = await ctx.as.analyst.get("/sources?pageSize=1&page=1");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 1, items: [expect.any(Object)] });
    expect(res.body.total).toBe(await ctx.db.source.count());
    expect(res.body.pages).toBe(res.body.total);

    const outlets = await ctx.as.analyst.get("/sources?kind=outlet&pageSize=200");
    expect(outlets.body.items.every((s: { kind: string }) => s.kind === "outlet")).toBe(true);

    const found = await ctx.as.analyst.get(`/sources?q=${encodeURIComponent("الجيش العراقي")}`);
    expect(found.body.items.map((s: { name: string }) => s.name)).toEqual(["Iraqi army"]);
    expect(found.body.items[0]).toMatchObject({ aliases: ["الجيش العراقي"], attributionCount: 0, parent: null });
  });

  it("when the paging parameters are nonsense, then the defaults apply instead of an error", async () => {
    const res = await ctx.as.analyst.get("/sources?page=-3&pageSize=abc&kind=wizard");
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 25 });
  });
});

describe("GET /api/v1/sources/:id", () => {
  it("when the source exists, then it comes with its parent, children, attributions and documents", async () => {
    const parent = await buildSource(ctx.db, { name: "SDF", kind: "armed_group" });
    const child = await buildSource(ctx.db, { name: "SDF media office", kind: "official_body", parentId: parent.id });
    const res = await ctx.as.reviewer.get(`/sources/${parent.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: parent.id, name: "SDF", children: [{ id: child.id, name: "SDF media office" }], attributions: [], documents: [] });
    const own = await ctx.as.reviewer.get(`/sources/${child.id}`);
    expect(own.body.parent).toMatchObject({ id: parent.id, name: "SDF" });
  });

  for (const bad of ["999999", "0", "-1", "abc", "1.5", "1e3", "99999999999999999999", "%00"]) {
    it(`when the id is ${bad}, then 404 in the error format`, async () => {
      expectApiError(await ctx.as.analyst.get(`/sources/${bad}`), 404, "not_found");
    });
  }
});

describe("PATCH /api/v1/sources/:id", () => {
  it("when every field is sent, then 200, the row changes and source.update records before and after", async () => {
    const s = await buildSource(ctx.db, { name: "Iraqi army command", kind: "official_body", aliases: ["old"] });
    const res = await ctx.as.analyst.patch(`/sources/${s.id}`, {
      ...valid,
      name: "Iraqi Joint Operations Command",
      aliases: ["قيادة العمليات المشتركة"],
      reliability: "B",
    });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ id: s.id, key: s.key, name: "Iraqi Joint Operations Command", reliability: "B", aliases: ["قيادة العمليات المشتركة"] });
    const row = await ctx.db.source.findUnique({ where: { id: s.id }, include: { aliases: true } });
    expect(row?.reliability).toBe("B");
    expect(row?.aliases.map((a) => a.alias)).toEqual(["قيادة العمليات المشتركة"]);
    const audit = await lastAudit(ctx.db, "source.update");
    expect(audit).toMatchObject({ entityType: "source", entityId: String(s.id), actorName: "analyst-1" });
    expect(audit.before).toMatchObject({ name: "Iraqi army command", aliases: ["old"], reliability: "C" });
    expect(audit.after).toMatchObject({ name: "Iraqi Joint Operations Command", reliability: "B" });
  });

  it("when only the name is sent, then the other fields keep their values (a merge, not a reset)", async () => {
    const parent = await buildSource(ctx.db);
    const s = await buildSource(ctx.db, {
      name: "Keeps",
      kind: "spokesperson",
      reliability: "B",
      aliases: ["one", "two"],
      notes: "important",
      parentId: parent.id,
    });
    const res = await ctx.as.analyst.patch(`/sources/${s.id}`, { name: "Renamed" });
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      name: "Renamed",
      kind: "spokesperson",
      reliability: "B",
      aliases: ["one", "two"],
      notes: "important",
      parentId: parent.id,
    });
    const row = await ctx.db.source.findUnique({ where: { id: s.id }, include: { aliases: true } });
    expect(row).toMatchObject({ name: "Renamed", notes: "important", parentId: parent.id });
    const audit = await lastAudit(ctx.db, "source.update");
    expect(audit.before).toMatchObject({ name: "Keeps", notes: "important" });
    expect(audit.after).toMatchObject({ name: "Renamed", notes: "important", aliases: ["one", "two"] });
  });

  it("when null is sent for the parent and [] for the aliases, then they are cleared", async () => {
    const parent = await buildSource(ctx.db);
    const s = await buildSource(ctx.db, { aliases: ["x"], parentId: parent.id });
    const res = await ctx.as.analyst.patch(`/sources/${s.id}`, { parentId: null, aliases: [] });
    expect(res.status).toBe(200);
    expect(await ctx.db.source.findUnique({ where: { id: s.id }, include: { aliases: true } })).toMatchObject({ parentId: null, aliases: [] });
  });

  it("when a required field is sent empty or null, then 422 and nothing is written", async () => {
    const s = await buildSource(ctx.db);
    await expectRefused(ctx, { name: "blank name", body: { name: "  " }, status: 422 }, () => ctx.as.analyst.patch(`/sources/${s.id}`));
    await expectRefused(ctx, { name: "null kind", body: { kind: null }, status: 422 }, () => ctx.as.analyst.patch(`/sources/${s.id}`));
  });

  it("when a source is made its own parent, then 409 and nothing is written", async () => {
    const s = await buildSource(ctx.db);
    const res = await expectRefused(ctx, { name: "self parent", body: { ...valid, parentId: s.id }, status: 409 }, () =>
      ctx.as.analyst.patch(`/sources/${s.id}`),
    );
    expect(res.body.error.fields).toHaveProperty("parentId");
  });

  it("when the source does not exist or the id is not a number, then 404 and nothing is written", async () => {
    await expectRefused(ctx, { name: "unknown", body: valid, status: 404 }, () => ctx.as.analyst.patch("/sources/999999"));
    await expectRefused(ctx, { name: "nan", body: valid, status: 404 }, () => ctx.as.analyst.patch("/sources/abc"));
  });

  for (const c of badBodies(valid, "notes", 5000)) {
    it(`when the PATCH body has ${c.name}, then ${c.status} and nothing is written`, async () => {
      const s = await buildSource(ctx.db);
      await expectRefused(ctx, c, () => ctx.as.analyst.patch(`/sources/${s.id}`));
    });
  }
});
