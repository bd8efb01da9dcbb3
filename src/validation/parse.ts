import type { z } from "zod";
import { t } from "../i18n/index.ts";
import { ValidationError } from "../errors.ts";
import { fieldErrors } from "./fields.ts";

/** Parse `data` with `schema` or throw a 422 ValidationError carrying per-field messages. */
export function parse<S extends z.ZodType>(schema: S, data: unknown): z.infer<S> {
  const result = schema.safeParse(data);
  if (!result.success) {
    const fields = fieldErrors(result.error);
    const first = Object.entries(fields)[0];
    const summary = first ? (first[0] === "_form" ? first[1] : `${first[0]}: ${first[1]}`) : t("validation.invalid");
    throw new ValidationError(t("validation.summary", { detail: summary }), fields);
  }
  return result.data;
}
