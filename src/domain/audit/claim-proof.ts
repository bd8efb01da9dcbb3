/**
 * A claim's audit proof: every event of the claim's history (src/domain/history/claim-trail.ts)
 * with an RFC 6962 inclusion proof against the latest signed checkpoint. Whoever receives it
 * can check — offline, with the public key, without the rest of the trail — that these events
 * are exactly as recorded in the tamper-evident log (`audit:verify-proof`). It reveals nothing
 * of other claims beyond hashes. Events newer than the checkpoint cannot be proved yet; they
 * are counted in `unsealed` (seal first: the CLI does).
 */
import { t as tr } from "../../i18n/index.ts";
import { auditEventSchema, type ChainedEvent } from "../../audit/chain.ts";
import { MerkleTree } from "../../audit/inclusion.ts";
import type { Db } from "../../db/client.ts";
import { ConflictError, NotFoundError } from "../../errors.ts";
import { claimTrail } from "../history/claim-trail.ts";
import { leafHashes } from "./seal-audit.ts";

export const CLAIM_PROOF_FORMAT = "crosscheck-claim-proof/1";

export interface ClaimProof {
  format: typeof CLAIM_PROOF_FORMAT;
  claim: { id: number; key: string };
  /** The signed checkpoint (C2SP signed note) the proofs lead to. */
  checkpoint: string;
  treeSize: number;
  rootHash: string;
  events: Array<{ leafIndex: number; proof: string[]; event: ChainedEvent }>;
  /** Events of this claim recorded after the checkpoint (not included). */
  unsealed: number;
}

export async function claimAuditProof(db: Db, claimId: number): Promise<ClaimProof> {
  const claim = await db.claim.findUnique({ where: { id: claimId }, select: { id: true, key: true } });
  if (!claim) throw new NotFoundError("The claim");
  const checkpoint = await db.auditCheckpoint.findFirst({ orderBy: { size: "desc" } });
  if (!checkpoint) throw new ConflictError(tr("errors.noCheckpoint"));
  const size = checkpoint.size;

  const leaves: string[] = [];
  for await (const h of leafHashes(db, size)) leaves.push(h);
  const tree = new MerkleTree(leaves);
  if (leaves.length !== size || tree.root() !== checkpoint.rootHash) {
    throw new ConflictError(tr("errors.trailMismatch", { count: size }));
  }

  const t = await claimTrail(db, claimId);
  const rows = [...t.claimEvents, ...t.attributionEvents, ...t.gradeEvents, ...t.conflictEvents].sort((a, b) => a.seq - b.seq);
  const seen = new Set<number>();
  const events: ClaimProof["events"] = [];
  let unsealed = 0;
  for (const r of rows) {
    if (seen.has(r.seq)) continue;
    seen.add(r.seq);
    if (r.seq > size) {
      unsealed++;
      continue;
    }
    const event = auditEventSchema.parse({ ...r, before: JSON.parse(r.before) as unknown, after: JSON.parse(r.after) as unknown });
    events.push({ leafIndex: r.seq - 1, proof: tree.inclusionProof(r.seq - 1), event });
  }
  return { format: CLAIM_PROOF_FORMAT, claim, checkpoint: checkpoint.note, treeSize: size, rootHash: checkpoint.rootHash, events, unsealed };
}
