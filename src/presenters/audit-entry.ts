/**
 * An audit event as a reader takes it in: who, when (in words), what was done to which item
 * (with a link), and what changed, field by field (old → new). The raw before/after JSON stays
 * available behind a disclosure. Values are cut short for the list (the export and the raw JSON
 * hold them whole), so one event is a few lines however large the record — 62 events used to
 * make a 50,000 px page when the JSON sat in a narrow column.
 */
import { hasKey } from "../i18n/index.ts";
import { humanDateTime, isoAttr } from "./when.ts";
import { visibleControls } from "./view.ts";

/** How many changes a list entry shows before "N more". */
export const CHANGES_SHOWN = 3;
const VALUE_MAX = 70;
const RAW_MAX = 4000;

const VERBS: Record<string, string> = {
  create: "created",
  update: "changed",
  delete: "removed",
  merge: "merged",
  grade: "graded",
  open: "opened",
  reopen: "re-opened",
  resolve: "resolved",
  status: "decided on",
  confirm: "confirmed",
  login: "signed in",
  login_failed: "failed to sign in",
  logout: "signed out",
  revoke: "revoked",
  checkpoint: "sealed",
  bundle: "imported",
};

const ENTITY_WORDS: Record<string, string> = {
  claim: "claim",
  source: "source",
  document: "document",
  attribution: "stance",
  conflict: "conflict",
  review: "verdict",
  user: "user",
  token: "API token",
  setting: "setting",
  link: "claim link",
  bundle: "bundle",
  audit: "audit trail",
};

/** Fields that are bookkeeping, not content: not listed as changes (they are in the raw JSON). */
const QUIET = new Set(["id", "createdAt", "updatedAt", "passwordHash", "tokenHash", "sha256", "hash", "normalized", "searchKey", "key"]);
/** Listed first: what a reader recognises the record by. */
const FIRST = ["text", "name", "title", "status", "stance", "quote", "decision", "role"];

const LINKS: Record<string, string> = { claim: "/claims/", source: "/sources/", document: "/documents/", conflict: "/conflicts/" };

export interface Change {
  /** The field's name in words (English), shown when the catalogue has no label for it. */
  field: string;
  /** Catalogue key of the field's label (auditField.*), when it has one. */
  labelKey?: string;
  /** Catalogue keys of the old and new values when they are one of the interface's own words (a status, a stance, a role, yes/no). */
  oldKey?: string;
  newKey?: string;
  old: string;
  new: string;
  /** true when the field had no value before (a creation), false when it was cleared. */
  added: boolean;
  removed: boolean;
}

/** "publishedAt" → "published at", "source_id" → "source id". */
export function fieldLabel(key: string): string {
  return (
    key
      .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
      .replace(/_/g, " ")
      .toLowerCase()
      .replace(/\bid$/, "")
      .trim() || key
  );
}

function shortValue(v: unknown): string {
  if (v === null || v === undefined || v === "") return "";
  let s: string;
  if (Array.isArray(v)) s = v.map((x) => (typeof x === "string" ? x : JSON.stringify(x))).join(", ");
  else if (typeof v === "object") s = JSON.stringify(v);
  else if (typeof v === "string" && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(v)) s = humanDateTime(v);
  else s = JSON.stringify(v) ?? "";
  s = visibleControls(s.replace(/\s+/g, " ").trim());
  return s.length > VALUE_MAX ? `${s.slice(0, VALUE_MAX - 1)}…` : s;
}

function parse(json: string): unknown {
  try {
    return JSON.parse(json);
  } catch {
    return json;
  }
}

/**
 * Fields whose values are the interface's own words, by the catalogue namespace that names
 * them (per record type where one field name means different things). Only such values are
 * translated; everything recorded from evidence (texts, quotes, names) is shown as stored.
 */
const STATUS_WORDS = { claim: "status", review: "status", conflict: "conflict", link: "linkStatus" };
const VALUE_WORDS: Record<string, string | Record<string, string>> = {
  stance: "stance",
  status: STATUS_WORDS,
  previousStatus: STATUS_WORDS,
  role: "role",
  kind: { conflict: "kind", source: "sourcekind" },
  relation: "relation",
  decision: "decision",
  origin: { link: "linkOrigin" },
};

