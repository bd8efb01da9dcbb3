/**
 * Configuration, parsed once from the environment with zod. Fails fast with a message that
 * says which variable is wrong and how to fix it.
 */
import { z } from "zod";

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
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
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
  TEST_DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, "TEST_DATABASE_URL must be a postgresql:// URL").optional(),
  CROSSCHECK_LANG: z.enum(["en", "ar"], { error: 'CROSSCHECK_LANG must be "en" or "ar"' }).optional(),
});

export type Config = z.infer<typeof schema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join("\n")}`);
  }
  return parsed.data;
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
