import { recordAudit } from "../../audit/record.ts";
import { t } from "../../i18n/index.ts";
import type { Tx } from "../../db/client.ts";
import { ConflictError, ValidationError } from "../../errors.ts";
import type { Actor, Role } from "../actor.ts";
import { hashPassword } from "./passwords.ts";

export interface UserInput {
  username: string;
  displayName?: string;
  role: Role;
  /** Not needed when the caller passes a precomputed hash (hashing is kept out of transactions). */
  password?: string;
}

export const MIN_PASSWORD_LENGTH = 12;

function requirePassword(p: string | undefined): string {
  if (!p || p.length < MIN_PASSWORD_LENGTH) throw new ValidationError(t("validation.passwordShort"), { password: t("errors.tooShort") });
  return p;
}

export function userSnapshot(u: { id: number; username: string; displayName: string; role: string; disabled: boolean }) {
  const { id, username, displayName, role, disabled } = u;
  return { id, username, displayName, role, disabled };
}

/** Create a user (admins, or the CLI for the first one). The password hash is never audited. */
export async function createUser(tx: Tx, actor: Actor, input: UserInput, passwordHash?: string) {
  if (await tx.user.findUnique({ where: { username: input.username }, select: { id: true } })) {
    throw new ConflictError(t("errors.usernameTaken", { username: input.username }), { username: t("errors.usernameTakenField") });
  }
  const user = await tx.user.create({
    data: {
      username: input.username,
      displayName: input.displayName?.trim() || input.username,
      role: input.role,
      passwordHash: passwordHash ?? (await hashPassword(requirePassword(input.password))),
    },
  });
  await recordAudit(tx, actor, { action: "user.create", entityType: "user", entityId: user.id, after: userSnapshot(user) });
  return user;
}
