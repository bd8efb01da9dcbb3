import type { Tx } from "../../db/client.ts";

/** Users for the admin page (never the password hash). */
export function listUsers(tx: Tx) {
  return tx.user.findMany({
    orderBy: { username: "asc" },
    select: { id: true, username: true, displayName: true, role: true, disabled: true, createdAt: true },
  });
}
