import { t } from "../../i18n/index.ts";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { ForbiddenError, NotFoundError } from "../../errors.ts";
import type { Actor, Role } from "../actor.ts";
import { userSnapshot } from "./create-user.ts";

export interface UserUpdate {
  role?: Role;
  disabled?: boolean;
  displayName?: string;
  passwordHash?: string;
}

/**
 * Change a user's role, name, password or disabled flag. Disabling or changing a role ends
 * the user's sessions at once (their next request is refused or re-evaluated).
 */
export async function updateUser(tx: Tx, actor: Actor, id: number, input: UserUpdate) {
  const before = await tx.user.findUnique({ where: { id } });
  if (!before) throw new NotFoundError("The user");
  if (id === actor.userId && (input.disabled || (input.role && input.role !== before.role))) {
    throw new ForbiddenError(t("errors.selfDisable"));
  }
  const after = await tx.user.update({ where: { id }, data: input });
  if (input.disabled || (input.role && input.role !== before.role) || input.passwordHash) {
    await tx.session.deleteMany({ where: { userId: id } });
    if (input.disabled) await tx.apiToken.updateMany({ where: { userId: id, revokedAt: null }, data: { revokedAt: new Date() } });
  }
  await recordAudit(tx, actor, {
    action: "user.update",
    entityType: "user",
    entityId: id,
    before: userSnapshot(before),
    after: { ...userSnapshot(after), passwordChanged: Boolean(input.passwordHash) },
  });
  return after;
}
