/** `audit:prove --claim ID|KEY --out FILE`: a claim's audit events with inclusion proofs against a signed checkpoint. */
import { existsSync } from "node:fs";
import { rename, writeFile } from "node:fs/promises";
import { loadOrCreateKey, publicKeyPem } from "../../audit/checkpoint.ts";
import { loadConfig } from "../../config.ts";
import { claimAuditProof } from "../../domain/audit/claim-proof.ts";
import { sealAudit } from "../../domain/audit/seal-audit.ts";
import { EXIT_OK, UsageError, parseCli, required, runCommand, withDatabase } from "../args.ts";

export const summary = "prove a claim's audit events against the signed checkpoint (verify with audit:verify-proof)";
const USAGE = "npm run cli -- audit:prove --claim ID|KEY --out FILE [--no-seal]   (FILE.pub, the public key, is written beside it)";

export async function run(args: string[]): Promise<number> {
  return runCommand(USAGE, args, async () => {
    const { values } = parseCli(args, { claim: { type: "string" }, out: { type: "string" }, "no-seal": { type: "boolean" } });
    const ref = required(values.claim, "claim");
    const file = required(values.out, "out");
    const proof = await withDatabase(async (db) => {
      const claim = /^\d+$/.test(ref) ? await db.claim.findUnique({ where: { id: Number(ref) } }) : await db.claim.findUnique({ where: { key: ref } });
      if (!claim) throw new UsageError(`no claim with id or key "${ref}"`);
      // Seal first (creating the signing key if this store has none yet, as audit:seal does) so
      // the claim's latest events are covered; --no-seal proves against the latest checkpoint.
      const keyFile = loadConfig().AUDIT_KEY_FILE;
      if (!values["no-seal"] || existsSync(keyFile)) {
        const key = loadOrCreateKey(keyFile);
        if (!values["no-seal"]) await sealAudit(db, key);
        await writeFile(`${file}.pub`, publicKeyPem(key), "utf8");
      }
      return claimAuditProof(db, claim.id);
    });
    const tmp = `${file}.tmp`;
    await writeFile(tmp, `${JSON.stringify(proof, null, 2)}\n`, "utf8");
    await rename(tmp, file);
    console.error(
      `Proved ${proof.events.length} audit events of claim ${proof.claim.key} against the checkpoint of ${proof.treeSize} events (root ${proof.rootHash}) in ${file}` +
        (proof.unsealed ? `; ${proof.unsealed} newer event(s) are not sealed yet.` : "."),
    );
    return EXIT_OK;
  });
}
