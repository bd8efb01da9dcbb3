/**
 * `npm run cli -- COMMAND [args]`: dispatches to `src/cli/commands/COMMAND.ts`.
 * Each command module exports `run(args: string[]): Promise<number>` (the exit code) and a
 * one-line `summary`. Commands are loaded lazily so `extract` does not open the database.
 */
import { localeFromEnv, setProcessLocale, t } from "../i18n/index.ts";
import { commandNames, resolveCommand } from "./registry.ts";
import { loadConfig } from "../config.ts";
import { setSentenceEncoderEnabled } from "../encoder/sentence-encoder.ts";

// Messages in the language of CROSSCHECK_LANG, else LC_ALL / LC_MESSAGES / LANG (ar_SY.UTF-8 → Arabic), else English.
setProcessLocale(localeFromEnv());

export interface CliCommand {
  summary: string;
  run(args: string[]): Promise<number>;
}

async function main(argv: string[]): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === "help" || name === "--help") {
    console.log(t("cli.helpHead"));
    for (const n of commandNames()) {
      const mod = (await import(resolveCommand(n) as string)) as CliCommand;
      const key = `cli.summary.${n.replace(/:/g, "-")}`;
      const translated = t(key);
      console.log(`  ${n.padEnd(20)} ${translated === key ? mod.summary : translated}`);
    }
    return name ? 0 : 2;
  }
  const file = resolveCommand(name);
  if (!file) {
    console.error(t("cli.unknownCommand", { name }));
    return 2;
  }
  // The environment is refused as the server refuses it (same parse, same message), whatever
  // the command: a bad SENTENCE_ENCODER must not be taken as "on" here and stop the server later.
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    console.error(err instanceof Error ? err.message : String(err));
    return 2;
  }
  setSentenceEncoderEnabled(config.SENTENCE_ENCODER === "on");
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
