import { idFromDigits } from "../shared/ids.ts";

/** Validation at the edge (the domain's NDJSON batch uses the same parse). */
export { parse } from "../validation/parse.ts";

/** Parse a positive integer route parameter; anything else is a 404 (never a 500). */
export function idParam(value: unknown): number {
  const n = idFromDigits(value);
  return n !== undefined && n > 0 ? n : -1;
}
