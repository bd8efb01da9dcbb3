/**
 * `npm run cli -- COMMAND [args]`: dispatches to `src/cli/commands/COMMAND.ts`.
 * Each command module exports `run(args: string[]): Promise<number>` (the exit code) and a
 * one-line `summary`. Commands are loaded lazily so `extract` does not open the database.
 */
import { commandNames, resolveCommand } from "./registry.ts";

export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help") {
    console.log("usage: npm run cli -- COMMAND [options]\n\ncommands:");
    for (const n of commandNames()) {
      const mod = (await import(resolveCommand(n) as string)) as CliCommand;
      console.log(`  ${n.padEnd(20)} ${mod.summary}`);
    }
    return name ? 0 : 2;
  }
  const file = resolveCommand(name);
  if (!file) {
    console.error(`unknown command "${name}"; run "npm run cli -- help" for the list`);
    return 2;
  }
  const mod = (await import(file)) as CliCommand;
  return mod.run(args);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : String(err));
    process.exitCode = 1;
  },
);
