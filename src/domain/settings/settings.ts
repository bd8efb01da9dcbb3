import { t } from "../../i18n/index.ts";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { ForbiddenError } from "../../errors.ts";
import { hasRole, type Actor } from "../actor.ts";

/** Instance settings and their defaults. */
export const SETTINGS = {
  /** A verdict needs a second reviewer's confirmation before it counts. */
  "review.twoPerson": "false",
} as const;
export type SettingKey = keyof typeof SETTINGS;

export async function getSetting(tx: Tx, key: SettingKey): Promise<string> {
  const row = await tx.setting.findUnique({ where: { key } });
  return row?.value ?? SETTINGS[key];
}

export async function setSetting(tx: Tx, actor: Actor, key: SettingKey, value: string) {
  if (!hasRole(actor, "admin")) throw new ForbiddenError(t("errors.onlyAdmins"));
  const before = await getSetting(tx, key);
  await tx.setting.upsert({ where: { key }, create: { key, value }, update: { value } });
  await recordAudit(tx, actor, { action: "setting.update", entityType: "setting", entityId: key, before: { value: before }, after: { value } });
}
