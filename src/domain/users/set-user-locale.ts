import { recordAudit } from "../../audit/record.ts";
import { inTransaction, type Db } from "../../db/client.ts";
import type { Locale } from "../../i18n/index.ts";
import type { Actor } from "../actor.ts";

/**
 * The acting user's interface language, remembered across sessions and devices. Audited as a
 * user update (before/after hold the language only); choosing the language already saved
 * writes nothing.
 */
export async function setUserLocale(db: Db, actor: Actor & { userId: number }, locale: Locale) {
  await inTransaction(db, async (tx) => {
    const before = await tx.user.findUnique({ where: { id: actor.userId }, select: { locale: true } });
    if (!before || before.locale === locale) return;
    await tx.user.update({ where: { id: actor.userId }, data: { locale } });
    await recordAudit(tx, actor, { action: "user.update", entityType: "user", entityId: actor.userId, before: { locale: before.locale }, after: { locale } });
  });
}
