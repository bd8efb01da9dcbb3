/**
 * `npm run demo`: a fresh demo database with the two seed reports of the acceptance story,
 * three users (admin, analyst, reviewer), and the server running on it.
 *
 *   DEMO_DATABASE_URL  where the demo database lives (default file:./data/demo.db); it is deleted and recreated
 *   DEMO_PASSWORD      the users' password (default: random per run, printed)
 *   PORT, HOST         as for `npm start`
 */
import { randomBytes } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { databasePath, demoConfig } from "../config.ts";
import { inTransaction, openDatabase } from "../db/client.ts";
import { systemActor, type Role } from "../domain/actor.ts";
import { importBundle } from "../domain/bundle/import-bundle.ts";
import { createUser, MIN_PASSWORD_LENGTH } from "../domain/users/create-user.ts";
import { hashPassword } from "../domain/users/passwords.ts";
import { startServer } from "../server.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const SEED_BUNDLE = join(root, "demo/seed-bundle.json");
const USERS: { username: string; role: Role; displayName: string }[] = [
  { username: "admin", role: "admin", displayName: "Demo admin" },
  { username: "analyst", role: "analyst", displayName: "Demo analyst" },
  { username: "reviewer", role: "reviewer", displayName: "Demo reviewer" },
];

async function main(): Promise<void> {
  const demo = demoConfig();
  const url = demo.databaseUrl;
  const demoFile = resolve(databasePath(url));
  // The demo deletes its database: never let it point at the real one.
  if (demo.appDatabaseUrl && resolve(databasePath(demo.appDatabaseUrl)) === demoFile) {
    throw new Error(`DEMO_DATABASE_URL (${url}) is the same file as DATABASE_URL; the demo deletes its database, so choose another file.`);
  }
  const password = demo.password ?? randomBytes(12).toString("base64url");
  if (password.length < MIN_PASSWORD_LENGTH) throw new Error(`DEMO_PASSWORD must be at least ${MIN_PASSWORD_LENGTH} characters.`);

  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${demoFile}${suffix}`, { force: true });
  const db = await openDatabase(`file:${demoFile}`);
  try {
    const actor = systemActor("demo", "demo-setup");
    const result = await importBundle(db, actor, JSON.parse(readFileSync(SEED_BUNDLE, "utf8")));
    const hash = await hashPassword(password);
    await inTransaction(db, async (tx) => {
      for (const u of USERS) await createUser(tx, actor, { ...u, password }, hash);
    });
    console.log(
      `Demo database ${demoFile}: ${result.sources.created} sources, ${result.documents.created} documents, ` +
        `${result.claims.created} claims, ${result.attributions.created} attributions, ${result.conflictsOpened} conflict(s) found.`,
    );
  } finally {
    await db.$disconnect();
  }

  const { server, config } = await startServer({ DATABASE_URL: `file:${demoFile}` });
  if (!server.listening) await new Promise((ok) => server.once("listening", ok));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : config.PORT;
  const host = config.HOST === "0.0.0.0" || config.HOST === "::" ? "localhost" : config.HOST;
  console.log(`
Crosscheck demo running at http://${host}:${port}/

Sign in at http://${host}:${port}/login as one of:
${USERS.map((u) => `  ${u.username.padEnd(9)} (${u.role})`).join("\n")}
with the password:  ${password}

Start with Conflicts: the SDF media centre asserts, and the Iraqi army denies, the joint
border-coordination centre. Press Ctrl-C to stop (the demo database is recreated on each run).`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
