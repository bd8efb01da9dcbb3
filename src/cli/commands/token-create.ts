/** `token:create --username NAME [--name LABEL]`: issue an API token and print it once. */
import { t } from "../../i18n/index.ts";
import { inTransaction } from "../../db/client.ts";
import { createToken } from "../../domain/tokens/tokens.ts";
import { text } from "../../validation/fields.ts";
import { EXIT_FAILED, EXIT_OK, cliActor, parseCli, required, runCommand, withDatabase } from "../args.ts";

export const summary = "issue an API token for a user (printed once)";
const USAGE = "npm run cli -- token:create --username NAME [--name LABEL]";

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values } = parseCli(args, { username: { type: "string" }, name: { type: "string" } });
    const username = required(values.username, "username");
    const label = text(200, "Name").safeParse(values.name ?? "cli");
    if (!label.success) {
      console.error(`--name: ${label.error.issues[0].message}`);
      return EXIT_FAILED;
    }
    const { token, user } = await withDatabase((db) => inTransaction(db, (tx) => createToken(tx, cliActor(), username, label.data)));
    // The token alone on stdout so a script can capture it; the advice goes to stderr.
    console.log(token);
    console.error(t("cli.tokenCreated", { label: label.data, username: user.username }));
    return EXIT_OK;
  });
}
