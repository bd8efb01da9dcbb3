import type { z } from "zod";
import { ValidationError } from "../errors.ts";
import { fieldErrors } from "../validation/fields.ts";
import { idFromDigits } from "../shared/ids.ts";

/** Validation at the edge (the domain's NDJSON batch uses the same parse). */
export { fieldLabelOf, parse } from "../validation/parse.ts";

/** Parse a positive integer route parameter; anything else is a 404 (never a 500). */
export function idParam(value: unknown): number {
  const n = idFromDigits(value);
  return n !== undefined && n > 0 ? n : -1;
}

/** Parse a query string: a bad value is a 400 with the schema's message (not a 422 form error). */
export function parseQuery<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    throw new ValidationError(Object.values(fields)[0] ?? "The address has a value that is not valid.", fields, 400);
  }
  return result.data;
}
