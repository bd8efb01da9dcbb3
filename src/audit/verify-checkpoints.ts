/**
 * Offline verification of an exported trail together with its signed checkpoints:
 * the hash chain (first bad event), every checkpoint's signature against the public key,
 * sizes only increasing, and the Merkle root of events 1..size equal to each checkpoint's.
 * Equal roots at increasing sizes are the consistency check; a checkpoint larger than the
 * trail means events were removed from its end.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { keyFingerprint, verifyCheckpoint } from "./checkpoint.ts";
import { MerkleAccumulator } from "./merkle.ts";
import { verifyAuditFile, type AuditFileFormat } from "./verify-file.ts";

export interface CheckpointReport {
  ok: boolean;
  lines: string[];
}

/** Checkpoint notes are separated by one empty line after each signature block. */
export function splitNotes(text: string): string[] {
  return text
    .split(/\n(?=crosscheck\/audit\n)/)
    .map((n) => (n.endsWith("\n") ? n : `${n}\n`))
    .filter((n) => n.trim());
}

export async function verifyTrail(file: string, opts: { format?: AuditFileFormat; checkpoints?: string; pubkey?: string } = {}): Promise<CheckpointReport> {
  const cpFile = opts.checkpoints ?? `${file}.checkpoints`;
  const pubFile = opts.pubkey ?? `${file}.pub`;
  const lines: string[] = [];
  const notes: { size: number; rootHex: string }[] = [];
  let pub: KeyObject | null = null;
  if (existsSync(cpFile)) {
    if (!existsSync(pubFile)) return { ok: false, lines: [`FAILED: ${cpFile} needs a public key (${pubFile} or --pubkey)`] };
    pub = createPublicKey(readFileSync(pubFile));
    for (const [i, note] of splitNotes(readFileSync(cpFile, "utf8")).entries()) {
      const r = verifyCheckpoint(note, pub);
      if (!r.ok) return { ok: false, lines: [`FAILED: checkpoint ${i + 1}: ${r.reason}`] };
      if (notes.length && r.body.size <= notes[notes.length - 1].size)
        return { ok: false, lines: [`FAILED: checkpoint ${i + 1}: sizes must increase (${r.body.size} after ${notes[notes.length - 1].size})`] };
      notes.push(r.body);
    }
  } else if (opts.checkpoints) {
    return { ok: false, lines: [`FAILED: cannot read ${cpFile}`] };
  }

  const acc = new MerkleAccumulator();
  let next = 0;
  let mismatch: { index: number; size: number; after: number } | null = null;
  const chain = await verifyAuditFile(file, opts.format, (_seq, hash) => {
    acc.push(hash);
    while (!mismatch && next < notes.length && acc.size === notes[next].size) {
      if (acc.root() !== notes[next].rootHex) mismatch = { index: next + 1, size: notes[next].size, after: next ? notes[next - 1].size : 0 };
      next += 1;
    }
  });
  if (!chain.ok) {
    lines.push(chain.seq === null ? `FAILED (line ${chain.line}): ${chain.reason}` : `FAILED at seq ${chain.seq} (line ${chain.line}): ${chain.reason}`);
    return { ok: false, lines };
  }
  if (mismatch) {
    const m = mismatch as { index: number; size: number; after: number };
    lines.push(
      `FAILED: events 1..${m.size} do not match signed checkpoint ${m.index}: the chain was rewritten; the first changed event is after seq ${m.after} and at or before seq ${m.size}`,
    );
    return { ok: false, lines };
  }
  if (next < notes.length) {
    lines.push(
      `FAILED: the trail ends at seq ${chain.lastSeq} but signed checkpoint ${next + 1} covers ${notes[next].size} events: events were removed from the end`,
    );
    return { ok: false, lines };
  }
  lines.push(`OK: ${chain.count} events, last seq ${chain.lastSeq}, last hash ${chain.lastHash}`);
  if (notes.length && pub) {
    const last = notes[notes.length - 1].size;
    lines.push(
      `OK: ${notes.length} signed checkpoint(s) verified; the latest covers events 1..${last}${chain.lastSeq > last ? `; events ${last + 1}..${chain.lastSeq} are covered by the hash chain only` : ""}`,
    );
    lines.push(`public key fingerprint (SHA-256): ${keyFingerprint(pub)} — compare it with the one you hold`);
  } else {
    lines.push("no signed checkpoints were given: removal of events from the end cannot be detected");
  }
  return { ok: true, lines };
}
