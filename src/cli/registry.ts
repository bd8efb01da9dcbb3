/**
 * The command names of `npm run cli`. A command lives in `src/cli/commands/GROUP-NAME.ts`; its
 * name is `GROUP:NAME` with the first hyphen turned into a colon (`audit-verify-proof.ts` →
 * `audit:verify-proof`, the spelling the README, the claim page and the usage lines use).
 * Other spellings of the same words (`audit:verify:proof`, `audit-verify-proof`) are accepted
 * as aliases, since both had been printed at one time or another.
 */
import { readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const commandsDir = join(dirname(fileURLToPath(import.meta.url)), "commands");

/** `audit-verify-proof` (file stem) → `audit:verify-proof`. */
export function commandName(stem: string): string {
  return stem.replace("-", ":");
}

function stems(): string[] {
  return readdirSync(commandsDir)
    .filter((f) => f.endsWith(".ts") && !f.startsWith("_"))
    .map((f) => f.slice(0, -3))
    .sort();
}

/** Every command's canonical name, sorted. */
export function commandNames(): string[] {
  return stems().map(commandName);
}

/** The module file of a command typed in any of its spellings, or null when there is none. */
export function resolveCommand(typed: string): string | null {
  const stem = typed.trim().toLowerCase().replace(/:/g, "-");
  return stems().includes(stem) ? join(commandsDir, `${stem}.ts`) : null;
}
