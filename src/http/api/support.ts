/**
 * Small HTTP helpers shared by the API routers: route ids, full-replacement PATCH bodies,
 * 201 responses and the JSON-only guard. No business rules live here.
 */
import type { NextFunction, Request, Response } from "express";
import type { z } from "zod";
import { AppError, NotFoundError, ValidationError } from "../../errors.ts";
import { idParam, parse } from "../validate.ts";

/** The `:id` route parameter; anything but a positive integer is a 404, like an unknown id. */
export function pathId(req: Request, what: string, name = "id"): number {
  const id = idParam(req.params[name]);
  if (id < 0) throw new NotFoundError(what);
  return id;
}

/**
 * PATCH in this API replaces every editable field (the use cases take the whole record), so
 * the body must carry every field of `schema`. A field left out is refused rather than
 * silently reset to its default: send null, "" or [] to clear one. This keeps a client that
 * sends only `{ "name": … }` from wiping a source's aliases and notes by accident.
 */
export function parseReplacement<S extends z.ZodObject>(schema: S, body: unknown): z.infer<S> {
  const value = parse(schema, body);
  const missing = Object.keys(schema.shape).filter((k) => !Object.hasOwn(body as object, k));
  if (missing.length) {
    throw new ValidationError(
      `PATCH replaces the whole record: send every field. Missing: ${missing.join(", ")}.`,
      Object.fromEntries(missing.map((k) => [k, "Send this field (null, an empty string or [] clears it)."])),
    );
  }
  return value;
}

/** 201 Created with the new resource's URL in Location and its JSON as the body. */
export function created(res: Response, location: string, body: unknown) {
  res.status(201).location(location).json(body);
}

/** Writes must be JSON: a form or text body is refused before any parsing (415). */
export function jsonBodiesOnly(req: Request, _res: Response, next: NextFunction) {
  if ((req.method === "POST" || req.method === "PATCH" || req.method === "PUT") && !req.is("application/json")) {
    return next(new AppError("Send a JSON body with Content-Type: application/json.", 415, "unsupported_media_type"));
  }
  next();
}
