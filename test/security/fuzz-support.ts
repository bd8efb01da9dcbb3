/**
 * T19 — property-based fuzzing of every JSON API write route with fast-check: bodies mixing
 * valid values, full-Unicode strings, lone surrogates, NUL and C0 controls, long strings,
 * arrays and objects where scalars belong, unknown keys and non-object bodies. The property:
 * the answer is 2xx or 4xx (never 5xx), and a refused request writes nothing. Shared by
 * test/security/fuzz.test.ts (300 runs a route, fixed seed) and bench (10,000 runs).
 */
import fc from "fast-check";
import request from "supertest";
import type { Express } from "express";
import type { Db } from "../../src/db/client.ts";
import type { World } from "./support.ts";

const COUNTED = ["Source", "SourceAlias", "Document", "Claim", "Attribution", "Conflict", "ConflictItem", "ClaimLink", "Review", "AuditEvent", "Setting"];
const COUNT_SQL = `SELECT ${COUNTED.map((t) => `(SELECT count(*) FROM "${t}") AS "${t}"`).join(", ")}`;
/** Row counts of every table a write could touch, in one query (no vitest import: bench uses this too). */
async function tableCounts(db: Db): Promise<string> {
  const [row] = await db.$queryRawUnsafe<Record<string, bigint | number>[]>(COUNT_SQL);
  return COUNTED.map((t) => `${t}=${Number(row[t])}`).join(" ");
}

const LONE_SURROGATES = ["\uD800", "\uDBFF", "\uDC00", "\uDFFF", "a\uD83Db", "\uDE00\uD83D"];
const CONTROLS = ["\u0000", "a\u0000b", "\u0001", "\u0007", "\u001B[31m", "\u007F", "x\u000Bx", "\u000C"];

/** Hostile text: full Unicode (incl. astral), lone surrogates, controls, long runs, Arabic, bidi. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc.string({ unit: "grapheme", maxLength: 40 }),
  fc.constantFrom(...LONE_SURROGATES, ...CONTROLS),
  fc.constantFrom(
    "\u202Eevil\u202C",
    "\u2067\u2066",
    "\u200B",
    "\uFEFF",
    "ـــ",
    "مُحَمَّد",
    "١٢٣",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "${7*7}",
    "{{7*7}}",
    "__proto__",
    "constructor",
  ),
  fc.integer({ min: 0, max: 6 }).map((i) => "ب".repeat([1, 49, 51, 199, 201, 2001, 5001][i])),
  fc.constant("x".repeat(200_001)),
  fc.constant(""),
  fc.constant("   "),
);

const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
  fc.constant({ $gt: "" }),
);

interface RouteSpec {
  method: "POST" | "PATCH" | "DELETE";
  path: (w: World) => string;
  /** Each field with a generator of values the schema accepts. */
  fields: Record<string, fc.Arbitrary<unknown>>;
}

const text = fc.constantFrom("a claim", "تصريح", "مركز تنسيق مشترك", "Reuters");
const lang = fc.constantFrom("ar", "en", "fr");
const date = fc.constantFrom("2024-03-28", "2024-03-28T14:00:00Z", null);

export function apiWriteRoutes(w: World): Array<{ name: string } & RouteSpec> {
  const ids = fc.constantFrom(w.sourceId, w.otherSourceId);
  return [
    {
      name: "POST /sources",
      method: "POST",
      path: () => "/api/v1/sources",
      fields: {
        name: text,
        kind: fc.constantFrom("outlet", "agency", "person"),
        reliability: fc.constantFrom("A", "C", "F"),
        aliases: fc.array(text, { maxLength: 3 }),
        notes: text,
        parentId: fc.constant(null),
      },
    },
    {
      name: "PATCH /sources/:id",
      method: "PATCH",
      path: () => `/api/v1/sources/${w.otherSourceId}`,
      fields: { notes: text, reliability: fc.constantFrom("B", "D"), aliases: fc.array(text, { maxLength: 3 }) },
    },
    {
      name: "POST /documents",
      method: "POST",
      path: () => "/api/v1/documents",
      fields: {
        title: text,
        url: fc.constantFrom("https://example.com/a", null),
        language: lang,
        text: text,
        publishedAt: date,
        publisherId: fc.constantFrom(w.sourceId, null),
      },
    },
    {
      name: "PATCH /documents/:id",
      method: "PATCH",
      path: () => `/api/v1/documents/${w.documentId}`,
      fields: { title: text, url: fc.constantFrom("https://example.com/b", null), publishedAt: date },
    },
    {
      name: "POST /claims",
      method: "POST",
      path: () => "/api/v1/claims",
      fields: { text, language: lang, translation: text, tags: fc.array(fc.constantFrom("border", "iraq", "حدود"), { maxLength: 3 }), eventDate: date },
    },
    {
      name: "PATCH /claims/:id",
      method: "PATCH",
      path: () => `/api/v1/claims/${w.otherClaimId}`,
      fields: { translation: text, tags: fc.array(fc.constantFrom("border", "iraq"), { maxLength: 2 }), eventDate: date },
    },
    {
      name: "POST /claims/:id/reviews",
      method: "POST",
      path: () => `/api/v1/claims/${w.otherClaimId}/reviews`,
      fields: { status: fc.constantFrom("verified", "disputed", "unverifiable"), rationale: text },
    },
    {
      name: "POST /claims/:id/attributions",
      method: "POST",
      path: () => `/api/v1/claims/${w.otherClaimId}/attributions`,
      fields: {
        sourceId: ids,
        stance: fc.constantFrom("asserted", "denied", "unverified"),
        quote: text,
        statedAt: date,
        credibility: fc.integer({ min: 1, max: 6 }),
        documentId: fc.constantFrom(w.documentId, null),
      },
    },
    {
      name: "PATCH /attributions/:id",
      method: "PATCH",
      path: () => `/api/v1/attributions/${w.attributionId}`,
      fields: { quote: text, credibility: fc.integer({ min: 1, max: 6 }), statedAt: date },
    },
    {
      name: "PATCH /conflicts/:id",
      method: "PATCH",
      path: () => `/api/v1/conflicts/${w.conflictId}`,
      fields: { status: fc.constantFrom("open", "confirmed", "dismissed", "resolved"), note: text },
    },
  ];
}

