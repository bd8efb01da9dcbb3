/**
 * The checks a bundle must pass before anything is written: the schema, then everything that
 * can be checked without the database (duplicate keys, references inside the bundle, parent
 * cycles, the read-only conflicts/reviews pointing at real entries). References to keys not
 * in the bundle are collected so the importer can look them up in the database.
 */
import { bundleSchema, type Bundle } from "./bundle.schema.ts";
import { BundleError, zodProblems } from "./bundle-errors.ts";

/** Keys referenced but not defined in the bundle: key → the paths that use it. */
export type ExternalRefs = Map<string, string[]>;

export interface CheckedBundle {
  bundle: Bundle;
  /** Indices into bundle.sources, parents before children. */
  sourceOrder: number[];
  externalSources: ExternalRefs;
  externalDocuments: ExternalRefs;
  /** Not errors: e.g. a quote that does not occur in its document's text. */
  warnings: string[];
}

function addRef(refs: ExternalRefs, key: string, path: string) {
  const paths = refs.get(key);
  if (paths) paths.push(path);
  else refs.set(key, [path]);
}

function indexKeys(items: { key: string }[], list: string, problems: string[]): Map<string, number> {
  const index = new Map<string, number>();
  items.forEach((item, i) => {
    const first = index.get(item.key);
    if (first === undefined) index.set(item.key, i);
    else problems.push(`${list}[${i}].key: duplicate key "${item.key}" (already used by ${list}[${first}])`);
  });
  return index;
}

/** Parents first; a cycle is a problem reported at the source that closes it. */
function sourceOrder(sources: Bundle["sources"], index: Map<string, number>, problems: string[]): number[] {
  const state = new Array<0 | 1 | 2>(sources.length).fill(0);
  const order: number[] = [];
  const visit = (i: number, chain: string[]) => {
    if (state[i] === 2) return;
    const s = sources[i];
    if (state[i] === 1) {
      problems.push(`sources[${i}].parent: the parent chain ${[...chain, s.key].join(" → ")} is a cycle`);
      return;
    }
    state[i] = 1;
    const p = s.parent != null && s.parent !== s.key ? index.get(s.parent) : undefined;
    if (p !== undefined) visit(p, [...chain, s.key]);
    state[i] = 2;
    order.push(i);
  };
  sources.forEach((_, i) => visit(i, []));
  return order;
}

/** Validate a parsed JSON value as a bundle; throws BundleError listing every problem found. */
export function checkBundle(raw: unknown): CheckedBundle {
  const parsed = bundleSchema.safeParse(raw);
  if (!parsed.success) throw new BundleError(zodProblems(parsed.error));
  const bundle = parsed.data;
  const problems: string[] = [];
  const warnings: string[] = [];
  const externalSources: ExternalRefs = new Map();
  const externalDocuments: ExternalRefs = new Map();

  const sourceIndex = indexKeys(bundle.sources, "sources", problems);
  const documentIndex = indexKeys(bundle.documents, "documents", problems);
  const claimIndex = indexKeys(bundle.claims, "claims", problems);
  const sourceRef = (key: string, path: string) => {
    if (!sourceIndex.has(key)) addRef(externalSources, key, path);
  };

  bundle.sources.forEach((s, i) => {
    if (s.parent == null) return;
    if (s.parent === s.key) problems.push(`sources[${i}].parent: a source cannot be its own parent`);
    else sourceRef(s.parent, `sources[${i}].parent`);
  });
  const order = sourceOrder(bundle.sources, sourceIndex, problems);

  bundle.documents.forEach((d, i) => {
    if (d.publisher != null) sourceRef(d.publisher, `documents[${i}].publisher`);
  });

  bundle.claims.forEach((c, ci) => {
    const seen = new Map<string, number>();
    c.attributions.forEach((a, ai) => {
      const path = `claims[${ci}].attributions[${ai}]`;
      sourceRef(a.source, `${path}.source`);
      if (a.outlet != null) sourceRef(a.outlet, `${path}.outlet`);
      if (a.via != null) sourceRef(a.via, `${path}.via`);
      if (a.document != null) {
        const di = documentIndex.get(a.document);
        if (di === undefined) addRef(externalDocuments, a.document, `${path}.document`);
        else if (a.quote.trim() && !bundle.documents[di].text.includes(a.quote)) {
          warnings.push(`${path}.quote: not found word for word in the text of document "${a.document}"`);
        }
      }
      const identity = JSON.stringify([a.source, a.document, a.stance, a.quote, a.statedAt?.toISOString() ?? null]);
      const first = seen.get(identity);
      if (first !== undefined) problems.push(`${path}: duplicate of claims[${ci}].attributions[${first}] (same source, document, stance, quote and date)`);
      else seen.set(identity, ai);
    });
  });

  // Read-only sections: they must point at entries of this bundle, or the export was damaged.
  const checkRef = (ref: { claim: string; index: number; source: string; stance: string }, path: string) => {
    const ci = claimIndex.get(ref.claim);
    const a = ci === undefined ? undefined : bundle.claims[ci].attributions[ref.index];
    if (ci === undefined) problems.push(`${path}.claim: unknown claim key "${ref.claim}"`);
    else if (!a) problems.push(`${path}.index: claim "${ref.claim}" has no attribution ${ref.index}`);
    else if (a.source !== ref.source || a.stance !== ref.stance) {
      problems.push(`${path}: claims[${ci}].attributions[${ref.index}] is ${a.source} ${a.stance}, not ${ref.source} ${ref.stance}`);
    }
  };
  bundle.claims.forEach((c, i) => {
    if (c.mergedInto != null && !claimIndex.has(c.mergedInto)) problems.push(`claims[${i}].mergedInto: unknown claim key "${c.mergedInto}"`);
  });
  bundle.conflicts?.forEach((c, i) => {
    if (!claimIndex.has(c.claim)) problems.push(`conflicts[${i}].claim: unknown claim key "${c.claim}"`);
    if (c.otherClaim != null && !claimIndex.has(c.otherClaim)) problems.push(`conflicts[${i}].otherClaim: unknown claim key "${c.otherClaim}"`);
    c.sideA.forEach((r, j) => checkRef(r, `conflicts[${i}].sideA[${j}]`));
    c.sideB.forEach((r, j) => checkRef(r, `conflicts[${i}].sideB[${j}]`));
  });
  bundle.links?.forEach((l, i) => {
    if (!claimIndex.has(l.from)) problems.push(`links[${i}].from: unknown claim key "${l.from}"`);
    if (!claimIndex.has(l.to)) problems.push(`links[${i}].to: unknown claim key "${l.to}"`);
  });
  bundle.reviews?.forEach((r, i) => {
    if (!claimIndex.has(r.claim)) problems.push(`reviews[${i}].claim: unknown claim key "${r.claim}"`);
  });

  if (problems.length) throw new BundleError(problems);
  return { bundle, sourceOrder: order, externalSources, externalDocuments, warnings };
}
