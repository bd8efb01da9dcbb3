/**
 * Support for the security tests: the app's route table read from Express itself, a checksum
 * of every table (to prove "0 rows changed"), a small world of records every :id route can
 * point at, and the identities of the access-control matrix.
 */
import type { Db } from "../../src/db/client.ts";
import { createHash } from "node:crypto";
import Database from "better-sqlite3";
import request from "supertest";
import type { Express } from "express";
import type { Role } from "../../src/domain/actor.ts";
import { inTransaction } from "../../src/db/client.ts";
import { systemActor } from "../../src/domain/actor.ts";
import { reviewClaim } from "../../src/domain/reviews/review-claim.ts";
import { setSetting } from "../../src/domain/settings/settings.ts";
import { PASSWORD, apiToken, buildAttribution, buildClaim, buildDocument, buildSource, buildUser, csrfFrom, type TestContext } from "../helpers.ts";

export interface RouteEntry {
  method: string;
  path: string;
}

interface LayerLike {
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
  rawPath?: string | string[];
}

/** Every route in the app, as "METHOD /path", walking mounted routers (Express 5 / router 2). */
export function listRoutes(app: Express): RouteEntry[] {
  const out: RouteEntry[] = [];
  const walk = (stack: LayerLike[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = ([] as string[]).concat(layer.route.path);
        for (const p of paths) {
          for (const [m, on] of Object.entries(layer.route.methods)) {
            if (on && m !== "_all") out.push({ method: m.toUpperCase(), path: `${prefix}${p}` });
          }
        }
      } else if (layer.handle?.stack) {
        const raw = typeof layer.rawPath === "string" ? layer.rawPath : "/";
        walk(layer.handle.stack, raw === "/" ? prefix : `${prefix}${raw}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, "");
  // The same path can be registered by two routers (never here, but keep the list unique).
  const seen = new Set<string>();
  return out.filter((r) => {
    const k = `${r.method} ${r.path}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/**
 * SHA-256 over every row of every table (read on an independent connection), per table.
 * `skip` leaves out tables whose change is expected (the Session row's sliding expiry).
 */
export async function tableChecksums(ctx: { file: string; db: Db }, skip: string[] = []): Promise<Record<string, string>> {
  if (!ctx.file) return pgTableChecksums(ctx.db, skip);
  const file = ctx.file;
  const conn = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = conn
      // ordinary tables only: the full-text indexes (virtual tables and their shadow tables) are derived from them
      .prepare("SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
      .all() as Array<{ name: string }>;
    const out: Record<string, string> = {};
    for (const { name } of tables) {
      if (skip.includes(name)) continue;
      const h = createHash("sha256");
      for (const row of conn.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).iterate()) {
        h.update(JSON.stringify(row, (_k, v) => (Buffer.isBuffer(v) ? v.toString("hex") : typeof v === "bigint" ? String(v) : v)));
        h.update("\n");
      }
      out[name] = h.digest("hex");
    }
    return out;
  } finally {
    conn.close();
  }
}

export interface World {
  sourceId: number;
  otherSourceId: number;
  documentId: number;
  claimId: number;
  otherClaimId: number;
  attributionId: number;
  conflictId: number;
  reviewId: number;
  linkId: number;
  userId: number;
  tag: string;
}

/** A small world: two sources, a document, an opposed claim (so a conflict), a pending review, a link. */
export async function buildWorld(ctx: TestContext): Promise<World> {
  const src = await buildSource(ctx.db, { name: "SDF media centre", kind: "official_body" });
  const army = await buildSource(ctx.db, { name: "Iraqi army", kind: "official_body" });
  const doc = await buildDocument(ctx.db, { publisherId: src.id });
  const claim = await buildClaim(ctx.db, { text: "تشكيل مركز تنسيق مشترك", language: "ar", tags: ["border"] });
  const other = await buildClaim(ctx.db, { text: "Joint centre formed on the border", language: "en" });
  const a = await buildAttribution(ctx.db, { claimId: claim.id, sourceId: src.id, stance: "asserted", quote: "أعلن", documentId: doc.id });
  await buildAttribution(ctx.db, { claimId: claim.id, sourceId: army.id, stance: "denied", quote: "نفى" });
  const conflict = await ctx.db.conflict.findFirstOrThrow({ where: { claimId: claim.id } });
  const reviewer = await buildUser(ctx.db, { role: "reviewer" });
  await inTransaction(ctx.db, (tx) => setSetting(tx, systemActor("test"), "review.twoPerson", "true"));
  const review = await inTransaction(ctx.db, (tx) =>
    reviewClaim(
      tx,
      { userId: reviewer.id, username: reviewer.username, role: "reviewer", requestId: "test" },
      { claimId: claim.id, status: "disputed", rationale: "denied by the army" },
    ),
  );
  await inTransaction(ctx.db, (tx) => setSetting(tx, systemActor("test"), "review.twoPerson", "false"));
  const link =
    (await ctx.db.claimLink.findFirst()) ??
    (await ctx.db.claimLink.create({ data: { fromId: other.id, toId: claim.id, relation: "related", origin: "engine", status: "suggested", score: 0.5 } }));
  return {
    sourceId: src.id,
    otherSourceId: army.id,
    documentId: doc.id,
    claimId: claim.id,
    otherClaimId: other.id,
    attributionId: a.id,
    conflictId: conflict.id,
    reviewId: review.id,
    linkId: link.id,
    userId: reviewer.id,
    tag: "border",
  };
}

export type Identity =
  | { kind: "anonymous"; name: string; agent: ReturnType<typeof request.agent> }
  | { kind: "session"; name: string; role: Role; agent: ReturnType<typeof request.agent>; userId: number }
  | { kind: "token"; name: string; role: Role; token: string };

export async function sessionFor(ctx: TestContext, role: Role) {
  const user = await buildUser(ctx.db, { role });
  const agent = request.agent(ctx.app);
  const login = await agent.get("/login");
  const res = await agent
    .post("/login")
    .type("form")
    .send({ _csrf: csrfFrom(login.text), username: user.username, password: PASSWORD });
  if (res.status !== 303) throw new Error(`login failed: ${res.status}`);
  return { agent, user };
}

export async function identities(ctx: TestContext): Promise<Identity[]> {
  const out: Identity[] = [{ kind: "anonymous", name: "anonymous", agent: request.agent(ctx.app) }];
  for (const role of ["analyst", "reviewer", "admin"] as const) {
    const { agent, user } = await sessionFor(ctx, role);
    out.push({ kind: "session", name: `${role} (session)`, role, agent, userId: user.id });
  }
  for (const role of ["analyst", "reviewer", "admin"] as const) {
    const user = await buildUser(ctx.db, { role });
    out.push({ kind: "token", name: `${role} (API token)`, role, token: await apiToken(ctx.db, user.username) });
  }
  return out;
}

/** Fill a route pattern's parameters from the world (or with `foreign` ids that exist nowhere). */
export function fillPath(pattern: string, w: World, foreign?: number): string {
  return pattern.replace(/:(\w+)/g, (_m, name: string) => {
    if (name === "tag") return foreign ? `no-such-tag-${foreign}` : w.tag;
    if (foreign) return String(foreign);
    return String(
      {
        "/sources/:id": w.sourceId,
        "/documents/:id": w.documentId,
        "/claims/:id": w.claimId,
        "/attributions/:id": w.attributionId,
        "/conflicts/:id": w.conflictId,
        "/reviews/:id": w.reviewId,
        "/links/:id": w.linkId,
        "/users/:id": w.userId,
        "/reports/claims/:id": w.claimId,
        "/reports/conflicts/:id": w.conflictId,
      }[pattern.replace(/^\/api\/v1/, "").match(/^\/(reports\/)?\w+\/:id/)?.[0] ?? ""] ?? 0,
    );
  });
}

/** A body each state-changing page form accepts, so a refusal comes from CSRF, the id or the role — never validation. */
export function formBodies(w: World): Record<string, Record<string, string>> {
  return {
    "/login": { username: "nobody", password: "x" },
    "/logout": {},
    "/claims": { text: "form claim", language: "en" },
    "/claims/:id": { text: "form edit", language: "en" },
    "/claims/:id/attributions": { sourceId: String(w.sourceId), stance: "asserted" },
    "/claims/:id/reviews": { status: "verified", rationale: "r" },
    "/links/:id/decision": { decision: "dismiss" },
    "/claims/:id/merge": { intoId: String(w.claimId) },
    "/reviews/:id/confirm": { decision: "confirm" },
    "/attributions/:id/credibility": { credibility: "2" },
    "/attributions/:id": { sourceId: String(w.sourceId), stance: "denied" },
    "/attributions/:id/delete": {},
    "/sources": { name: "form source", kind: "outlet" },
    "/sources/:id": { name: "form source edit", kind: "outlet" },
    "/documents": { title: "T", language: "en", text: "t" },
    "/documents/:id": { title: "T edit", language: "en" },
    "/conflicts/:id/status": { status: "dismissed", note: "n" },
    "/users": { username: "formuser", role: "analyst", password: "a long enough password" },
    "/users/:id": { role: "reviewer" },
    "/settings": { twoPersonReview: "on" },
    "/settings/reanalyse": { action: "stop" },
  };
}

/** PostgreSQL: the same digest per ordinary table of the public schema, rows in primary-key order. */
async function pgTableChecksums(db: Db, skip: string[]): Promise<Record<string, string>> {
  const tables = await db.$queryRaw<
    Array<{ name: string }>
  >`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name`;
  const out: Record<string, string> = {};
  for (const { name } of tables) {
    if (skip.includes(name)) continue;
    const h = createHash("sha256");
    for (const row of await db.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${name}" ORDER BY 1`)) {
      h.update(JSON.stringify(row, (_k, v) => (v instanceof Uint8Array ? Buffer.from(v).toString("hex") : typeof v === "bigint" ? String(v) : v)));
      h.update("\n");
    }
    out[name] = h.digest("hex");
  }
  return out;
}
