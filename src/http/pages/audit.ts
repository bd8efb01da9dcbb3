import { Router } from "express";
import type { Db } from "../../db/client.ts";
import { listAudit } from "../../domain/audit/queries.ts";
import { AUDIT_ACTIONS } from "../../audit/record.ts";
import { presentAuditEvent } from "../../presenters/view.ts";
import { auditListQuery } from "../schemas.ts";
import { renderForm } from "./forms.ts";

export function auditRoutes(db: Db): Router {
  const router = Router();
  router.get("/audit", async (req, res) => {
    const query = auditListQuery.parse(req.query);
    const result = await listAudit(db, query);
    await renderForm(res, "audit", "Audit trail", {
      query: { ...query, from: req.query.from, to: req.query.to },
      result: { ...result, items: result.items.map(presentAuditEvent) },
      actions: AUDIT_ACTIONS,
      entityTypes: ["claim", "source", "document", "attribution", "conflict", "user", "token", "bundle"],
    });
  });
  return router;
}
