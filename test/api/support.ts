/**
 * Shared support for the API tests: one real SQLite file per test file, users of each role
 * with bearer tokens, table counts for "writes nothing" checks, and the table of bad inputs
 * every write route must refuse.
 */
import request from "supertest";
import { expect } from "vitest";
import type { Db } from "../../src/db/client.ts";
import type { Role } from "../../src/domain/actor.ts";
import { apiToken, buildUser, setupTestApp, type TestContext } from "../helpers.ts";

export interface ApiClient {
  get(path: string): request.Test;
  post(path: string, body?: unknown): request.Test;
  patch(path: string, body?: unknown): request.Test;
  delete(path: string): request.Test;
}

export function client(ctx: TestContext, token: string | null): ApiClient {
  const auth = (t: request.Test) => (token === null ? t : t.set("Authorization", `Bearer ${token}`));
  const agent = request(ctx.app);
  return {
    get: (path) => auth(agent.get(`/api/v1${path}`)),
    post: (path, body) => {
      const t = auth(agent.post(`/api/v1${path}`));
      return body === undefined ? t : t.send(body as object);
    },
    patch: (path, body) => {
      const t = auth(agent.patch(`/api/v1${path}`));
      return body === undefined ? t : t.send(body as object);
    },
    delete: (path) => auth(agent.delete(`/api/v1${path}`)),
  };
}

export interface ApiContext extends TestContext {
  users: Record<Role, { id: number; username: string }>;
  as: Record<Role, ApiClient>;
  anonymous: ApiClient;
}

export async function setupApi(): Promise<ApiContext> {
  const ctx = await setupTestApp();
  const users = {} as ApiContext["users"];
  const as = {} as ApiContext["as"];
  for (const role of ["analyst", "reviewer", "admin"] as const) {
    const user = await buildUser(ctx.db, { role, username: `${role}-1` });
    users[role] = user;
    as[role] = client(ctx, await apiToken(ctx.db, user.username));
  }
  return Object.assign(ctx, { users, as, anonymous: client(ctx, null) });
}

const COUNTED = ["Source", "SourceAlias", "Document", "Claim", "Attribution", "Conflict", "ConflictItem", "Review", "AuditEvent"] as const;
const COUNT_SQL = `SELECT ${COUNTED.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(", ")}`;

/** Row counts of every table a write could touch (audit included), in one query. */
export async function tableCounts(db: Db): Promise<Record<(typeof COUNTED)[number], number>> {
  const [row] = await db.$queryRawUnsafe<Record<string, bigint | number>[]>(COUNT_SQL);
  return Object.fromEntries(COUNTED.map((t) => [t, Number(row[t])])) as Record<(typeof COUNTED)[number], number>;
}

/** The one error format: `{ error: { status, code, message, fields?, requestId } }`. */
export function expectApiError(res: request.Response, status: number, code?: string) {
  expect(res.status, res.text).toBe(status);
  expect(res.headers["content-type"]).toMatch(/^application\/json/);
  expect(res.body.error).toMatchObject({ status, code: code ?? expect.any(String), message: expect.any(String), requestId: expect.any(String) });
  expect(Object.keys(res.body)).toEqual(["error"]);
  expect(res.text).not.toMatch(/prisma|sqlite|at .+\.ts:\d+/i);
}

/** The latest audit event of `action`, with before/after parsed. */
export async function lastAudit(db: Db, action: string) {
  const row = await db.auditEvent.findFirst({ where: { action }, orderBy: { seq: "desc" } });
  if (!row) throw new Error(`no audit event ${action}`);
  return { ...row, before: JSON.parse(row.before), after: JSON.parse(row.after) };
}

export interface BadCase {
  name: string;
  /** A JSON body, or a raw string sent as-is with `type`. */
  body: unknown;
  raw?: { text: string; type: string };
  status: number;
}

/**
 * Bad bodies for a write route, built from one valid body: invalid JSON, a non-JSON body,
 * non-object bodies, missing fields, unknown (mass-assignment) keys, wrong types, arrays
 * where scalars belong, NUL bytes and oversized text in `textField`.
 */
export function badBodies(valid: Record<string, unknown>, textField: string, max: number): BadCase[] {
  const scalarKey = Object.keys(valid).find((k) => typeof valid[k] === "string") ?? textField;
  return [
    { name: "invalid JSON", body: undefined, raw: { text: '{"oops": ', type: "application/json" }, status: 400 },
    { name: "a form-encoded body", body: undefined, raw: { text: `${textField}=x`, type: "application/x-www-form-urlencoded" }, status: 415 },
    { name: "a JSON array as the body", body: [valid], status: 422 },
    { name: "a JSON string as the body", body: undefined, raw: { text: '"hello"', type: "application/json" }, status: 400 },
    { name: "an empty object", body: {}, status: 422 },
    {
      name: "a __proto__ key",
      body: undefined,
      raw: { text: `{"__proto__":{"role":"admin"},${JSON.stringify(valid).slice(1)}`, type: "application/json" },
      status: 422,
    },
    ...(
      [
        ["role", "admin"],
        ["status", "verified"],
        ["createdById", 1],
        ["id", 1],
      ] as const
    )
      .filter(([k]) => !(k in valid))
      .map(([k, v]) => ({ name: `an unknown key ${k}`, body: { ...valid, [k]: v }, status: 422 })),
    { name: `a number for ${textField}`, body: { ...valid, [textField]: 12 }, status: 422 },
    { name: `an object for ${textField}`, body: { ...valid, [textField]: { $gt: "" } }, status: 422 },
    { name: `an array for ${scalarKey}`, body: { ...valid, [scalarKey]: [valid[scalarKey]] }, status: 422 },
    { name: `a NUL byte in ${textField}`, body: { ...valid, [textField]: "before\u0000after" }, status: 422 },
    { name: `${max + 1} characters of ${textField}`, body: { ...valid, [textField]: "x".repeat(max + 1) }, status: 422 },
  ];
}

/** Send `c` with `send` and check: the status, the error format, and that no row (or audit event) was written. */
export async function expectRefused(ctx: ApiContext, c: BadCase, send: () => request.Test) {
  const before = await tableCounts(ctx.db);
  const t = send();
  const res = await (c.raw ? t.type(c.raw.type).send(c.raw.text) : c.body === undefined ? t : t.send(c.body as object));
  expectApiError(res, c.status);
  expect(await tableCounts(ctx.db)).toEqual(before);
  return res;
}
