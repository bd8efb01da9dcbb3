import { Router } from "express";
import { t } from "../../i18n/index.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/client.ts";
import { getSetting, setSetting } from "../../domain/settings/settings.ts";
import { actorOf, requireRole } from "../auth.ts";
import { settingsSchema } from "../schemas.ts";
import { handleForm, renderForm } from "./forms.ts";

export function settingsRoutes(db: Db): Router {
  const router = Router();
  router.use("/settings", requireRole("admin"));
  const current = async () => ({ values: { twoPersonReview: (await getSetting(db, "review.twoPerson")) === "true" } });
  router.get("/settings", async (_req, res) => {
    await renderForm(res, "settings", t("title.settings"), { ...(await current()), errors: {} });
  });
  router.post("/settings", async (req, res) => {
    await handleForm(req, res, {
      schema: settingsSchema,
      view: "settings",
      title: t("title.settings"),
      viewData: current,
      action: async (input) => {
        await inTransaction(db, (tx) => setSetting(tx, actorOf(req, res), "review.twoPerson", String(input.twoPersonReview)));
        return "/settings";
      },
    });
  });
  return router;
}
