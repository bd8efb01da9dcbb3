/**
 * The STIX 2.1 bundle checked against the specification's rules by hand: no maintained npm
 * package ships the official OASIS STIX 2.1 JSON schemas, so the rules those schemas and the
 * spec state (common properties, identifier and timestamp patterns, vocabularies, required
 * properties per object type, non-empty lists, custom-property naming, reference integrity)
 * are written out here.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadClaimReport, loadTopicReport, type ReportData } from "../../src/domain/reports/report-data.ts";
import { uuidV5 } from "../../src/exports/common.ts";
import { CONTRADICTS, STIX_NAMESPACE, toStixBundle, type StixBundle, type StixObject } from "../../src/exports/stix.ts";
import { setupTestApp, type TestContext } from "../helpers.ts";
import { buildScenario, QUOTE_ASSERT, QUOTE_DENY, type Scenario } from "./scenario.ts";

let ctx: TestContext;
let s: Scenario;
const BASE = "https://crosscheck.example";

/** Everything in the scenario: three topics cover all four claims. */
async function loadAll(): Promise<ReportData> {
  const data = await loadTopicReport(ctx.db, "sdf");
  const extra = [...(await loadTopicReport(ctx.db, "coalition")).claims, ...(await loadTopicReport(ctx.db, "misc")).claims];
  for (const c of extra) if (!data.claims.some((x) => x.id === c.id)) data.claims.push(c);
  data.claims.sort((a, b) => a.id - b.id);
  const sources = new Map(data.sources.map((x) => [x.id, x]));
  for (const c of data.claims) for (const a of c.attributions) sources.set(a.source.id, a.source);
  data.sources = [...sources.values()].sort((a, b) => a.id - b.id);
  return data;
}

beforeAll(async () => {
  ctx = await setupTestApp();
  s = await buildScenario(ctx.db);
});
afterAll(() => ctx.close());

// --- STIX 2.1 rules -------------------------------------------------------------------------

