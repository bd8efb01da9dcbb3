import { t } from "../../i18n/index.ts";
import { randomUUID } from "node:crypto";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { searchKey } from "../../engine/normalize.ts";
import { ConflictError, ValidationError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { sourceSnapshot } from "./snapshot.ts";

export interface SourceInput {
  name: string;
  kind: string;
  reliability: string;
  aliases: string[];
  notes: string;
  parentId?: number | null;
  /** Stable key for bundles; generated when absent. */
  key?: string;
}

/** Unique, trimmed aliases (exact strings: قسد and SDF are both kept as written). */
export function cleanAliases(name: string, aliases: string[]): string[] {
  const seen = new Set<string>([name.trim()]);
  const out: string[] = [];
  for (const a of aliases.map((s) => s.trim()).filter(Boolean)) {
    if (!seen.has(a)) {
      seen.add(a);
      out.push(a);
    }
  }
  return out;
}

export function sourceNameKey(name: string, aliases: string[]): string {
  return searchKey([name, ...aliases].join(" \n "));
}

/** The stored columns of a source (shared by create and update): trimmed name, search key, aliases. */
export function sourceData(input: Omit<SourceInput, "key">) {
  const aliases = cleanAliases(input.name, input.aliases);
  return {
    name: input.name.trim(),
    kind: input.kind,
    reliability: input.reliability,
    notes: input.notes,
    parentId: input.parentId ?? null,
    nameKey: sourceNameKey(input.name, aliases),
    aliases: { create: aliases.map((alias) => ({ alias, aliasKey: searchKey(alias) })) },
  };
}

export async function assertParent(tx: Tx, parentId: number | null | undefined, selfId?: number): Promise<void> {
  if (parentId == null) return;
  if (parentId === selfId) throw new ConflictError(t("errors.sourceSelfParent"), { parentId: "Choose another source." });
  const parent = await tx.source.findUnique({ where: { id: parentId }, select: { id: true } });
  if (!parent) throw new ValidationError(t("errors.noSuchParent"), { parentId: "This source does not exist." });
}

/** Record a new source (outlet, official body, spokesperson, anonymous source …) with its aliases. */
export async function createSource(tx: Tx, actor: Actor, input: SourceInput) {
  await assertParent(tx, input.parentId);
  const key = input.key ?? `src-${randomUUID()}`;
  if (input.key && (await tx.source.findUnique({ where: { key }, select: { id: true } }))) {
    throw new ConflictError(t("errors.sourceKey", { key }), { key: t("errors.keyTaken") });
  }
  const source = await tx.source.create({
    data: { key, ...sourceData(input) },
    include: { aliases: true },
  });
  await recordAudit(tx, actor, { action: "source.create", entityType: "source", entityId: source.id, after: sourceSnapshot(source) });
  return source;
}
