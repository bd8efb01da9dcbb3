/**
 * `user:add --username NAME --role analyst|reviewer|admin [--display-name X]`
 * The password is the first line of standard input (so it never appears in the process
 * list or shell history); on a terminal it is prompted for twice, without echo.
 */
import { t } from "../../i18n/index.ts";
import type { Readable } from "node:stream";
import { inTransaction } from "../../db/client.ts";
import { createUser } from "../../domain/users/create-user.ts";
import { hashPassword } from "../../domain/users/passwords.ts";
import { fieldErrors } from "../../validation/fields.ts";
import { userCreateSchema } from "../../http/schemas.ts";
import { EXIT_FAILED, EXIT_OK, UsageError, cliActor, parseCli, required, runCommand, withDatabase } from "../args.ts";

export const summary = "create a user; the password is read from standard input";
const USAGE = "npm run cli -- user:add --username NAME --role analyst|reviewer|admin [--display-name TEXT] < password-file";
/** A password line longer than this is not a password. */
const MAX_LINE = 4096;

/** The first line of a non-terminal stream, without its line ending. */
export async function readFirstLine(stream: Readable): Promise<string> {
  let buf = "";
  stream.setEncoding("utf8");
  for await (const chunk of stream as AsyncIterable<string>) {
    buf += chunk;
    if (buf.includes("\n") || buf.length > MAX_LINE) break;
  }
  const nl = buf.indexOf("\n");
  return (nl >= 0 ? buf.slice(0, nl) : buf).replace(/\r$/, "");
}

/** Prompt on stderr and read one line from the terminal without echoing it. */
function promptHidden(prompt: string): Promise<string> {
  const stdin = process.stdin;
  process.stderr.write(prompt);
  return new Promise((resolve, reject) => {
    let value = "";
    const finish = () => {
      stdin.off("data", onData);
      stdin.setRawMode(false);
      stdin.pause();
      process.stderr.write("\n");
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === "\r" || ch === "\n" || ch === "\u0004") {
          finish();
          resolve(value);
          return;
        }
        if (ch === "\u0003") {
          finish();
          reject(new UsageError(t("cli.cancelled")));
          return;
        }
        if (ch === "\u007f" || ch === "\b") value = [...value].slice(0, -1).join("");
        else value += ch;
      }
    };
    stdin.setRawMode(true);
    stdin.setEncoding("utf8");
    stdin.on("data", onData);
    stdin.resume();
  });
}

async function readPassword(stdin: Readable & { isTTY?: boolean }): Promise<string> {
  if (!stdin.isTTY) return readFirstLine(stdin);
  const first = await promptHidden("Password (at least 12 characters): ");
  const again = await promptHidden("Repeat the password: ");
  if (first !== again) throw new UsageError(t("cli.passwordsDiffer"));
  return first;
}

export async function run(args: string[], io: { stdin?: Readable & { isTTY?: boolean } } = {}): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values } = parseCli(args, {
      username: { type: "string" },
      role: { type: "string" },
      "display-name": { type: "string" },
    });
    const password = await readPassword(io.stdin ?? process.stdin);
    const parsed = userCreateSchema.safeParse({
      username: required(values.username, "username"),
      role: required(values.role, "role"),
      displayName: values["display-name"] ?? "",
      password,
    });
    if (!parsed.success) {
      for (const [field, message] of Object.entries(fieldErrors(parsed.error))) console.error(`${field}: ${message}`);
      return EXIT_FAILED;
    }
    // argon2 is deliberately slow: hash before the write transaction, not inside it.
    const hash = await hashPassword(parsed.data.password);
    const user = await withDatabase((db) => inTransaction(db, (tx) => createUser(tx, cliActor(), parsed.data, hash)));
    console.log(t("cli.userCreated", { role: t(`role.${user.role}`), username: user.username, id: user.id }));
    return EXIT_OK;
  });
}