const ID = /^[a-z0-9-]+--[0-9a-f]{8}-[0-9a-f]{4}-[1-5][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
/** RFC 3339, UTC "Z" (STIX §3.2), with the millisecond precision STIX requires for created/modified. */
const TIMESTAMP = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?Z$/;
const TIMESTAMP_MS = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const TYPE = /^[a-z0-9][a-z0-9-]+[a-z0-9]$/;
const PROPERTY = /^[a-z0-9_]{3,250}$/;
const IDENTITY_CLASS_OV = ["individual", "group", "system", "organization", "class", "unknown"];
const OPINION_ENUM = ["strongly-disagree", "disagree", "neutral", "agree", "strongly-agree"];
const REPORT_TYPE_OV = [
  "attack-pattern",
  "campaign",
  "identity",
  "indicator",
  "intrusion-set",
  "malware",
  "observed-data",
  "threat-actor",
  "threat-report",
  "tool",
  "vulnerability",
];

const COMMON = [
  "type",
  "spec_version",
  "id",
  "created_by_ref",
  "created",
  "modified",
  "revoked",
  "labels",
  "confidence",
  "lang",
  "external_references",
  "object_marking_refs",
  "granular_markings",
  "extensions",
];
const SPECIFIC: Record<string, string[]> = {
  identity: ["name", "description", "roles", "identity_class", "sectors", "contact_information"],
  report: ["name", "description", "report_types", "published", "object_refs"],
  note: ["abstract", "content", "authors", "object_refs"],
  opinion: ["explanation", "authors", "opinion", "object_refs"],
  relationship: ["relationship_type", "description", "source_ref", "target_ref", "start_time", "stop_time"],
};
const REQUIRED: Record<string, string[]> = {
  identity: ["name"],
  report: ["name", "published", "object_refs"],
  note: ["content", "object_refs"],
  opinion: ["opinion", "object_refs"],
  relationship: ["relationship_type", "source_ref", "target_ref"],
};

/** Every rule violated by the bundle, as readable strings (empty when valid). */
function stixErrors(bundle: StixBundle): string[] {
  const errors: string[] = [];
  const fail = (o: { id?: unknown }, msg: string) => errors.push(`${String(o.id)}: ${msg}`);
  if (bundle.type !== "bundle") errors.push("bundle type");
  if (!ID.test(bundle.id) || !bundle.id.startsWith("bundle--")) errors.push("bundle id");
  if (Object.keys(bundle).sort().join() !== "id,objects,type") errors.push("bundle properties (2.1 bundles have only type, id, objects)");
  if (!Array.isArray(bundle.objects) || !bundle.objects.length) errors.push("bundle objects");
  const ids = new Set<string>();
  for (const o of bundle.objects) {
    if (ids.has(o.id)) fail(o, "duplicate id");
    ids.add(o.id);
  }
  const refOk = (o: StixObject, v: unknown, where: string) => {
    if (typeof v !== "string" || !ID.test(v)) return fail(o, `${where} is not an identifier: ${String(v)}`);
    if (!ids.has(v)) fail(o, `${where} points outside the bundle: ${v}`);
  };
  for (const o of bundle.objects) {
    if (!TYPE.test(o.type) || o.type.length > 250) fail(o, "type");
    if (typeof o.id !== "string" || !ID.test(o.id) || !o.id.startsWith(`${o.type}--`)) fail(o, "id must be type--UUID");
    if (o.spec_version !== "2.1") fail(o, "spec_version");
    for (const t of ["created", "modified"] as const) if (!TIMESTAMP.test(o[t]) || !TIMESTAMP_MS.test(o[t])) fail(o, `${t} not RFC 3339 UTC with ms`);
    if (o.modified < o.created) fail(o, "modified before created");
    for (const p of REQUIRED[o.type] ?? ["?"]) if (o[p] === undefined) fail(o, `missing required ${p}`);
    for (const [key, value] of Object.entries(o)) {
      const known = COMMON.includes(key) || (SPECIFIC[o.type] ?? []).includes(key);
      // Custom properties: 3–250 of [a-z0-9_] (§11.1), and ours carry the x_crosscheck_ prefix.
      if (!known && (!PROPERTY.test(key) || !key.startsWith("x_crosscheck_"))) fail(o, `unknown property ${key} is not an x_ custom property`);
      if (value === null) fail(o, `${key} is null`);
      if (Array.isArray(value) && value.length === 0) fail(o, `${key} is an empty list`);
      if (key.endsWith("_ref")) refOk(o, value, key);
      if (key.endsWith("_refs")) for (const v of value as unknown[]) refOk(o, v, key);
    }
    if (o.created_by_ref === undefined && o.id !== bundle.objects[0].id) fail(o, "created_by_ref missing");
    if (o.confidence !== undefined && !(Number.isInteger(o.confidence) && (o.confidence as number) >= 0 && (o.confidence as number) <= 100))
      fail(o, "confidence");
    for (const ref of (o.external_references as Record<string, unknown>[] | undefined) ?? []) {
      if (typeof ref.source_name !== "string" || !ref.source_name) fail(o, "external reference needs source_name");
      if (!ref.url && !ref.external_id && !ref.description) fail(o, "external reference needs url, external_id or description");
      if (ref.url) expect(() => new URL(ref.url as string)).not.toThrow();
    }
    if (o.type === "identity" && o.identity_class !== undefined && !IDENTITY_CLASS_OV.includes(o.identity_class as string)) fail(o, "identity_class");
    if (o.type === "report") {
      if (!TIMESTAMP.test(o.published as string)) fail(o, "published");
      for (const t of (o.report_types as string[]) ?? []) if (!REPORT_TYPE_OV.includes(t)) fail(o, "report_types");
    }
    if (o.type === "opinion" && !OPINION_ENUM.includes(o.opinion as string)) fail(o, "opinion enum");
    if (o.type === "note" && typeof o.content !== "string") fail(o, "content");
    if (o.type === "relationship") {
      if (!/^[a-z0-9-]+$/.test(o.relationship_type as string)) fail(o, "relationship_type");
      for (const r of [o.source_ref, o.target_ref] as string[])
        if (/^(relationship|sighting|bundle|marking-definition)--/.test(r)) fail(o, "relationship endpoint type");
    }
  }
  return errors;
}

const of = (b: StixBundle, type: string) => b.objects.filter((o) => o.type === type);

// --- tests ----------------------------------------------------------------------------------

describe("STIX 2.1 bundle", () => {
  it("uuidV5 matches the RFC 9562 test vector (DNS namespace, www.example.com)", () => {
    expect(uuidV5("www.example.com", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")).toBe("2ed6657d-e927-568b-95e1-2665a8aea6a2");
    expect(STIX_NAMESPACE).not.toBe("00abedb4-aa42-466c-9c01-fed23315a9b7"); // the SCO namespace is reserved
  });

  it("the rule checker itself catches broken objects (so a clean result means something)", async () => {
    const bundle = toStixBundle(await loadClaimReport(ctx.db, s.claims.border.id), { baseUrl: BASE });
    const broken: StixBundle = structuredClone(bundle);
    const note = broken.objects.find((o) => o.type === "note")!;
    note.object_refs = [];
    note.created = "2019-03-28 08:00:00";
    note.custom = 1;
    const opinion = broken.objects.find((o) => o.type === "opinion")!;
    opinion.opinion = "maybe";
    opinion.object_refs = ["note--00000000-0000-4000-8000-000000000000"];
    (broken.objects[1] as Record<string, unknown>).spec_version = "2.0";
    broken.objects[2].id = "report--not-a-uuid";
    const errors = stixErrors(broken).join("\n");
    for (const expected of [
      "empty list",
      "created not RFC 3339",
      "unknown property custom",
      "opinion enum",
      "points outside the bundle",
      "spec_version",
      "id must be type--UUID",
    ]) {
      expect(errors).toContain(expected);
    }
  });

  it("when everything is exported, then the bundle follows the STIX 2.1 rules", async () => {
    const bundle = toStixBundle(await loadAll(), { baseUrl: BASE });
    expect(stixErrors(bundle)).toEqual([]);
    for (const o of bundle.objects) expect(o.id).toMatch(ID);
    expect(of(bundle, "identity")).toHaveLength(1 + 7);
    expect(of(bundle, "report")).toHaveLength(2);
    expect(of(bundle, "note")).toHaveLength(4 + 9);
  });

  it("when exported twice from two loads, then the JSON is identical (deterministic ids and times)", async () => {
    const a = JSON.stringify(toStixBundle(await loadAll(), { baseUrl: BASE }));
    const b = JSON.stringify(toStixBundle(await loadAll(), { baseUrl: `${BASE}/` }));
    expect(b).toBe(a);
    // And a record keeps its id in any report that contains it.
    const single = toStixBundle(await loadClaimReport(ctx.db, s.claims.border.id), { baseUrl: BASE });
    const everything = new Set(JSON.parse(a).objects.map((o: StixObject) => o.id));
    for (const o of single.objects) expect(everything.has(o.id)).toBe(true);
  });

  it("then every source is an identity with its class, reliability and parent, created by the Crosscheck identity", async () => {
    const bundle = toStixBundle(await loadAll(), { baseUrl: BASE, orgName: "Desk" });
    const producer = bundle.objects[0];
    expect(producer).toMatchObject({ type: "identity", name: "Desk", identity_class: "organization" });
    const byName = new Map(of(bundle, "identity").map((o) => [o.name as string, o]));
    expect(byName.get("الجيش العراقي")).toMatchObject({
      identity_class: "organization",
      x_crosscheck_reliability: "B",
      x_crosscheck_aliases: ["Iraqi army"],
      created_by_ref: producer.id,
    });
    expect(byName.get("الجيش العراقي")!.description).toContain("reliability B");
    expect(byName.get("Jia Kobani")).toMatchObject({ identity_class: "individual" });
    expect(byName.get("مصادر خاصة")).toMatchObject({ identity_class: "unknown", x_crosscheck_parent_ref: byName.get("Political Keys")!.id });
  });

  it("then each attribution is a note (abstract = stance, content = quote, authors = speaker) on its report", async () => {
    const bundle = toStixBundle(await loadAll(), { baseUrl: BASE });
    const notes = of(bundle, "note");
    const assert = notes.find((n) => n.content === QUOTE_ASSERT)!;
    const deny = notes.find((n) => n.content === QUOTE_DENY)!;
    const report = of(bundle, "report").find((r) => r.name === "قسد والجيش العراقي: مركز مشترك لتنسيق أمن الحدود")!;
    expect(assert).toMatchObject({
      abstract: "asserted",
      x_crosscheck_stance: "asserted",
      authors: ["المركز الإعلامي لقوات سوريا الديمقراطية"],
      confidence: 50,
      lang: "ar",
    });
    expect(assert.x_crosscheck_claim).toMatchObject({ key: "clm-border", status: "disputed" });
    expect(assert.object_refs).toContain(report.id);
    expect(deny).toMatchObject({ abstract: "denied", x_crosscheck_credibility: 6 });
    expect(deny).not.toHaveProperty("confidence"); // 6 = cannot be judged: no STIX confidence
    expect(deny.x_crosscheck_via_ref).toBe(of(bundle, "identity").find((i) => i.name === "وسائل إعلام عربية")!.id);
    expect(report).toMatchObject({ published: "2019-03-28T09:30:00.000Z", x_crosscheck_sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(report.object_refs).toEqual(expect.arrayContaining([assert.id, deny.id]));
    expect(report.external_references).toContainEqual({ source_name: "قناة الخبر", url: "https://khabar.example/news/1" });
    // A note with no document still refers to something: its speaker.
    const meeting = notes.find((n) => (n.x_crosscheck_claim as { key: string }).key === "clm-meetings")!;
    expect(meeting.object_refs).toEqual([of(bundle, "identity").find((i) => i.name === "Jia Kobani")!.id]);
    expect(meeting.content).toBe("Meetings ran from 2 pm Saturday to Sunday evening");
  });

  it("then each final review is an opinion on the claim's notes, mirrored for denials", async () => {
    const bundle = toStixBundle(await loadAll(), { baseUrl: BASE });
    const notes = of(bundle, "note");
    const noteOf = (quote: string) => notes.find((n) => n.content === quote)!.id;
    const opinions = of(bundle, "opinion").map((o) => [o.opinion, o.object_refs, o.x_crosscheck_current, o.explanation]);
    expect(opinions).toEqual(
      expect.arrayContaining([
        ["strongly-agree", [noteOf(QUOTE_ASSERT)], false, "First look: both sides confirm talks."],
        ["strongly-disagree", [noteOf(QUOTE_DENY)], false, "First look: both sides confirm talks."],
        ["disagree", [noteOf(QUOTE_ASSERT)], true, "The Iraqi army denies it; no third source."],
        ["agree", [noteOf(QUOTE_DENY)], true, "The Iraqi army denies it; no third source."],
        ["neutral", expect.any(Array), true, "Single anonymous source."],
        ["strongly-agree", expect.any(Array), true, "Confirmed by the commander on the record."],
      ]),
    );
    expect(opinions).toHaveLength(6);
    for (const o of of(bundle, "opinion")) expect(o.authors).toEqual(["rana"]);
  });

  it("then an open conflict is a custom 'contradicts' relationship between the two sides' notes", async () => {
    const bundle = toStixBundle(await loadAll(), { baseUrl: BASE });
    const rels = of(bundle, "relationship");
    expect(rels).toHaveLength(1);
    const notes = of(bundle, "note");
    const ends = [rels[0].source_ref, rels[0].target_ref].map((id) => notes.find((n) => n.id === id)!.x_crosscheck_stance).sort();
    expect(ends).toEqual(["asserted", "denied"]);
    expect(rels[0]).toMatchObject({ relationship_type: CONTRADICTS, x_crosscheck_conflict: { kind: "stance", status: "open", active: true } });
    expect(typeof rels[0].description).toBe("string");
  });

  it("when the conflict is dismissed, then no relationship is exported and the bundle id changes", async () => {
    const before = toStixBundle(await loadAll(), { baseUrl: BASE });
    await ctx.db.conflict.updateMany({ where: { claimId: s.claims.border.id }, data: { status: "dismissed" } });
    const after = toStixBundle(await loadAll(), { baseUrl: BASE });
    expect(of(after, "relationship")).toEqual([]);
    expect(stixErrors(after)).toEqual([]);
    expect(after.id).not.toBe(before.id);
  });

  it("when the report is empty, then the bundle still holds the producer identity", async () => {
    const bundle = toStixBundle(await loadTopicReport(ctx.db, "no-such-tag"), { baseUrl: BASE });
    expect(bundle.objects.map((o) => o.type)).toEqual(["identity"]);
    expect(stixErrors(bundle)).toEqual([]);
  });
});
