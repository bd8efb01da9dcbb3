import { Router } from "express";
import { t } from "../../i18n/index.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/client.ts";
import { getSetting, setSetting } from "../../domain/settings/settings.ts";
import { reanalyseStatus, startReanalysis, stopReanalysis } from "../../domain/matching/reanalyse-runner.ts";
import { presentReanalyseStatus } from "../../presenters/reanalyse.ts";
import { actorOf, requireRole } from "../auth.ts";
import { formInput, reanalyseActionSchema, settingsSchema } from "../schemas.ts";
import { parse } from "../validate.ts";
import { handleForm, renderForm, setFlash } from "./forms.ts";

export function settingsRoutes(db: Db): Router {
  const router = Router();
  router.use("/settings", requireRole("admin"));
  const current = async () => ({
    values: { twoPersonReview: (await getSetting(db, "review.twoPerson")) === "true" },
    reanalyse: presentReanalyseStatus(await reanalyseStatus(db)),
  });
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
  // Re-analysis of the whole store in the background (the same as `npm run cli -- reanalyse`).
  router.post("/settings/reanalyse", async (req, res) => {
    const { action } = parse(reanalyseActionSchema, formInput(req.body));
    if (action === "stop") await stopReanalysis();
    else startReanalysis(db, actorOf(req, res), { restart: action === "restart" });
    setFlash(req, { key: action === "stop" ? "settings.reanalyse.stoppedFlash" : "settings.reanalyse.startedFlash" });
    res.redirect(303, "/settings");
  });
  return router;
}
