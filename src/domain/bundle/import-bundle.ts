/**
 * Imports a bundle (see bundle.schema.ts and docs/bundle.md) through the ordinary use cases,
 * so every row gets its audit event and every new attribution its conflict analysis.
 *
 * - All or nothing: the whole bundle is validated first, then references to keys outside the
 *   bundle are looked up, and only then is anything written — in ONE transaction, with one
 *   `import.bundle` event summarising the counts.
 * - Idempotent: records are matched by key; a matched record whose fields differ is updated
 *   through its update use case (audited); an identical one is left alone. Attributions are
 *   matched by (claim, source, document, stance, quote, statedAt); outlet and credibility are
 *   their updatable fields. Importing the same bundle twice writes no rows and no events.
 * - Nothing is deleted: records missing from the bundle stay as they are.
 * - A claim an analyst merged into another is matched by its key as usual, but its
 *   attributions are matched against (and new ones recorded on) the surviving claim, so
 *   re-importing an old bundle never brings a merged duplicate's evidence back.
 * - A document's text is evidence: a stored document with the same key and different text
 *   is refused (import the corrected report under a new key).
 */
import { createHash } from "node:crypto";
import { canonicalize } from "../../audit/canonical.ts";
import { recordAudit } from "../../audit/record.ts";
import { inTransaction, type Db, type Tx } from "../../db/client.ts";
import type { Actor } from "../actor.ts";
import { recordAttribution } from "../attributions/record-attribution.ts";
import { updateAttribution } from "../attributions/update-attribution.ts";
import { createClaim } from "../claims/create-claim.ts";
import { updateClaim } from "../claims/update-claim.ts";
import { createDocument, sha256Hex } from "../documents/create-document.ts";
import { updateDocument } from "../documents/update-document.ts";
import { createSource } from "../sources/create-source.ts";
import { updateSource } from "../sources/update-source.ts";
import { BundleError } from "./bundle-errors.ts";
import { checkBundle, type CheckedBundle } from "./check-bundle.ts";
import {
  atEntry,
  attributionIdentity,
  byKey,
  claimDiffers,
  didYouMean,
  documentDiffers,
  findDocuments,
  findSources,
  parentCyclesThroughDatabase,
  sourceDiffers,
  survivingClaim,
} from "./import-support.ts";

export interface KindCounts {
  created: number;
  updated: number;
  unchanged: number;
}

export interface ImportResult {
  sources: KindCounts;
  documents: KindCounts;
  claims: KindCounts;
  attributions: KindCounts;
  /** Conflicts the engine opened while the attributions were recorded. */
  conflictsOpened: number;
  /** Not errors (the bundle was imported): e.g. a quote not found in its document. */
  warnings: string[];
  /** SHA-256 of the bundle's canonical JSON: the `entityId` of the import.bundle event. */
  sha256: string;
  /** Seq of the import.bundle audit event, or null when nothing changed. */
  auditSeq: number | null;
}

/** Imports run in one write transaction; a large bundle may need longer than a request does. */
export const IMPORT_TIMEOUT_MS = 10 * 60_000;

const counts = (): KindCounts => ({ created: 0, updated: 0, unchanged: 0 });

export interface ImportOptions {
  /** Do everything, report the counts, then roll back: nothing is written. */
  dryRun?: boolean;
}

/** Carries a dry run's result out of the transaction it rolls back. */
class DryRunRollback extends Error {
  constructor(readonly result: ImportResult) {
    super("dry run");
  }
}

/**
 * Validate and import `raw` (a parsed JSON value) as `actor`. Throws BundleError, listing every
 * problem with its path, when the bundle is invalid; nothing is written then.
 */
export async function importBundle(db: Db, actor: Actor, raw: unknown, options: ImportOptions = {}): Promise<ImportResult> {
  const checked = checkBundle(raw);
  const sha256 = createHash("sha256").update(canonicalize(raw), "utf8").digest("hex");
  try {
    // inTransaction, so the claims' derived data (vectors, suggested links) is made after the commit
    return await inTransaction(
      db,
      async (tx) => {
        const result = await importChecked(tx, actor, checked, sha256);
        // The dry run goes through the very same code, so its counts are exactly what an import would do.
        if (options.dryRun) throw new DryRunRollback(result);
        return result;
      },
      { timeout: IMPORT_TIMEOUT_MS },
    );
  } catch (err) {
    if (err instanceof DryRunRollback) return { ...err.result, auditSeq: null };
    throw err;
  }
}

