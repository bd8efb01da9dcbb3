/**
 * Independent origins. A statement repeated by many outlets is one origin, not many.
 *
 * The origin of an attribution is found like this:
 * - If the speaker is an outlet or agency that only relayed the statement ("according to X",
 *   `via`), the origin is X.
 * - An anonymous source counts once per outlet: all anonymous sources of one outlet
 *   ("private sources", "informed sources" of Political Keys) are one origin.
 * - A spokesperson, person or unit that belongs to a body (its `parent`) speaks for that body:
 *   the origin is the top of the parent chain (Mustafa Bali → SDF media centre → SDF), unless
 *   that top is an outlet (a reporter of an outlet is that outlet's own reporting).
 * Pure: plain objects in, plain objects out.
 */
export interface SourceNode {
  id: number;
  name: string;
  kind: string;
  reliability: string;
  parentId: number | null;
}

export interface StanceRecord {
  attributionId: number;
  stance: "asserted" | "denied" | "unverified";
  speaker: SourceNode;
  outlet?: SourceNode | null;
  via?: SourceNode | null;
}

export interface Origin {
  key: string;
  label: string;
  /** Best (highest) reliability grade among the sources that make up this origin. */
  reliability: string;
  attributionIds: number[];
  /** Outlets that carried it (copies, not corroboration). */
  carriers: string[];
}

export interface Corroboration {
  asserted: Origin[];
  denied: Origin[];
  unverified: Origin[];
  /** One line, e.g. "asserted by 2 independent origins, denied by 1". */
  summary: string;
}

const RELAYS = new Set(["outlet", "agency", "social_account"]);

function top(node: SourceNode, byId: Map<number, SourceNode>): SourceNode {
  let cur = node;
  const seen = new Set<number>([cur.id]);
  while (cur.parentId != null) {
    const parent = byId.get(cur.parentId);
    if (!parent || seen.has(parent.id) || RELAYS.has(parent.kind)) break;
    seen.add(parent.id);
    cur = parent;
  }
  return cur;
}

/** The origin key and label of one attribution. */
export function originOf(r: StanceRecord, byId: Map<number, SourceNode>): { key: string; label: string; node: SourceNode } {
  let speaker = r.speaker;
  if (r.via && (RELAYS.has(speaker.kind) || speaker.id === r.outlet?.id)) speaker = r.via;
  if (speaker.kind === "anonymous") {
    const outletId = speaker.parentId ?? r.outlet?.id ?? null;
    const outlet = outletId != null ? (byId.get(outletId) ?? r.outlet ?? null) : null;
    return {
      key: `anonymous:${outletId ?? speaker.id}`,
      label: outlet ? `anonymous sources of ${outlet.name}` : speaker.name,
      node: speaker,
    };
  }
  const root = top(speaker, byId);
  return { key: `source:${root.id}`, label: root.name, node: root };
}

const GRADE_ORDER = "ABCDEF";
function better(a: string, b: string): string {
  return GRADE_ORDER.indexOf(a) <= GRADE_ORDER.indexOf(b) ? a : b;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}

export function corroborate(records: StanceRecord[], sources: SourceNode[] = []): Corroboration {
  const byId = new Map<number, SourceNode>();
  for (const s of sources) byId.set(s.id, s);
  for (const r of records) for (const s of [r.speaker, r.outlet, r.via]) if (s && !byId.has(s.id)) byId.set(s.id, s);

  const groups: Record<StanceRecord["stance"], Map<string, Origin>> = { asserted: new Map(), denied: new Map(), unverified: new Map() };
  for (const r of records) {
    const o = originOf(r, byId);
    const map = groups[r.stance];
    const existing = map.get(o.key);
    const grade = better(o.node.reliability, r.speaker.reliability);
    const carrier = r.outlet?.name;
    if (existing) {
      existing.attributionIds.push(r.attributionId);
      existing.reliability = better(existing.reliability, grade);
      if (carrier && !existing.carriers.includes(carrier)) existing.carriers.push(carrier);
    } else {
      map.set(o.key, { key: o.key, label: o.label, reliability: grade, attributionIds: [r.attributionId], carriers: carrier ? [carrier] : [] });
    }
  }
  const asserted = [...groups.asserted.values()];
  const denied = [...groups.denied.values()];
  const unverified = [...groups.unverified.values()];
  const parts = [`asserted by ${plural(asserted.length, "independent origin")}`, `denied by ${denied.length}`];
  if (unverified.length) parts.push(`reported unverified by ${unverified.length}`);
  return { asserted, denied, unverified, summary: parts.join(", ") };
}
