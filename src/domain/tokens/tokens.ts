import { createHash, randomBytes } from "node:crypto";
import { recordAudit } from "../../audit/record.ts";
import type { Tx } from "../../db/client.ts";
import { NotFoundError } from "../../errors.ts";
import type { Actor } from "../actor.ts";

export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/** Issue an API bearer token (256 random bits). Only its SHA-256 is stored; the token is shown once. */
export async function createToken(tx: Tx, actor: Actor, username: string, name: string) {
  const user = await tx.user.findUnique({ where: { username } });
  if (!user || user.disabled) throw new NotFoundError(`The user "${username}"`);
  const token = `cc_${randomBytes(32).toString("base64url")}`;
  const row = await tx.apiToken.create({ data: { userId: user.id, name, tokenHash: hashToken(token) } });
  await recordAudit(tx, actor, { action: "token.create", entityType: "token", entityId: row.id, after: { id: row.id, userId: user.id, name } });
  return { token, id: row.id, user };
}

/** The user behind a bearer token, or null when the token is unknown, revoked or its user disabled. */
export async function resolveToken(tx: Tx, token: string) {
  const row = await tx.apiToken.findUnique({ where: { tokenHash: hashToken(token) }, include: { user: true } });
  if (!row || row.revokedAt || row.user.disabled) return null;
  return row.user;
}
