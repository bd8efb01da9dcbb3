/**
 * Appends one audit event inside the caller's transaction, so the change and its record
 * commit together or not at all. `seq` is gapless: SQLite has one writer, and `seq` is the
 * primary key, so a concurrent append fails the transaction rather than forking the chain.
 * PostgreSQL has many writers (several app servers, each with a pool): there the append first
 * takes a transaction-scoped advisory lock, so appends are serialised — the next one reads the
 * chain head only after the previous one committed (READ COMMITTED reads a fresh snapshot per
 * statement) — and two servers writing at once still build one unbroken chain
 * (test/db/pg-concurrent.test.ts). The lock is held until the transaction ends, which is why
 * use cases keep the audit append in a short transaction.
 */
import { z } from "zod";
import { dialectOf, type Tx } from "../db/client.ts";
import type { Actor } from "../shared/actor.ts";
import { canonicalize, type Json } from "./canonical.ts";
import { GENESIS_HASH, leafHash, type UnhashedEvent } from "./chain.ts";

/** Every action the trail can hold; checked on write and on export. */
export const AUDIT_ACTIONS = [
  "user.create",
  "user.update",
  "user.login",
  "user.login_failed",
  "user.logout",
  "token.create",
  "token.revoke",
  "source.create",
  "source.update",
  "source.merge",
  "document.create",
  "document.update",
  "claim.create",
  "claim.update",
  "claim.merge",
  "attribution.create",
  "attribution.update",
  "attribution.delete",
  "attribution.grade",
  "conflict.open",
  "conflict.update",
  "conflict.reopen",
  "conflict.resolve",
  "conflict.status",
  "review.create",
  "review.confirm",
  "setting.update",
  "audit.checkpoint",
  "link.create",
  "link.update",
  "import.bundle",
] as const;
export const auditActionSchema = z.enum(AUDIT_ACTIONS);
export type AuditAction = z.infer<typeof auditActionSchema>;

export interface AuditInput {
  action: AuditAction;
  entityType: string;
  entityId: string | number;
  before?: unknown;
  after?: unknown;
}

/** Plain JSON copy of a record (Dates → ISO strings) so before/after hash deterministically. */
export function snapshot(value: unknown): Json {
  if (value === undefined || value === null) return null;
  return JSON.parse(canonicalize(value)) as Json;
}

/** PostgreSQL advisory lock key that serialises audit appends ("crosscheck-audit"). */
export const AUDIT_APPEND_LOCK = 727_100_002;

export async function recordAudit(tx: Tx, actor: Actor, input: AuditInput): Promise<number> {
  const [seq] = await recordAudits(tx, actor, [input]);
  return seq;
}

/**
 * Several audit events of one actor in one step, chained in order: the last event is read once
 * and the new ones are hashed here and inserted together, so a change that writes many events
 * (the links a save makes) holds the writer for two statements instead of two per event.
 */
export async function recordAudits(tx: Tx, actor: Actor, inputs: AuditInput[]): Promise<number[]> {
  if (!inputs.length) return [];
  for (const input of inputs) auditActionSchema.parse(input.action);
  if (dialectOf(tx) === "postgres") await tx.$executeRaw`SELECT pg_advisory_xact_lock(${AUDIT_APPEND_LOCK}::bigint)`;
  const last = await tx.auditEvent.findFirst({ orderBy: { seq: "desc" }, select: { seq: true, hash: true } });
  let seq = last?.seq ?? 0;
  let prevHash = last?.hash ?? GENESIS_HASH;
  const ts = new Date().toISOString();
  const rows = inputs.map((input) => {
    const event: UnhashedEvent = {
      seq: (seq += 1),
      ts,
      actorId: actor.userId,
      actorName: actor.username,
      actorRole: actor.role,
      action: input.action,
      entityType: input.entityType,
      entityId: String(input.entityId),
      requestId: actor.requestId,
      before: snapshot(input.before),
      after: snapshot(input.after),
      prevHash,
    };
    const hash = leafHash(event);
    prevHash = hash;
    return { ...event, before: canonicalize(event.before), after: canonicalize(event.after), hash };
  });
  if (rows.length === 1) await tx.auditEvent.create({ data: rows[0] });
  else await tx.auditEvent.createMany({ data: rows });
  return rows.map((r) => r.seq);
}
