/**
 * Test support: a real SQLite file per test file, the real app through supertest, and
 * factories that go through the domain use cases (so audit rows are real too).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createTestDatabase } from "./db-support.ts";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import type { Express } from "express";
import { createApp } from "../src/app.ts";
import { loadConfig, type Config } from "../src/config.ts";
import { inTransaction, openDatabase, type Db } from "../src/db/client.ts";
import { systemActor, type Actor, type Role } from "../src/domain/actor.ts";
import { createClaim, type ClaimInput } from "../src/domain/claims/create-claim.ts";
import { createDocument, type DocumentInput } from "../src/domain/documents/create-document.ts";
import { createSource, type SourceInput } from "../src/domain/sources/create-source.ts";
import { recordAttribution, type AttributionInput } from "../src/domain/attributions/record-attribution.ts";
import { createToken } from "../src/domain/tokens/tokens.ts";
import { createUser } from "../src/domain/users/create-user.ts";
import { hashPassword } from "../src/domain/users/passwords.ts";

export const PASSWORD = "correct horse battery staple";

export interface TestContext {
  db: Db;
  app: Express;
  config: Config;
  /** The SQLite file ("" when the tests run on PostgreSQL: test/db-support.ts). */
  file: string;
  /** The database URL the app was opened on. */
  url: string;
  close(): Promise<void>;
}

export async function setupTestApp(env: Partial<NodeJS.ProcessEnv> = {}): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-test-"));
  const database = await createTestDatabase(dir);
  const file = database.file;
  const config = loadConfig({
    ...process.env,
    NODE_ENV: "test",
    DATABASE_URL: database.url,
    SESSION_SECRET: "x".repeat(40),
    AUDIT_KEY_FILE: join(dir, "audit-key.pem"),
    // A test that opens a review waits for it (a loaded machine can take seconds to read a report);
    // the progress page is tested with REVIEW_WAIT_MS=0.
    REVIEW_WAIT_MS: "60000",
    ...env,
  });
  const db = await openDatabase(config.DATABASE_URL);
  const app = createApp({ db, config });
  return {
    db,
    app,
    config,
    file,
    url: database.url,
    async close() {
      await db.$disconnect();
      await database.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let hashed: Promise<string> | null = null;
let counter = 0;
export function unique(prefix = "x"): string {
  counter += 1;
  return `${prefix}${counter}${Math.random().toString(36).slice(2, 6)}`;
}

export async function buildUser(db: Db, overrides: { username?: string; role?: Role; password?: string } = {}) {
  const password = overrides.password ?? PASSWORD;
  const hash = overrides.password ? await hashPassword(password) : await (hashed ??= hashPassword(PASSWORD));
  const username = overrides.username ?? unique("user");
  return inTransaction(db, (tx) => createUser(tx, systemActor("test"), { username, role: overrides.role ?? "analyst", password }, hash));
}

export function actorFor(user: { id: number; username: string; role: string }): Actor {
  return { userId: user.id, username: user.username, role: user.role as Role, requestId: "test" };
}

export function buildSource(db: Db, overrides: Partial<SourceInput> = {}, actor: Actor = systemActor("test")) {
  return inTransaction(db, (tx) =>
    createSource(tx, actor, { name: unique("Source "), kind: "outlet", reliability: "C", aliases: [], notes: "", ...overrides }),
  );
}

export function buildDocument(db: Db, overrides: Partial<DocumentInput> = {}, actor: Actor = systemActor("test")) {
  return inTransaction(db, (tx) => createDocument(tx, actor, { title: unique("Report "), language: "ar", text: "نص التقرير", ...overrides }));
}

export function buildClaim(db: Db, overrides: Partial<ClaimInput> = {}, actor: Actor = systemActor("test")) {
  return inTransaction(db, (tx) => createClaim(tx, actor, { text: unique("Claim "), language: "en", translation: "", tags: [], ...overrides }));
}

export function buildAttribution(db: Db, input: AttributionInput, actor: Actor = systemActor("test")) {
  return inTransaction(db, (tx) => recordAttribution(tx, actor, input));
}

export async function apiToken(db: Db, username: string): Promise<string> {
  const { token } = await inTransaction(db, (tx) => createToken(tx, systemActor("test"), username, "test"));
  return token;
}

/** Pull the CSRF token out of a rendered page. */
export function csrfFrom(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (!m) throw new Error("no CSRF token on the page");
  return m[1];
}

/** A supertest agent signed in as a new user of `role`; `csrf()` returns a fresh form token. */
export async function signedInAgent(ctx: TestContext, role: Role = "analyst") {
  const user = await buildUser(ctx.db, { role });
  const agent = request.agent(ctx.app);
  const login = await agent.get("/login");
  const res = await agent
    .post("/login")
    .type("form")
    .send({ _csrf: csrfFrom(login.text), username: user.username, password: PASSWORD });
  if (res.status !== 303) throw new Error(`login failed: ${res.status} ${res.text.slice(0, 200)}`);
  return {
    agent,
    user,
    async csrf(path = "/") {
      const page = await agent.get(path);
      return csrfFrom(page.text);
    },
  };
}

export async function auditCount(db: Db, where: Record<string, unknown> = {}): Promise<number> {
  return db.auditEvent.count({ where });
}
