import type { Tx } from "../../db/client.ts";
import { page, type PageRequest } from "../paging.ts";

export interface AuditFilter extends PageRequest {
  action?: string;
  entityType?: string;
  entityId?: string;
  actor?: string;
  /** ISO date (inclusive) */
  from?: Date;
  to?: Date;
}

export function auditWhere(f: Omit<AuditFilter, keyof PageRequest>) {
  return {
    AND: [
      ...(f.action ? [{ action: f.action }] : []),
      ...(f.entityType ? [{ entityType: f.entityType }] : []),
      ...(f.entityId ? [{ entityId: f.entityId }] : []),
      ...(f.actor ? [{ actorName: f.actor }] : []),
      ...(f.from ? [{ ts: { gte: f.from.toISOString() } }] : []),
      ...(f.to ? [{ ts: { lte: f.to.toISOString() } }] : []),
    ],
  };
}

export async function listAudit(tx: Tx, f: AuditFilter) {
  const where = auditWhere(f);
  const [total, items] = await Promise.all([
    tx.auditEvent.count({ where }),
    tx.auditEvent.findMany({ where, orderBy: { seq: "desc" }, skip: (f.page - 1) * f.pageSize, take: f.pageSize }),
  ]);
  return page(items, total, f);
}
