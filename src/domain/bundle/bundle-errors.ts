/**
 * A rejected bundle: every problem found, each pointing at the bad entry by its JSON path
 * (`claims[3].attributions[1].source: unknown source key "iraqi-army"`).
 */
import type { z } from "zod";
import { ValidationError } from "../../errors.ts";

export const MAX_REPORTED_PROBLEMS = 100;

export class BundleError extends ValidationError {
  constructor(readonly problems: string[]) {
    const shown = problems.slice(0, MAX_REPORTED_PROBLEMS);
    const more = problems.length > shown.length ? [`… and ${problems.length - shown.length} more`] : [];
    super(
      `The bundle was not imported (nothing was written): ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n${[...shown, ...more]
        .map((p) => `  ${p}`)
        .join("\n")}`,
      Object.fromEntries(shown.map((p) => [p.slice(0, Math.max(0, p.indexOf(": "))) || "_form", p.slice(p.indexOf(": ") + 2)])),
    );
  }
}

/** `["claims", 3, "attributions", 1, "source"]` → `claims[3].attributions[1].source`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out || "(bundle)";
}

/** One line per zod issue; an unknown field is reported at its own path. */
export function zodProblems(error: z.ZodError): string[] {
  const out: string[] = [];
  for (const issue of error.issues) {
    if (issue.code === "unrecognized_keys") {
      for (const key of issue.keys) out.push(`${formatPath([...issue.path, key])}: unknown field (not part of the bundle format)`);
    } else {
      out.push(`${formatPath(issue.path)}: ${issue.message}`);
    }
  }
  return out;
}
