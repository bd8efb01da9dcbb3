/**
 * Signed checkpoints over the audit trail, as C2SP signed notes (the format transparency logs
 * use):
 *
 *   crosscheck/audit\n
 *   <size>\n
 *   <base64 Merkle root of events 1..size>\n
 *   \n
 *   — <key name> <base64(4-byte key id ‖ Ed25519 signature of the three lines above)>\n
 *
 * The private key lives in a file outside the database (AUDIT_KEY_FILE); the public key goes
 * with every export so the trail can be checked offline. A checkpoint held outside the host
 * makes any change to events 1..size detectable; events after the latest checkpoint are
 * covered only by the hash chain.
 */
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export const CHECKPOINT_ORIGIN = "crosscheck/audit";
export const KEY_NAME = "crosscheck-audit";

export interface CheckpointBody {
  origin: string;
  size: number;
  rootHex: string;
}

export function checkpointBody(size: number, rootHex: string, origin = CHECKPOINT_ORIGIN): string {
  return `${origin}\n${size}\n${Buffer.from(rootHex, "hex").toString("base64")}\n`;
}

function rawPublicKey(pub: KeyObject): Buffer {
  // The last 32 bytes of the SPKI DER are the Ed25519 public key.
  const der = pub.export({ type: "spki", format: "der" });
  return der.subarray(der.length - 32);
}

/** C2SP note key id: first 4 bytes of SHA-256(name ‖ "\n" ‖ 0x01 ‖ public key). */
export function keyId(name: string, pub: KeyObject): Buffer {
  return createHash("sha256")
    .update(`${name}\n`)
    .update(Buffer.from([1]))
    .update(rawPublicKey(pub))
    .digest()
    .subarray(0, 4);
}

export function signCheckpoint(size: number, rootHex: string, key: KeyObject, name = KEY_NAME): string {
  const body = checkpointBody(size, rootHex);
  const pub = createPublicKey(key);
  const sig = sign(null, Buffer.from(body, "utf8"), key);
  return `${body}\n— ${name} ${Buffer.concat([keyId(name, pub), sig]).toString("base64")}\n`;
}

export type ParsedCheckpoint = { ok: true; body: CheckpointBody; note: string } | { ok: false; reason: string };

/** Parse a signed note and check its signature against `pub`. */
export function verifyCheckpoint(note: string, pub: KeyObject, name = KEY_NAME): ParsedCheckpoint {
  const split = note.indexOf("\n\n");
  if (split < 0) return { ok: false, reason: "not a signed note (no blank line before the signatures)" };
  const body = note.slice(0, split + 1);
  const lines = body.split("\n");
  if (lines.length !== 4 || lines[3] !== "") return { ok: false, reason: "the note body must have exactly three lines" };
  const [origin, sizeText, rootB64] = lines;
  if (origin !== CHECKPOINT_ORIGIN) return { ok: false, reason: `unexpected origin "${origin}"` };
  if (!/^\d+$/.test(sizeText)) return { ok: false, reason: "the size is not a number" };
  const root = Buffer.from(rootB64, "base64");
  if (root.length !== 32) return { ok: false, reason: "the root hash is not 32 bytes" };
  const sigLines = note
    .slice(split + 2)
    .split("\n")
    .filter(Boolean);
  const expectedId = keyId(name, pub);
  for (const line of sigLines) {
    const m = /^— (\S+) (\S+)$/.exec(line);
    if (!m || m[1] !== name) continue;
    const blob = Buffer.from(m[2], "base64");
    if (blob.length !== 68 || !blob.subarray(0, 4).equals(expectedId)) continue;
    if (verify(null, Buffer.from(body, "utf8"), pub, blob.subarray(4))) {
      return { ok: true, body: { origin, size: Number(sizeText), rootHex: root.toString("hex") }, note };
    }
    return { ok: false, reason: "the signature does not verify with the given public key" };
  }
  return { ok: false, reason: "no signature by the expected key" };
}

/** Load the signing key, creating one (mode 0400) on first use. */
export function loadOrCreateKey(path: string): KeyObject {
  if (!existsSync(path)) {
    mkdirSync(dirname(path), { recursive: true });
    const { privateKey } = generateKeyPairSync("ed25519");
    writeFileSync(path, privateKey.export({ type: "pkcs8", format: "pem" }), { mode: 0o400 });
    chmodSync(path, 0o400);
  }
  return createPrivateKey(readFileSync(path));
}

export function publicKeyPem(key: KeyObject): string {
  return createPublicKey(key).export({ type: "spki", format: "pem" }).toString();
}

/** SHA-256 fingerprint of the public key, to compare out of band with a pinned one. */
export function keyFingerprint(pub: KeyObject): string {
  return createHash("sha256").update(rawPublicKey(pub)).digest("hex");
}
