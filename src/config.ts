/**
 * Configuration, parsed once from the environment with zod. Fails fast with a message that
 * says which variable is wrong and how to fix it. This is the only module that reads
 * `process.env` (lint holds it): modules that need a setting before the app's config exists
 * (the logger, the template cache, password hashing, the encoder switch) ask `configValue`.
 */
import { availableParallelism } from "node:os";
import { z } from "zod";

/** Worker threads for model work by default: one per core, at most 4 (each loads its own sentence encoder, ~150 MB). */
export const DEFAULT_WORKER_THREADS = Math.max(1, Math.min(4, availableParallelism()));

const schema = z.object({
  NODE_ENV: z.enum(["development", "test", "production"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("127.0.0.1"),
  DATABASE_URL: z
    .string()
    .regex(
      /^(file:|postgres(ql)?:\/\/)/,
      'DATABASE_URL must be a SQLite file URL such as "file:./data/crosscheck.db" or a PostgreSQL URL such as "postgresql://user:password@host:5432/crosscheck"',
    )
    .default("file:./data/crosscheck.db"),
  /** Secret for signing session cookies. Generated per process when unset (sessions then end on restart). */
  SESSION_SECRET: z.string().min(32, "SESSION_SECRET must be at least 32 characters").optional(),
  /** Set to "true" behind TLS so cookies get the Secure flag and the __Host- prefix. */
  SECURE_COOKIES: z.enum(["true", "false"]).default("false"),
  /** Trust X-Forwarded-* from one reverse proxy (only when one is in front). */
  TRUST_PROXY: z.enum(["true", "false"]).default("false"),
  /** Unset: "info", or "silent" when NODE_ENV=test (see `logLevel`). */
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).optional(),
  /** Base URL written into exports (ClaimReview `url`, STIX links); unset: the request's own host. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: "PUBLIC_URL must be an http(s) URL such as https://crosscheck.example.org" }).optional(),
  /** Idle session timeout in minutes (ASVS: 30). */
  SESSION_IDLE_MINUTES: z.coerce.number().int().min(1).default(30),
  /** Absolute session lifetime in hours (ASVS: 12). */
  SESSION_MAX_HOURS: z.coerce.number().int().min(1).default(12),
  /** Ed25519 private key that signs audit checkpoints; kept outside the database (created 0400 on first use). */
  AUDIT_KEY_FILE: z.string().min(1).default("./keys/audit-ed25519.pem"),
  /** Requests served at once; beyond this the server answers 503 + Retry-After at once (load shedding). */
  MAX_IN_FLIGHT: z.coerce.number().int().min(1).default(128),
  /** A request that reaches the app after the server has been busy without a break for this long is answered 503 + Retry-After at once (0: never). */
  MAX_QUEUE_MS: z.coerce.number().int().min(0).default(1000),
  /** Login attempts allowed per account+address in 15 minutes. */
  LOGIN_MAX_ATTEMPTS: z.coerce.number().int().min(1).default(5),
  /** "off" ranks matches by words alone (no sentence encoder loaded: ~150 MB less memory). */
  SENTENCE_ENCODER: z.enum(["on", "off"]).default("on"),
  /**
   * Interface language when nothing else decides: the CLI's messages, and pages for a browser
   * whose Accept-Language names neither Arabic nor English. Unset: the CLI follows LANG, pages English.
   */
  /**
   * Tests only: a PostgreSQL server URL (its database is used as the admin connection). Set, the
   * test helpers give each test file its own database on that server instead of a SQLite file;
   * `TEST_DB=postgres` makes the vitest global setup start a throwaway cluster and set it.
   */
  TEST_DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "TEST_DATABASE_URL must be a postgresql:// URL")
    .optional(),
  CROSSCHECK_LANG: z.enum(["en", "ar"], { error: 'CROSSCHECK_LANG must be "en" or "ar"' }).optional(),
  /**
   * Worker threads that run model work (embedding, extraction, matching, re-analysis) off the
   * event loop; 0 runs it on the main thread (as before: a save's embedding then blocks
   * every other request while it runs).
   */
  WORKER_THREADS: z.coerce
    .number()
    .int("WORKER_THREADS must be a whole number (0 runs model work on the main thread)")
    .min(0)
    .max(64)
    .default(DEFAULT_WORKER_THREADS),
  /** Suggestions on one page of a document's review (a page always holds whole groups of linked suggestions, so it may hold more). */
  REVIEW_PAGE_SIZE: z.coerce.number().int("REVIEW_PAGE_SIZE must be a whole number").min(1).max(1000).default(25),
  /** How long the review page waits for a document's suggestions before it shows their progress instead (ms). */
  REVIEW_WAIT_MS: z.coerce.number().int("REVIEW_WAIT_MS must be a whole number of milliseconds").min(0).max(60_000).default(1500),
  /** Benchmarks only: a file to which each write transaction's writer-hold time (ms) is appended (src/db/tx-timings.ts). */
  CROSSCHECK_TX_TIMINGS: z.string().min(1).optional(),
});

