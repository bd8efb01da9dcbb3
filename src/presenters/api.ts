/**
 * JSON shapes of the API (/api/v1) for sources, documents and users, plus the helpers every
 * API presenter shares. Handlers never return Prisma rows: derived search keys (`nameKey`,
 * `searchKey`), password hashes and internal columns stay inside, and every date is an ISO
 * string (or null). Claims, attributions, reviews and conflicts: ./api-claims.ts; audit: ./api-audit.ts.
 */
import type { Document, Source, SourceAlias } from "../generated/prisma/client.ts";
import type { CurrentUser } from "../shared/actor.ts";
import type { Page } from "../domain/paging.ts";

/** ISO-8601 UTC string, or null when there is no date. */
export function iso(d: Date | null | undefined): string | null {
  return d ? d.toISOString() : null;
}

/** A page of presented items in the API's list envelope `{ items, page, pageSize, total, pages }`. */
export function presentPage<T, U>(p: Page<T>, present: (item: T) => U) {
  return { items: p.items.map(present), page: p.page, pageSize: p.pageSize, total: p.total, pages: p.pages };
}

/** The same envelope for a complete, unpaginated list (e.g. a claim's review history). */
export function presentAll<T, U>(items: T[], present: (item: T) => U) {
  return { items: items.map(present), page: 1, pageSize: Math.max(1, items.length), total: items.length, pages: 1 };
}

export function presentMe(u: CurrentUser) {
  return { id: u.id, username: u.username, displayName: u.displayName, role: u.role };
}

/** The few fields that name a source wherever another record refers to it. */
export function sourceRef(s: Pick<Source, "id" | "name" | "kind" | "reliability"> | null | undefined) {
  return s ? { id: s.id, name: s.name, kind: s.kind, reliability: s.reliability } : null;
}

/** A source's aliases in the order they were recorded (the queries do not order them). */
export function aliasList(s: { aliases: SourceAlias[] }): string[] {
  return [...s.aliases].sort((a, b) => a.id - b.id).map((a) => a.alias);
}

type SourceRow = Source & {
  aliases: SourceAlias[];
  parent?: Source | null;
  _count?: { attributions: number };
};

export function presentSource(s: SourceRow) {
  return {
    id: s.id,
    key: s.key,
    name: s.name,
    kind: s.kind,
    reliability: s.reliability,
    aliases: aliasList(s),
    notes: s.notes,
    parentId: s.parentId,
    /** Set when this source was merged into another: everything it had lives there now. */
    mergedIntoId: s.mergedIntoId,
    ...(s.parent !== undefined ? { parent: sourceRef(s.parent) } : {}),
    ...(s._count ? { attributionCount: s._count.attributions } : {}),
    createdAt: iso(s.createdAt),
    updatedAt: iso(s.updatedAt),
  };
}

type SourceDetailRow = SourceRow & {
  children: Source[];
  attributions: {
    id: number;
    stance: string;
    quote: string;
    statedAt: Date | null;
    claim: { id: number; text: string; status: string };
    document: Pick<Document, "id" | "title"> | null;
  }[];
  documents: Pick<Document, "id" | "title" | "publishedAt" | "sha256">[];
};

/** GET /sources/:id: the source with its sub-sources, latest statements and published documents. */
export function presentSourceDetail(s: SourceDetailRow) {
  return {
    ...presentSource(s),
    children: s.children.map(sourceRef),
    attributions: s.attributions.map((a) => ({
      id: a.id,
      stance: a.stance,
      quote: a.quote,
      statedAt: iso(a.statedAt),
      claim: { id: a.claim.id, text: a.claim.text, status: a.claim.status },
      document: a.document ? { id: a.document.id, title: a.document.title } : null,
    })),
    documents: s.documents.map((d) => ({ id: d.id, title: d.title, publishedAt: iso(d.publishedAt), sha256: d.sha256 })),
  };
}

/** A document without its text (lists, create and update responses). */
export function presentDocument(d: Omit<Document, "text" | "searchKey">) {
  return {
    id: d.id,
    key: d.key,
    title: d.title,
    url: d.url,
    publisherId: d.publisherId,
    language: d.language,
    publishedAt: iso(d.publishedAt),
    retrievedAt: iso(d.retrievedAt),
    sha256: d.sha256,
    sourceFormat: d.sourceFormat,
    fileName: d.fileName,
    rawSha256: d.rawSha256,
    createdAt: iso(d.createdAt),
    updatedAt: iso(d.updatedAt),
  };
}

type DocumentListRow = Pick<Document, "id" | "key" | "title" | "url" | "language" | "publishedAt" | "sha256"> & {
  publisher: { id: number; name: string } | null;
  _count: { attributions: number };
};

export function presentDocumentSummary(d: DocumentListRow) {
  return {
    id: d.id,
    key: d.key,
    title: d.title,
    url: d.url,
    language: d.language,
    publishedAt: iso(d.publishedAt),
    sha256: d.sha256,
    publisher: d.publisher ? { id: d.publisher.id, name: d.publisher.name } : null,
    attributionCount: d._count.attributions,
  };
}

type DocumentDetailRow = Document & {
  publisher: Source | null;
  attributions: { id: number; stance: string; quote: string; statedAt: Date | null; claim: { id: number; text: string }; source: Source }[];
};

/** GET /documents/:id: the only response that carries the full text (byte-exact, as stored). */
export function presentDocumentDetail(d: DocumentDetailRow) {
  return {
    ...presentDocument(d),
    publisher: sourceRef(d.publisher),
    text: d.text,
    attributions: d.attributions.map((a) => ({
      id: a.id,
      stance: a.stance,
      quote: a.quote,
      statedAt: iso(a.statedAt),
      claim: { id: a.claim.id, text: a.claim.text },
      source: sourceRef(a.source),
    })),
  };
}
