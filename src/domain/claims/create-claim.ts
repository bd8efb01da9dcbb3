import { randomUUID } from "node:crypto";
import { t } from "../../i18n/index.ts";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { normalizeText, searchKey } from "../../engine/normalize.ts";
import { ConflictError } from "../../errors.ts";
import type { Actor } from "../actor.ts";
import { suggestLinks } from "../matching/suggest-links.ts";

export interface ClaimInput {
  /** The proposition in its own words, stored exactly as written. */
  text: string;
  language: string;
  translation: string;
  tags: string[];
  /** When the described event happened, if known (separate from when it was stated). */
  eventDate?: Date | null;
  key?: string;
}

/** Tags are stored normalised (lower case, folded) as " a b " so one LIKE finds a tag. */
export function tagString(tags: string[]): string {
  const clean = [...new Set(tags.map((t) => normalizeText(t.trim())).filter(Boolean))].sort();
  return clean.length ? ` ${clean.join(" ")} ` : "";
}

export function tagList(tags: string): string[] {
  return tags.trim() ? tags.trim().split(" ") : [];
}

/** A claim's own fields as every outward shape shows them (audit snapshot, API, report): tags as a list. */
export function claimFields(c: { id: number; key: string; text: string; language: string; translation: string; status: string; tags: string }) {
  return { id: c.id, key: c.key, text: c.text, language: c.language, translation: c.translation, status: c.status, tags: tagList(c.tags) };
}

export function claimSnapshot(c: Parameters<typeof claimFields>[0] & { eventDate?: Date | null; mergedIntoId?: number | null }) {
  return {
    ...claimFields(c),
    eventDate: c.eventDate ?? null,
    mergedIntoId: c.mergedIntoId ?? null,
  };
}

export function claimSearchKey(text: string, translation: string): string {
  return searchKey(`${text}\n${translation}`);
}

/** The stored columns of a claim (shared by create and update): trimmed texts, tags and search key. */
export function claimData(input: Omit<ClaimInput, "key">) {
  return {
    text: input.text.trim(),
    language: input.language,
    translation: input.translation.trim(),
    tags: tagString(input.tags),
    eventDate: input.eventDate ?? null,
    searchKey: claimSearchKey(input.text, input.translation),
  };
}

export async function createClaim(tx: Tx, actor: Actor, input: ClaimInput) {
  const key = input.key ?? `clm-${randomUUID()}`;
  if (input.key && (await tx.claim.findUnique({ where: { key }, select: { id: true } }))) {
    throw new ConflictError(t("errors.claimKey", { key }), { key: t("errors.keyTaken") });
  }
  const claim = await tx.claim.create({
    data: { key, ...claimData(input), createdById: actor.userId },
  });
  await recordAudit(tx, actor, { action: "claim.create", entityType: "claim", entityId: claim.id, after: claimSnapshot(claim) });
  await suggestLinks(tx, actor, claim.id);
  return claim;
}
