/** JSON shape of an audit event in API lists: exactly the hashed fields, before/after as JSON. */
import type { AuditEvent } from "../generated/prisma/client.ts";

export function presentAuditEvent(e: AuditEvent) {
  return {
    seq: e.seq,
    ts: e.ts,
    actorId: e.actorId,
    actorName: e.actorName,
    actorRole: e.actorRole,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    requestId: e.requestId,
    before: JSON.parse(e.before) as unknown,
    after: JSON.parse(e.after) as unknown,
    prevHash: e.prevHash,
    hash: e.hash,
  };
}
