import { Router } from "express";
import { t } from "../../i18n/index.ts";
import type { Db } from "../../db/client.ts";
import { inTransaction } from "../../db/client.ts";
import { createUser } from "../../domain/users/create-user.ts";
import { hashPassword } from "../../domain/users/passwords.ts";
import { updateUser } from "../../domain/users/update-user.ts";
import { listUsers } from "../../domain/users/queries.ts";
import { actorOf, requireRole } from "../auth.ts";
import { ROLE_VALUES, userCreateSchema, userUpdateSchema } from "../schemas.ts";
import { idParam } from "../validate.ts";
import { handleForm, renderForm } from "./forms.ts";

export function userRoutes(db: Db): Router {
  const router = Router();
  router.use("/users", requireRole("admin"));

  const list = async () => ({
    users: await listUsers(db),
    roles: ROLE_VALUES,
  });

  router.get("/users", async (_req, res) => {
    await renderForm(res, "users", t("title.users"), { ...(await list()), values: { role: "analyst" }, errors: {} });
  });

  router.post("/users", async (req, res) => {
    await handleForm(req, res, {
      schema: userCreateSchema,
      view: "users",
      title: t("title.users"),
      viewData: list,
      action: async (input) => {
        const hash = await hashPassword(input.password);
        await inTransaction(db, (tx) => createUser(tx, actorOf(req, res), input, hash));
        return "/users";
      },
    });
  });

  router.post("/users/:id", async (req, res) => {
    const id = idParam(req.params.id);
    await handleForm(req, res, {
      schema: userUpdateSchema,
      view: "users",
      title: t("title.users"),
      viewData: list,
      action: async (input) => {
        await inTransaction(db, (tx) => updateUser(tx, actorOf(req, res), id, input));
        return "/users";
      },
    });
  });
  return router;
}
