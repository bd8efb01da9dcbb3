/**
 * PATCH in this API is a merge over the current record (RFC 7396 at the top level): a field
 * in the body replaces the current value, a field left out keeps it, null clears a nullable
 * field, and a list (aliases, tags) is replaced as a whole. The use cases take the whole
 * record, so the handler reads the current one and merges inside the same transaction as the
 * update (no lost update between the read and the write).
 *
 * Why a merge rather than "send the full schema": with full replacement a client that sends
 * only `{ "name": … }` silently resets notes, aliases and dates to their defaults, and every
 * field added to a schema later would be wiped by clients that predate it.
 */
import { t } from "../../i18n/index.ts";
import type { z } from "zod";
import { ValidationError } from "../../errors.ts";
import { parse } from "../validate.ts";

/**
 * Validate a PATCH body against `schema` with every field optional (still strict: unknown
 * keys are refused) and keep only the fields the client actually sent — a default must
 * never stand in for a field that was left out.
 */
export function parsePatch<S extends z.ZodObject>(schema: S, body: unknown): Partial<z.infer<S>> {
  const value = parse(schema.partial(), body) as Record<string, unknown>;
  const sent = Object.keys(value).filter((k) => Object.hasOwn(body as object, k));
  if (!sent.length) throw new ValidationError(t("errors.patchEmpty"), { _form: t("errors.patchEmpty") });
  return Object.fromEntries(sent.map((k) => [k, value[k]])) as Partial<z.infer<S>>;
}

/**
 * The current record in `schema`'s input shape, read field by field from `row` (model
 * columns share the schema's names; `adapt` converts the few that differ, such as tags).
 * A schema field the row does not have is a programming error, not a silent reset to null.
 */
export function currentInput<S extends z.ZodObject>(
  schema: S,
  row: Record<string, unknown>,
  adapt: Partial<Record<keyof z.infer<S>, (row: never) => unknown>> = {},
): z.infer<S> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    const convert = (adapt as Record<string, ((r: unknown) => unknown) | undefined>)[key];
    if (convert) out[key] = convert(row);
    else if (key in row) out[key] = row[key];
    else throw new Error(`PATCH merge: the record has no field "${key}" for ${Object.keys(schema.shape).join(", ")}`);
  }
  return out as z.infer<S>;
}

/** The patched record: the current values with the sent fields laid over them. */
export function merge<T extends object>(current: T, patch: Partial<T>): T {
  return { ...current, ...patch };
}