async function importChecked(tx: Tx, actor: Actor, checked: CheckedBundle, sha256: string): Promise<ImportResult> {
  const { bundle } = checked;
  const result: ImportResult = {
    sources: counts(),
    documents: counts(),
    claims: counts(),
    attributions: counts(),
    conflictsOpened: 0,
    warnings: [...checked.warnings],
    sha256,
    auditSeq: null,
  };

  // 1. Everything the bundle refers to that already exists, and what is missing or forbidden.
  const storedSources = await byKey([...bundle.sources.map((s) => s.key), ...checked.externalSources.keys()], (k) => findSources(tx, k));
  const storedDocuments = await byKey([...bundle.documents.map((d) => d.key), ...checked.externalDocuments.keys()], (k) => findDocuments(tx, k));
  const storedClaims = await byKey(
    bundle.claims.map((c) => c.key),
    (k) => tx.claim.findMany({ where: { key: { in: k } } }),
  );
  const problems: string[] = [];
  const sourceKeys = bundle.sources.map((s) => s.key);
  const documentKeys = bundle.documents.map((d) => d.key);
  for (const [key, paths] of checked.externalSources) {
    if (!storedSources.has(key)) for (const p of paths) problems.push(`${p}: unknown source key "${key}"${didYouMean(key, sourceKeys)}`);
  }
  for (const [key, paths] of checked.externalDocuments) {
    if (!storedDocuments.has(key)) for (const p of paths) problems.push(`${p}: unknown document key "${key}"${didYouMean(key, documentKeys)}`);
  }
  bundle.documents.forEach((d, i) => {
    const stored = storedDocuments.get(d.key);
    if (stored && stored.sha256 !== sha256Hex(d.text)) {
      problems.push(
        `documents[${i}].text: differs from the stored text of document "${d.key}" (SHA-256 ${stored.sha256.slice(0, 12)}…); ` +
          "document text is evidence and never changes: import the corrected report under a new key",
      );
    }
  });
  // A source merged into another lives on there; a bundle naming it would revive a duplicate.
  for (const [key, stored] of storedSources) {
    if (stored.mergedIntoId != null) problems.push(`sources: source key "${key}" was merged into source #${stored.mergedIntoId}; use that source's key`);
  }
  problems.push(...(await parentCyclesThroughDatabase(tx, checked)));
  if (problems.length) throw new BundleError(problems);
  const conflictsBefore = await tx.conflict.count();

  // 2. Sources, parents first.
  const sourceIds = new Map([...storedSources].map(([k, s]) => [k, s.id]));
  for (const i of checked.sourceOrder) {
    const s = bundle.sources[i];
    const parentId = s.parent != null ? sourceIds.get(s.parent)! : null;
    const input = { name: s.name, kind: s.kind, reliability: s.reliability, aliases: s.aliases, notes: s.notes, parentId };
    const stored = storedSources.get(s.key);
    if (!stored) {
      sourceIds.set(s.key, (await atEntry(`sources[${i}]`, () => createSource(tx, actor, { ...input, key: s.key }))).id);
      result.sources.created += 1;
    } else if (sourceDiffers(stored, s, parentId)) {
      await atEntry(`sources[${i}]`, () => updateSource(tx, actor, stored.id, input));
      result.sources.updated += 1;
    } else {
      result.sources.unchanged += 1;
    }
  }

  // 3. Documents.
  const documents = new Map([...storedDocuments].map(([k, d]) => [k, { id: d.id, publisherId: d.publisherId, text: d.text }]));
  for (const [i, d] of bundle.documents.entries()) {
    const publisherId = d.publisher != null ? sourceIds.get(d.publisher)! : null;
    const input = { title: d.title, url: d.url, publisherId, publishedAt: d.publishedAt, retrievedAt: d.retrievedAt ?? undefined, language: d.language };
    const stored = storedDocuments.get(d.key);
    if (!stored) {
      const doc = await atEntry(`documents[${i}]`, () => createDocument(tx, actor, { ...input, text: d.text, key: d.key }));
      documents.set(d.key, { id: doc.id, publisherId, text: d.text });
      result.documents.created += 1;
    } else if (documentDiffers(stored, d, publisherId)) {
      await atEntry(`documents[${i}]`, () => updateDocument(tx, actor, stored.id, input));
      documents.set(d.key, { id: stored.id, publisherId, text: stored.text });
      result.documents.updated += 1;
    } else {
      result.documents.unchanged += 1;
    }
  }

  // 4. Claims and their attributions.
  for (const [ci, c] of bundle.claims.entries()) {
    const input = { text: c.text, language: c.language, translation: c.translation, tags: c.tags, eventDate: c.eventDate ?? null };
    const stored = storedClaims.get(c.key);
    let claimId: number;
    if (!stored) {
      claimId = (await atEntry(`claims[${ci}]`, () => createClaim(tx, actor, { ...input, key: c.key }))).id;
      result.claims.created += 1;
    } else {
      claimId = stored.id;
      if (claimDiffers(stored, c)) {
        await atEntry(`claims[${ci}]`, () => updateClaim(tx, actor, claimId, input));
        result.claims.updated += 1;
      } else {
        result.claims.unchanged += 1;
      }
    }
    // A claim merged into another keeps nothing: its evidence lives on the surviving claim.
    let target = claimId;
    if (stored?.mergedIntoId != null) {
      const survivor = await survivingClaim(tx, stored.mergedIntoId);
      target = survivor.id;
      result.warnings.push(
        `claims[${ci}]: claim "${c.key}" was merged into "${survivor.key}"; its attributions are matched against and recorded on "${survivor.key}"`,
      );
    }
    await importAttributions(tx, actor, checked, ci, target, Boolean(stored), sourceIds, documents, result);
  }

  result.conflictsOpened = (await tx.conflict.count()) - conflictsBefore;
  const changed = [result.sources, result.documents, result.claims, result.attributions].some((k) => k.created + k.updated > 0);
  if (changed) {
    const { warnings: _w, auditSeq: _s, ...summary } = result;
    result.auditSeq = await recordAudit(tx, actor, {
      action: "import.bundle",
      entityType: "bundle",
      entityId: sha256,
      after: { ...summary, version: bundle.version },
    });
  }
  return result;
}

