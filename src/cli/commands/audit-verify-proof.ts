/**
 * `audit:verify-proof FILE [--pubkey FILE.pub]`: check a claim's audit proof offline (no database).
 * Prints `OK: …` (exit 0) or `FAILED …: reason` (exit 1).
 */
import { createPublicKey } from "node:crypto";
import { readFile } from "node:fs/promises";
import { verifyClaimProof } from "../../audit/verify-proof.ts";
import { EXIT_FAILED, EXIT_OK, UsageError, parseCli, runCommand } from "../args.ts";

export const summary = "verify a claim's audit proof (from audit:prove) against the public key";
const USAGE = "npm run cli -- audit:verify-proof FILE [--pubkey FILE.pub]   (the key defaults to FILE.pub)";

async function read(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch {
    throw new UsageError(`cannot read ${what} ${path}`);
  }
}

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values, positionals } = parseCli(args, { pubkey: { type: "string" } }, { min: 1, max: 1 });
    const file = positionals[0];
    const text = await read(file, "proof");
    const pem = await read(values.pubkey ?? `${file}.pub`, "public key");
    let pub;
    try {
      pub = createPublicKey(pem);
    } catch {
      throw new UsageError(`${values.pubkey ?? `${file}.pub`} is not a PEM public key`);
    }
    let doc: unknown;
    try {
      doc = JSON.parse(text);
    } catch {
      console.log(`FAILED: ${file} is not JSON`);
      return EXIT_FAILED;
    }
    const r = verifyClaimProof(doc, pub);
    for (const line of r.lines) console.log(line);
    return r.ok ? EXIT_OK : EXIT_FAILED;
  });
}
