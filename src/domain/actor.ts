/**
 * Who is acting, passed to every use case instead of an HTTP request (the domain knows
 * nothing of Express).
 */
export type Role = "analyst" | "reviewer" | "admin";
export const ROLES: readonly Role[] = ["analyst", "reviewer", "admin"] as const;

export interface Actor {
  userId: number | null;
  username: string;
  role: Role | "system";
  /** Correlates the audit events of one request. */
  requestId: string;
  ip?: string;
}

/** The actor for CLI and maintenance jobs that run without a signed-in user. */
export function systemActor(name = "system", requestId = `cli-${Date.now()}`): Actor {
  return { userId: null, username: name, role: "system", requestId };
}

const RANK: Record<Actor["role"], number> = { analyst: 1, reviewer: 2, admin: 3, system: 4 };

/** Whether `actor` holds at least `role` (admin ⊃ reviewer ⊃ analyst; the CLI system actor holds all). */
export function hasRole(actor: Pick<Actor, "role">, role: Role): boolean {
  return RANK[actor.role] >= RANK[role];
}
