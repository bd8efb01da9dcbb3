/** Read-side queries for sources (no audit: reads change nothing). */
import { allSources } from "./source-cache.ts";
import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import { keyTokens } from "../../engine/normalize.ts";
import { page, type Page, type PageRequest } from "../paging.ts";

export interface SourceFilter extends PageRequest {
  q?: string;
  kind?: string;
  reliability?: string;
}

export function tokenFilter(field: string, q: string | undefined) {
  const tokens = q ? keyTokens(q) : [];
  return tokens.map((t) => ({ [field]: { contains: ` ${t}` } }));
}

export async function listSources(tx: Tx, f: SourceFilter): Promise<Page<Awaited<ReturnType<typeof fetchSources>>[number]>> {
  // A source merged into another lives on in it (its row stays for the trail and old links).
  const where = {
    mergedIntoId: null,
    AND: [...tokenFilter("nameKey", f.q), ...(f.kind ? [{ kind: f.kind }] : []), ...(f.reliability ? [{ reliability: f.reliability }] : [])],
  };
  const [total, items] = await Promise.all([tx.source.count({ where }), fetchSources(tx, where, f)]);
  return page(items, total, f);
}

function fetchSources(tx: Tx, where: object, f: PageRequest) {
  return tx.source.findMany({
    where,
    orderBy: { name: "asc" },
    skip: (f.page - 1) * f.pageSize,
    take: f.pageSize,
    include: { aliases: true, parent: true, _count: { select: { attributions: true } } },
  });
}

export async function getSource(tx: Tx, id: number) {
  const source = await tx.source.findUnique({
    where: { id },
    include: {
      aliases: true,
      parent: true,
      children: true,
      attributions: {
        include: { claim: true, document: true },
        orderBy: [{ statedAt: "desc" }, { id: "desc" }],
        take: 200,
      },
      documents: { orderBy: { publishedAt: { sort: "desc", nulls: "last" } }, take: 50 },
    },
  });
  if (!source) throw new NotFoundError("The source");
  return source;
}

/**
 * The source a (possibly merged) source id lives on as: itself, or the end of its chain of
 * merges (A merged into B, later B into C: C). Null when the id names no source.
 */
export async function survivingSource(tx: Tx, id: number): Promise<{ id: number; name: string; mergedIntoId: null } | null> {
  const select = { id: true, name: true, mergedIntoId: true } as const;
  let s = await tx.source.findUnique({ where: { id }, select });
  for (let hops = 0; s?.mergedIntoId != null && hops < 20; hops++) s = await tx.source.findUnique({ where: { id: s.mergedIntoId }, select });
  return s && s.mergedIntoId === null ? { id: s.id, name: s.name, mergedIntoId: null } : null;
}

/** Sources for pickers (id, name, kind), by name, without those merged into another (cached until sources change: source-cache.ts). */
export async function sourceOptions(tx: Tx) {
  return (await allSources(tx)).filter((s) => s.mergedIntoId == null).map(({ id, name, kind, reliability }) => ({ id, name, kind, reliability }));
}
