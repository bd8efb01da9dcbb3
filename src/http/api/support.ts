/**
 * Small HTTP helpers shared by the API routers: route ids, 201 responses and the JSON-only guard. No business rules live here.
 */
import { t } from "../../i18n/index.ts";
import type { NextFunction, Request, Response } from "express";
import { AppError, NotFoundError } from "../../errors.ts";
import { idParam } from "../validate.ts";

/** The `:id` route parameter; anything but a positive integer is a 404, like an unknown id. */
export function pathId(req: Request, what: string, name = "id"): number {
  const id = idParam(req.params[name]);
  if (id < 0) throw new NotFoundError(what);
  return id;
}

/** 201 Created with the new resource's URL in Location and its JSON as the body. */
export function created(res: Response, location: string, body: unknown) {
  res.status(201).location(location).json(body);
}

/** Writes must be JSON: a form or text body is refused (415) before it reaches a schema. */
export function jsonBodiesOnly(req: Request, _res: Response, next: NextFunction) {
  if ((req.method === "POST" || req.method === "PATCH" || req.method === "PUT") && !req.is("application/json")) {
    return next(new AppError(t("errors.jsonOnly"), 415, "unsupported_media_type"));
  }
  next();
}
