/**
 * The hash chain over audit events. Pure: used when appending, when exporting and by the
 * offline verifier (`npm run cli -- audit:verify`), which needs no database.
 *
 *   hash = SHA-256( 0x00 || JCS(event without `hash`) )      (RFC 6962-style leaf domain separation)
 *   event.prevHash = previous event's hash (GENESIS for seq 1)
 */
import { createHash } from "node:crypto";
import { z } from "zod";
import { canonicalize, type Json } from "./canonical.ts";

export const GENESIS_HASH = "0".repeat(64);

const jsonValue: z.ZodType<Json> = z.lazy(() => z.union([z.null(), z.boolean(), z.number(), z.string(), z.array(jsonValue), z.record(z.string(), jsonValue)]));

/** The exported (and hashed) shape of one audit event. */
export const auditEventSchema = z
  .object({
    seq: z.number().int().positive(),
    ts: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, "ts must be UTC ISO-8601"),
    actorId: z.number().int().nullable(),
    actorName: z.string(),
    actorRole: z.string(),
    action: z.string().min(1),
    entityType: z.string().min(1),
    entityId: z.string(),
    requestId: z.string(),
    before: jsonValue,
    after: jsonValue,
    prevHash: z.string().regex(/^[0-9a-f]{64}$/),
    hash: z.string().regex(/^[0-9a-f]{64}$/),
  })
  .strict();

export type ChainedEvent = z.infer<typeof auditEventSchema>;
export type UnhashedEvent = Omit<ChainedEvent, "hash">;

export function leafHash(event: UnhashedEvent): string {
  const body = canonicalize({ ...event, hash: undefined });
  return createHash("sha256")
    .update(Buffer.from([0]))
    .update(body, "utf8")
    .digest("hex");
}

export interface VerifyFailure {
  ok: false;
  /** The first sequence number that fails (or the line number when no seq could be read). */
  seq: number | null;
  line: number;
  reason: string;
}
export interface VerifySuccess {
  ok: true;
  count: number;
  lastSeq: number;
  lastHash: string;
}
export type VerifyResult = VerifySuccess | VerifyFailure;

/**
 * Incremental verifier: feed events in file order; it stops at the first bad one.
 * Detects changed fields (hash mismatch), removed events (seq gap / broken link), inserted
 * or duplicated events (seq out of order), reordering, and a forged chain (prevHash link).
 * Truncation of the tail cannot be detected by a bare chain; signed checkpoints cover that.
 */
export class ChainVerifier {
  /** Called with each event that verified, in order (e.g. to build the Merkle root for checkpoints). */
  constructor(private readonly onVerified?: (seq: number, hash: string) => void) {}

  private expectedSeq = 1;
  private prevHash = GENESIS_HASH;
  private count = 0;
  private failure: VerifyFailure | null = null;

  /** Returns false once a failure has been found. */
  push(raw: unknown, line: number): boolean {
    if (this.failure) return false;
    const parsed = auditEventSchema.safeParse(raw);
    const seqGuess = raw && typeof raw === "object" && typeof (raw as { seq?: unknown }).seq === "number" ? (raw as { seq: number }).seq : null;
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return this.fail(seqGuess ?? this.expectedSeq, line, `malformed event: ${issue.path.join(".") || "(root)"}: ${issue.message}`);
    }
    const ev = parsed.data;
    if (ev.seq !== this.expectedSeq) {
      const what = ev.seq < this.expectedSeq ? "repeated or out of order" : "missing events before it";
      return this.fail(this.expectedSeq, line, `expected seq ${this.expectedSeq} but found ${ev.seq} (${what})`);
    }
    const { hash, ...rest } = ev;
    const recomputed = leafHash(rest);
    if (recomputed !== hash) return this.fail(ev.seq, line, "content does not match its hash (event was altered)");
    if (ev.prevHash !== this.prevHash) return this.fail(ev.seq, line, "prevHash does not link to the previous event");
    this.prevHash = hash;
    this.expectedSeq += 1;
    this.count += 1;
    this.onVerified?.(ev.seq, hash);
    return true;
  }

  private fail(seq: number, line: number, reason: string): false {
    this.failure = { ok: false, seq, line, reason };
    return false;
  }

  result(): VerifyResult {
    if (this.failure) return this.failure;
    if (this.count === 0) return { ok: false, seq: null, line: 0, reason: "the file holds no audit events" };
    return { ok: true, count: this.count, lastSeq: this.expectedSeq - 1, lastHash: this.prevHash };
  }
}
