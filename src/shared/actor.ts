/**
 * Who is acting, passed to every use case instead of an HTTP request (the domain knows
 * nothing of Express). In src/shared because the audit writer (src/audit) records it and the
 * presenters show the signed-in user, and neither may import the domain or HTTP.
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

/** The signed-in user as the HTTP layer loads it and the presenters show it. */
export interface CurrentUser {
  id: number;
  username: string;
  displayName: string;
  role: Role;
  /** Saved interface language (null: not chosen yet). */
  locale: string | null;
}