/** A body for `spec`: each field valid, hostile or the wrong type; sometimes an unknown key or not an object at all. */
export function bodyFor(spec: RouteSpec): fc.Arbitrary<{ raw: string; type: string }> {
  const value = (valid: fc.Arbitrary<unknown>) =>
    fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: hostileString }, { weight: 1, arbitrary: wrongType });
  const fields = Object.fromEntries(Object.entries(spec.fields).map(([k, v]) => [k, value(v)]));
  const object = fc
    .tuple(
      fc.record(fields, { requiredKeys: [] }),
      fc.option(fc.tuple(fc.constantFrom("role", "createdById", "status", "reviewerId", "id", "key", "admin", "a".repeat(300)), wrongType), { freq: 4 }),
    )
    .map(([o, extra]) => JSON.stringify(extra ? { ...o, [extra[0]]: extra[1] } : o));
  return fc.oneof(
    { weight: 12, arbitrary: object.map((s) => ({ raw: s, type: "application/json" })) },
    {
      weight: 1,
      arbitrary: fc.constantFrom("[]", "null", "42", '"text"', "{", '{"a":1,"a":2}', "", "\u0000").map((s) => ({ raw: s, type: "application/json" })),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          object,
          fc.constantFrom(
            "text/plain",
            "application/x-www-form-urlencoded",
            "application/json; charset=latin1",
            "application/json; charset=utf-16",
            "application/xml",
          ),
        )
        .map(([s, t]) => ({ raw: s, type: t })),
    },
  );
}

export interface FuzzReport {
  route: string;
  runs: number;
  statuses: Record<number, number>;
  failures: string[];
}

/** Run `runs` fast-check cases against every API write route; returns a report per route. */
export async function fuzzApi(app: Express, db: Db, token: string, world: World, runs: number, seed = 20261121): Promise<FuzzReport[]> {
  const out: FuzzReport[] = [];
  for (const spec of apiWriteRoutes(world)) {
    const report: FuzzReport = { route: spec.name, runs, statuses: {}, failures: [] };
    await fc
      .assert(
        fc.asyncProperty(bodyFor(spec), async ({ raw, type }) => {
          const before = await tableCounts(db);
          const m = spec.method.toLowerCase() as "post" | "patch" | "delete";
          const res = await request(app)[m](spec.path(world)).set("Authorization", `Bearer ${token}`).set("Content-Type", type).send(raw);
          report.statuses[res.status] = (report.statuses[res.status] ?? 0) + 1;
          const ok = (res.status >= 200 && res.status < 300) || (res.status >= 400 && res.status < 500);
          if (!ok) report.failures.push(`${res.status} for ${raw.slice(0, 200)}`);
          if (res.status >= 400 && res.status < 500) {
            const after = await tableCounts(db);
            if (after !== before) report.failures.push(`refused ${res.status} but wrote rows for ${raw.slice(0, 200)}`);
          }
          if (/prisma|sqlite|at .+\.ts:\d+|\/work\//i.test(res.text)) report.failures.push(`internals leaked in ${res.status}: ${res.text.slice(0, 200)}`);
          return ok;
        }),
        { numRuns: runs, seed, endOnFailure: true },
      )
      .catch((e: unknown) => report.failures.push(String((e as Error).message).slice(0, 500)));
    out.push(report);
  }
  return out;
}
