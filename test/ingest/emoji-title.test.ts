/** A report whose first line is cut to make its title must not have an emoji cut in half (it was a 500). */
import request from "supertest";
import { afterAll, beforeAll, expect, it } from "vitest";
import { apiToken, buildUser, setupTestApp, type TestContext } from "../helpers.ts";

let t: TestContext;
beforeAll(async () => {
  t = await setupTestApp();
});
afterAll(async () => t.close());

it("when the title cut falls inside an emoji, then the report is ingested with a well-formed title", async () => {
  const user = await buildUser(t.db, { role: "analyst" });
  const token = await apiToken(t.db, user.username);
  const text = `${"ا".repeat(198)}🚨 خبر عاجل عن الحدود\nنص التقرير.`;
  const res = await request(t.app)
    .post("/api/v1/ingest")
    .set({ Authorization: `Bearer ${token}` })
    .send({ text });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  expect(res.body.document.title.isWellFormed()).toBe(true);
});

it("when a JSON body is not valid UTF-8, then it is refused with 400 and nothing is stored", async () => {
  const user = await buildUser(t.db, { role: "analyst" });
  const token = await apiToken(t.db, user.username);
  const before = await t.db.document.count();
  const body = Buffer.concat([Buffer.from('{"text":"نص '), Buffer.from([0xff, 0xfe]), Buffer.from(' التقرير"}')]);
  const res = await request(t.app)
    .post("/api/v1/ingest")
    .set({ Authorization: `Bearer ${token}`, "Content-Type": "application/json" })
    .serialize((b: unknown) => b as string)
    .send(body as unknown as string);
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.message).toMatch(/UTF-8/);
  expect(await t.db.document.count()).toBe(before);
});