function valueKey(field: string, entityType: string | undefined, v: unknown): string | undefined {
  if (typeof v === "boolean") return `auditValue.${v}`;
  const ns = VALUE_WORDS[field];
  const prefix = typeof ns === "string" ? ns : ns && entityType ? ns[entityType] : undefined;
  if (!prefix || typeof v !== "string" || !/^[a-z_]+$/.test(v)) return undefined;
  const key = `${prefix}.${v}`;
  return hasKey(key) ? key : undefined;
}

/** The fields that differ between two snapshots, in the record's own field order. */
export function diffSnapshots(before: unknown, after: unknown, entityType?: string): Change[] {
  const obj = (v: unknown) => (v && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, unknown>) : null);
  const b = obj(before);
  const a = obj(after);
  if (!a && !b) {
    const o = shortValue(before);
    const n = shortValue(after);
    return o === n ? [] : [{ field: "value", old: o, new: n, added: !o, removed: !n }];
  }
  const rank = (k: string) => (FIRST.includes(k) ? FIRST.indexOf(k) : FIRST.length);
  const keys = [...new Set([...Object.keys(b ?? {}), ...Object.keys(a ?? {})])].sort((x, y) => rank(x) - rank(y));
  const out: Change[] = [];
  for (const k of keys) {
    if (QUIET.has(k)) continue;
    const o = b ? b[k] : undefined;
    const n = a ? a[k] : undefined;
    if (JSON.stringify(o ?? null) === JSON.stringify(n ?? null)) continue;
    const os = shortValue(o);
    const ns = shortValue(n);
    if (!os && !ns) continue;
    const labelKey = hasKey(`auditField.${k}`) ? `auditField.${k}` : undefined;
    const oldKey = valueKey(k, entityType, o);
    const newKey = valueKey(k, entityType, n);
    out.push({
      field: fieldLabel(k),
      ...(labelKey ? { labelKey } : {}),
      ...(oldKey ? { oldKey } : {}),
      ...(newKey ? { newKey } : {}),
      old: os,
      new: ns,
      added: !os,
      removed: !ns,
    });
  }
  return out;
}

function rawJson(json: string): string {
  if (json === "null") return "";
  const s = visibleControls(json);
  return s.length > RAW_MAX ? `${s.slice(0, RAW_MAX)}… (cut at ${RAW_MAX.toLocaleString("en")} characters; the export holds it whole)` : s;
}

export interface AuditRow {
  seq: number;
  ts: string;
  actorName: string;
  actorRole: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string;
  after: string;
  hash: string;
}

export function presentAuditEntry(e: AuditRow) {
  const before = parse(e.before);
  const after = parse(e.after);
  const changes = diffSnapshots(before, after, e.entityType);
  const verb = e.action.split(".").slice(1).join(".");
  const entityWord = ENTITY_WORDS[e.entityType] ?? e.entityType;
  const snap = (after ?? before) as Record<string, unknown> | null;
  let href: string | null = LINKS[e.entityType] && /^\d+$/.test(e.entityId) ? `${LINKS[e.entityType]}${e.entityId}` : null;
  // A stance or a verdict is shown on its claim's page.
  if (!href && snap && typeof snap === "object" && typeof snap.claimId === "number") href = `/claims/${snap.claimId}`;
  // A claim link is shown on the page of the claim it starts from.
  if (!href && snap && typeof snap === "object" && typeof snap.fromId === "number") href = `/claims/${snap.fromId}`;
  return {
    seq: e.seq,
    when: humanDateTime(e.ts),
    iso: isoAttr(e.ts),
    actor: visibleControls(e.actorName),
    actorRole: e.actorRole,
    action: e.action,
    verb: VERBS[verb] ?? verb.replace(/_/g, " "),
    entity: `${entityWord} #${e.entityId}`,
    entityType: e.entityType,
    entityId: e.entityId,
    href,
    shown: changes.slice(0, CHANGES_SHOWN),
    more: changes.slice(CHANGES_SHOWN),
    moreCount: Math.max(0, changes.length - CHANGES_SHOWN),
    rawBefore: rawJson(e.before),
    rawAfter: rawJson(e.after),
    hash: e.hash.slice(0, 12),
  };
}