async function importAttributions(
  tx: Tx,
  actor: Actor,
  checked: CheckedBundle,
  ci: number,
  claimId: number,
  claimExisted: boolean,
  sourceIds: Map<string, number>,
  documents: Map<string, { id: number; publisherId: number | null; text: string }>,
  result: ImportResult,
) {
  const c = checked.bundle.claims[ci];
  // Stored attributions by identity; each is matched at most once.
  const stored = new Map<string, { id: number; outletId: number | null; viaId: number | null; credibility: number | null }[]>();
  if (claimExisted) {
    for (const a of await tx.attribution.findMany({ where: { claimId }, orderBy: { id: "asc" } })) {
      const k = attributionIdentity(a.sourceId, a.documentId, a);
      stored.set(k, [...(stored.get(k) ?? []), a]);
    }
  }
  for (const [ai, a] of c.attributions.entries()) {
    const sourceId = sourceIds.get(a.source)!;
    const doc = a.document != null ? documents.get(a.document)! : null;
    if (doc && a.quote.trim() && checked.externalDocuments.has(a.document!) && !doc.text.includes(a.quote)) {
      result.warnings.push(`claims[${ci}].attributions[${ai}].quote: not found word for word in the text of document "${a.document}"`);
    }
    // The same default as recordAttribution: the document's publisher carried what someone else said.
    const outletId = (a.outlet != null ? sourceIds.get(a.outlet)! : null) ?? (doc?.publisherId && doc.publisherId !== sourceId ? doc.publisherId : null);
    const input = {
      sourceId,
      outletId,
      viaId: a.via != null ? sourceIds.get(a.via)! : null,
      documentId: doc?.id ?? null,
      stance: a.stance,
      quote: a.quote,
      statedAt: a.statedAt,
      credibility: a.credibility ?? null,
    };
    const match = stored.get(attributionIdentity(sourceId, input.documentId, a))?.shift();
    if (!match) {
      await atEntry(`claims[${ci}].attributions[${ai}]`, () => recordAttribution(tx, actor, { ...input, claimId }));
      result.attributions.created += 1;
    } else if (match.outletId !== outletId || match.viaId !== input.viaId || match.credibility !== input.credibility) {
      await atEntry(`claims[${ci}].attributions[${ai}]`, () => updateAttribution(tx, actor, match.id, input));
      result.attributions.updated += 1;
    } else {
      result.attributions.unchanged += 1;
    }
  }
}
