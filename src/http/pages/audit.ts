import { createPrivateKey } from "node:crypto";
import { t } from "../../i18n/index.ts";
import { readFile } from "node:fs/promises";
import { Router } from "express";
import { NotFoundError } from "../../errors.ts";
import type { Db } from "../../db/client.ts";
import { listAudit } from "../../domain/audit/queries.ts";
import { AUDIT_ACTIONS } from "../../audit/record.ts";
import { publicKeyPem } from "../../audit/checkpoint.ts";
import { presentAuditEntry } from "../../presenters/audit-entry.ts";
import { auditListQuery } from "../schemas.ts";
import { renderForm } from "./forms.ts";

export function auditRoutes(db: Db, keyFile: string): Router {
  const router = Router();

  // The checkpoints' public key (SPKI PEM), to hand to whoever verifies a trail or a claim's
  // audit proof. Anyone verifying should compare its fingerprint with one obtained another way.
  router.get("/audit/public-key.pem", async (_req, res) => {
    let pem: string;
    try {
      pem = publicKeyPem(createPrivateKey(await readFile(keyFile, "utf8")));
    } catch {
      throw new NotFoundError("The audit signing key");
    }
    res.type("application/x-pem-file").attachment("crosscheck-audit.pub").send(pem);
  });

  router.get("/audit", async (req, res) => {
    const query = auditListQuery.parse(req.query);
    const result = await listAudit(db, query);
    await renderForm(res, "audit", t("title.audit"), {
      query: { ...query, from: req.query.from, to: req.query.to },
      result: { ...result, items: result.items.map(presentAuditEntry) },
      actions: AUDIT_ACTIONS,
      entityTypes: ["claim", "source", "document", "attribution", "conflict", "user", "token", "bundle"],
    });
  });
  return router;
}
