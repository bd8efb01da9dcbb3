import { recordAudit } from "../../audit/record.ts";
import { t } from "../../i18n/index.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/client.ts";
import { UnauthorizedError } from "../../errors.ts";
import type { Actor, Role } from "../actor.ts";
import { dummyHash, verifyPassword } from "./passwords.ts";

/** One message for unknown user, wrong password and disabled account: no user enumeration. */
/** English text of the sign-in failure (tests); users read it in their language (login.failed). */
export const LOGIN_FAILED = "The username or password is not correct.";

/**
 * Check a username and password. Unknown users are verified against a dummy hash so the
 * response time does not reveal whether the account exists. Success and failure are both
 * security events in the audit trail.
 */
export async function authenticate(db: Db, meta: { requestId: string; ip?: string }, username: string, password: string) {
  const user = await db.user.findUnique({ where: { username } });
  const ok = await verifyPassword(user?.passwordHash ?? (await dummyHash()), password);
  const success = Boolean(user && ok && !user.disabled);
  const actor: Actor = user
    ? { userId: user.id, username: user.username, role: user.role as Role, requestId: meta.requestId, ip: meta.ip }
    : { userId: null, username: "anonymous", role: "system", requestId: meta.requestId, ip: meta.ip };
  await inTransaction(db, (tx) =>
    recordAudit(tx, actor, {
      action: success ? "user.login" : "user.login_failed",
      entityType: "user",
      entityId: user?.id ?? "unknown",
      after: { username: username.slice(0, 64), ip: meta.ip ?? null },
    }),
  );
  if (!success || !user) throw new UnauthorizedError(t("login.failed"));
  return user;
}
