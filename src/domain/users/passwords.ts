/**
 * Password hashing with argon2id (OWASP: m=19 MiB, t=2, p=1 minimum; we use m=47104 KiB,
 * t=1 — the other OWASP-recommended point). argon2 hashes the whole UTF-8 password: unlike
 * bcrypt there is no 72-byte cap that would silently truncate an Arabic passphrase.
 * Passwords are NFC-normalised first, so the same Arabic passphrase typed on keyboards that
 * emit composed or decomposed forms signs in alike (ASVS 6.2.9 allows any printable Unicode).
 */
import argon2 from "argon2";
import { nodeEnvAsSet } from "../../config.ts";

const OPTIONS = { type: argon2.argon2id, memoryCost: 47104, timeCost: 1, parallelism: 1 } as const;
/** Cheaper parameters under test only, so the suite stays fast; production always uses OPTIONS. */
const TEST_OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

function options() {
  return nodeEnvAsSet() === "test" ? TEST_OPTIONS : OPTIONS;
}

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password.normalize("NFC"), options());
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password.normalize("NFC"));
  } catch {
    return false;
  }
}

/** A hash of a random password, verified against when the user does not exist (equal timing). */
let dummy: Promise<string> | null = null;
export function dummyHash(): Promise<string> {
  dummy ??= hashPassword(`dummy-${Math.random()}`);
  return dummy;
}
