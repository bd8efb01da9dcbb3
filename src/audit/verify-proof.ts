/**
 * Offline check of a claim's audit proof (src/domain/audit/claim-proof.ts): the checkpoint's
 * Ed25519 signature, that it commits to the stated size and root, and for every event that its
 * hash is the hash of its content and that its inclusion proof leads to that root. Needs no
 * database; the public key should come from the operator, not from the file being checked.
 */
import type { KeyObject } from "node:crypto";
import { z } from "zod";
import { auditEventSchema, leafHash } from "./chain.ts";
import { keyFingerprint, verifyCheckpoint } from "./checkpoint.ts";
import { verifyInclusion } from "./inclusion.ts";

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);
const proofSchema = z
  .object({
    format: z.literal("crosscheck-claim-proof/1"),
    claim: z.object({ id: z.number().int(), key: z.string() }).strict(),
    checkpoint: z.string(),
    treeSize: z.number().int().positive(),
    rootHash: hex64,
    events: z.array(z.object({ leafIndex: z.number().int().nonnegative(), proof: z.array(hex64), event: auditEventSchema }).strict()),
    unsealed: z.number().int().nonnegative(),
  })
  .strict();

export interface ProofReport {
  ok: boolean;
  lines: string[];
}

export function verifyClaimProof(doc: unknown, pub: KeyObject): ProofReport {
  const parsed = proofSchema.safeParse(doc);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, lines: [`FAILED: not a claim proof (${issue.path.join(".") || "document"}: ${issue.message})`] };
  }
  const p = parsed.data;
  const cp = verifyCheckpoint(p.checkpoint, pub);
  if (!cp.ok) return { ok: false, lines: [`FAILED: checkpoint: ${cp.reason}`] };
  if (cp.body.size !== p.treeSize || cp.body.rootHex !== p.rootHash) {
    return {
      ok: false,
      lines: [`FAILED: the signed checkpoint is for ${cp.body.size} events with root ${cp.body.rootHex}, not ${p.treeSize} / ${p.rootHash}`],
    };
  }
  for (const { leafIndex, proof, event } of p.events) {
    const { hash, ...unhashed } = event;
    if (leafHash(unhashed) !== hash) return { ok: false, lines: [`FAILED at seq ${event.seq}: the event's content does not hash to its hash`] };
    if (leafIndex !== event.seq - 1) return { ok: false, lines: [`FAILED at seq ${event.seq}: leaf index ${leafIndex} is not seq − 1`] };
    if (!verifyInclusion(hash, leafIndex, p.treeSize, proof, p.rootHash)) {
      return { ok: false, lines: [`FAILED at seq ${event.seq}: the inclusion proof does not lead to the signed root`] };
    }
  }
  const seqs = p.events.map((e) => e.event.seq);
  return {
    ok: true,
    lines: [
      `OK: ${p.events.length} events of claim ${p.claim.key} (seq ${seqs.length ? `${seqs[0]}…${seqs[seqs.length - 1]}` : "none"}) are in the trail of ${p.treeSize} events signed with root ${p.rootHash}`,
      `key fingerprint (SHA-256): ${keyFingerprint(pub)}`,
      ...(p.unsealed ? [`note: ${p.unsealed} later event(s) of this claim were not yet sealed and are not covered`] : []),
    ],
  };
}
