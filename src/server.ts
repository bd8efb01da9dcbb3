/** Starts the HTTP server: parse config, open (and migrate) the database, listen. */
import { createApp } from "./app.ts";
import { loadConfigWith } from "./config.ts";
import { openDatabase } from "./db/client.ts";
import { PrismaSessionStore } from "./http/session-store.ts";
import { logger } from "./logger.ts";
import { loadOrCreateKey } from "./audit/checkpoint.ts";
import { sealAudit, sealDue } from "./domain/audit/seal-audit.ts";
import { sentenceEncoder, setSentenceEncoderEnabled } from "./encoder/sentence-encoder.ts";
import { closeModelPool, modelPool, setWorkerThreads } from "./workers/model-pool.ts";

export async function startServer(overrides: Partial<NodeJS.ProcessEnv> = {}) {
  const config = loadConfigWith(overrides);
  const db = await openDatabase(config.DATABASE_URL);
  setSentenceEncoderEnabled(config.SENTENCE_ENCODER === "on");
  setWorkerThreads(config.WORKER_THREADS);
  // load the encoder now (in a worker thread, or here with WORKER_THREADS=0) rather than on
  // the first claim save; a failure is logged there
  if (config.SENTENCE_ENCODER === "on") {
    const pool = modelPool();
    void (pool ? pool.run("embed", { texts: ["warm up"] }) : sentenceEncoder()).catch(() => undefined);
  }
  const app = createApp({ db, config });
  const server = app.listen(config.PORT, config.HOST, () => {
    logger.info(`Crosscheck listening on http://${config.HOST}:${config.PORT} (database ${config.DATABASE_URL})`);
  });
  // Slow clients cannot hold connections open forever (slowloris).
  server.headersTimeout = 31_000;
  server.requestTimeout = 60_000;
  // Longer than the SQLite busy timeout: better-sqlite3 waits out a lock synchronously, and
  // keep-alive sockets that went idle meanwhile must not be closed under requests already
  // sent on them (clients saw ECONNRESET instead of 503; found by the BUSY-storm test).
  server.keepAliveTimeout = 30_000;
  const prune = setInterval(() => void new PrismaSessionStore(db, 0).prune().catch(() => undefined), 10 * 60_000);
  prune.unref();
  // Seal the audit trail with a signed checkpoint every 100 events or 5 minutes (when new events exist).
  const auditKey = loadOrCreateKey(config.AUDIT_KEY_FILE);
  const seal = setInterval(() => {
    void sealDue(db)
      .then((due) => (due ? sealAudit(db, auditKey) : null))
      .catch((err: unknown) => logger.warn({ err }, "audit sealing failed; will retry"));
  }, 30_000);
  seal.unref();
  const stop = async () => {
    clearInterval(prune);
    clearInterval(seal);
    server.close();
    await closeModelPool();
    await db.$disconnect();
    process.exit(0);
  };
  process.once("SIGINT", () => void stop());
  process.once("SIGTERM", () => void stop());
  return { server, db, config };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  startServer().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