export type Config = Omit<z.infer<typeof schema>, "LOG_LEVEL"> & { LOG_LEVEL: LogLevel };
type LogLevel = NonNullable<z.infer<typeof schema>["LOG_LEVEL"]>;
type Env = Partial<Record<string, string | undefined>>;

function invalid(issues: z.core.$ZodIssue[], path: string[] = []): Error {
  const lines = issues.map((i) => `  ${[...path, ...i.path].join(".")}: ${i.message}`);
  return new Error(`Invalid configuration:\n${lines.join("\n")}`);
}

/** The whole configuration from `env` (the process environment by default); throws on a bad value. */
export function loadConfig(env: Env = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return { ...parsed.data, LOG_LEVEL: parsed.data.LOG_LEVEL ?? defaultLogLevel(parsed.data.NODE_ENV === "test") };
}

/** The configuration from the process environment with some variables replaced (the server, the demo). */
export function loadConfigWith(overrides: Env): Config {
  return loadConfig({ ...process.env, ...overrides });
}

/**
 * One variable, parsed by the same rule (and refused with the same message) as in `loadConfig`,
 * for modules that need it before or without the whole configuration.
 */
export function configValue<K extends keyof z.infer<typeof schema>>(key: K, env: Env = process.env): z.infer<typeof schema>[K] {
  const parsed = schema.shape[key].safeParse(env[key]);
  if (!parsed.success) throw invalid(parsed.error.issues, [key]);
  return parsed.data as z.infer<typeof schema>[K];
}

/** NODE_ENV as set, or undefined when unset (no default): only an explicit "development" reloads templates. */
export function nodeEnvAsSet(env: Env = process.env): Config["NODE_ENV"] | undefined {
  return env.NODE_ENV === undefined || env.NODE_ENV === "" ? undefined : configValue("NODE_ENV", env);
}

function defaultLogLevel(testing: boolean): LogLevel {
  return testing ? "silent" : "info";
}

/** The logger's level: LOG_LEVEL, else "info" ("silent" under NODE_ENV=test). */
export function logLevel(env: Env = process.env): LogLevel {
  return configValue("LOG_LEVEL", env) ?? defaultLogLevel(nodeEnvAsSet(env) === "test");
}

/** The variables that choose the CLI's language (CROSSCHECK_LANG, LC_ALL, LC_MESSAGES, LANG), as set. */
export function localeVariables(env: Env = process.env): Env {
  return { CROSSCHECK_LANG: env.CROSSCHECK_LANG, LC_ALL: env.LC_ALL, LC_MESSAGES: env.LC_MESSAGES, LANG: env.LANG };
}

/** The OS user's name from the environment, for the CLI's audit actor when the OS does not say. */
export function osUserFromEnv(env: Env = process.env): string | undefined {
  return env.USER || env.USERNAME || undefined;
}

const demoSchema = z.object({
  /** The demo's own database (deleted and re-seeded on every `npm run demo`). */
  DEMO_DATABASE_URL: schema.shape.DATABASE_URL.default("file:./data/demo.db"),
  /** The demo users' password; unset: a random one, printed. */
  DEMO_PASSWORD: z.string().optional(),
});

/** `npm run demo`'s settings, and the app's DATABASE_URL as set (undefined when unset) so the demo never deletes it. */
export function demoConfig(env: Env = process.env): { databaseUrl: string; password?: string; appDatabaseUrl?: string } {
  const parsed = demoSchema.safeParse(env);
  if (!parsed.success) throw invalid(parsed.error.issues);
  return { databaseUrl: parsed.data.DEMO_DATABASE_URL, password: parsed.data.DEMO_PASSWORD, appDatabaseUrl: env.DATABASE_URL || undefined };
}

/** Which database a URL names: the embedded SQLite file (default) or a PostgreSQL server. */
export type Dialect = "sqlite" | "postgres";
export function databaseDialect(url: string): Dialect {
  return /^postgres(ql)?:\/\//.test(url) ? "postgres" : "sqlite";
}

/** Path of the SQLite file named by a `file:` URL. */
export function databasePath(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}
