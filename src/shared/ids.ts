/**
 * Database ids as they arrive written out (a route parameter, a CLI option, a source given by
 * "key or id"): up to 12 digits, so the number is always a safe integer.
 */
export function idFromDigits(value: unknown): number | undefined {
  return typeof value === "string" && /^\d{1,12}$/.test(value) ? Number(value) : undefined;
}
