/** `audit:seal`: sign a checkpoint over the whole audit trail now (the server also does this periodically). */
import { t } from "../../i18n/index.ts";
import { keyFingerprint, loadOrCreateKey } from "../../audit/checkpoint.ts";
import { loadConfig } from "../../config.ts";
import { sealAudit } from "../../domain/audit/seal-audit.ts";
import { createPublicKey } from "node:crypto";
import { EXIT_OK, parseCli, runCommand, withDatabase } from "../args.ts";

export const summary = "sign a checkpoint over the audit trail now (key in AUDIT_KEY_FILE)";
const USAGE = "npm run cli -- audit:seal";

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    parseCli(args, {});
    const key = loadOrCreateKey(loadConfig().AUDIT_KEY_FILE);
    const cp = await withDatabase((db) => sealAudit(db, key));
    if (cp) console.log(t("cli.sealed", { size: cp.size, root: cp.rootHash }));
    else console.log(t("cli.nothingToSeal"));
    console.error(t("cli.fingerprint", { fingerprint: keyFingerprint(createPublicKey(key)) }));
    return EXIT_OK;
  });
}
