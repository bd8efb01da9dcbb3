/** A claim's audit proof and the checkpoint key, downloaded from the claim page and the API. */
import { createPublicKey } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadOrCreateKey } from "../../src/audit/checkpoint.ts";
import { verifyClaimProof } from "../../src/audit/verify-proof.ts";
import { sealAudit } from "../../src/domain/audit/seal-audit.ts";
import { apiToken, buildAttribution, buildClaim, buildSource, buildUser, setupTestApp, signedInAgent, type TestContext } from "../helpers.ts";

let ctx: TestContext;
let keyFile: string;
let claimId: number;

beforeAll(async () => {
  keyFile = join(mkdtempSync(join(tmpdir(), "crosscheck-key-")), "audit.pem");
  ctx = await setupTestApp({ AUDIT_KEY_FILE: keyFile });
  const a = await buildSource(ctx.db, { name: "المركز الإعلامي لقسد" });
  const b = await buildSource(ctx.db, { name: "الجيش العراقي" });
  const claim = await buildClaim(ctx.db, { text: "تشكيل مركز مشترك على الحدود", language: "ar" });
  claimId = claim.id;
  await buildAttribution(ctx.db, { claimId, sourceId: a.id, stance: "asserted", quote: "أعلن" });
  await buildAttribution(ctx.db, { claimId, sourceId: b.id, stance: "denied", quote: "نفى" });
  await buildClaim(ctx.db, { text: "Another claim entirely" });
});
afterAll(() => ctx.close());

describe("claim audit proof over HTTP", () => {
  it("when nothing has been sealed yet, then the proof is refused with a clear 409 and the key is 404", async () => {
    const { agent } = await signedInAgent(ctx);
    const res = await agent.get(`/claims/${claimId}/audit-proof`);
    expect(res.status).toBe(409);
    expect(res.text).toContain("no signed checkpoint yet");
    expect((await agent.get("/audit/public-key.pem")).status).toBe(404);
  });

  it("when the trail is sealed, then the claim page links a proof that verifies offline with the downloaded key, and the API serves the same proof", async () => {
    const key = loadOrCreateKey(keyFile);
    await sealAudit(ctx.db, key);
    const { agent } = await signedInAgent(ctx);
    const page = await agent.get(`/claims/${claimId}`);
    expect(page.text).toContain(`href="/claims/${claimId}/audit-proof"`);

    const res = await agent.get(`/claims/${claimId}/audit-proof`);
    expect(res.status).toBe(200);
    expect(res.headers["content-disposition"]).toContain(`claim-${claimId}-audit-proof.json`);
    const pem = await agent
      .get("/audit/public-key.pem")
      .buffer(true)
      .parse((r, cb) => {
        let s = "";
        r.on("data", (c: Buffer) => (s += c.toString("utf8")));
        r.on("end", () => cb(null, s));
      });
    expect(pem.status).toBe(200);
    expect(String(pem.body)).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    const report = verifyClaimProof(res.body, createPublicKey(String(pem.body)));
    expect(report.lines.join("\n")).toContain("OK: ");
    expect(report.ok).toBe(true);
    expect(res.body.events.map((e: { event: { action: string } }) => e.event.action)).toEqual(
      expect.arrayContaining(["claim.create", "attribution.create", "conflict.open"]),
    );
    // only this claim's history travels
    expect(JSON.stringify(res.body)).not.toContain("Another claim entirely");

    const user = await buildUser(ctx.db);
    const token = await apiToken(ctx.db, user.username);
    const api = await request(ctx.app).get(`/api/v1/claims/${claimId}/audit-proof`).set("Authorization", `Bearer ${token}`);
    expect(api.status).toBe(200);
    expect(api.body).toEqual(res.body);
  });

  it("when a claim changes after the seal, then the download (a GET, which never seals) counts the new event as not yet covered", async () => {
    const { agent } = await signedInAgent(ctx);
    const before = await ctx.db.auditCheckpoint.count();
    await buildAttribution(ctx.db, { claimId, sourceId: (await buildSource(ctx.db)).id, stance: "unverified", quote: "" });
    const res = await agent.get(`/claims/${claimId}/audit-proof`);
    expect(res.status).toBe(200);
    expect(res.body.unsealed).toBeGreaterThanOrEqual(1);
    expect(await ctx.db.auditCheckpoint.count()).toBe(before);
  });
});
