/**
 * A throwaway PostgreSQL 15 cluster for tests and benchmarks: `initdb` in a temporary folder,
 * `pg_ctl start` on a free port (localhost and a socket in that folder, trust auth, fsync off —
 * the data is thrown away), and `stop()` removes it all. initdb refuses to run as root (CI runs
 * as root), so as root the cluster belongs to the `postgres` system user (or `nobody`).
 *
 *   npx tsx scripts/pg-test-server.ts     # starts one, prints its URL, stops on Ctrl-C
 *
 * The vitest global setup (test/pg-global-setup.ts) uses it when TEST_DB=postgres.
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export interface PgCluster {
  url: string;
  port: number;
  dir: string;
  stop(): void;
}

function binDir(): string {
  for (const d of ["/usr/lib/postgresql/15/bin", "/usr/lib/postgresql/16/bin", "/usr/lib/postgresql/17/bin"]) if (existsSync(join(d, "initdb"))) return d;
  return ""; // on PATH
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** As root: the uid/gid of a system user PostgreSQL may run as. */
function runAs(): { user: string; uid: number; gid: number } | null {
  if (process.getuid?.() !== 0) return null;
  for (const user of ["postgres", "nobody"]) {
    const r = spawnSync("id", ["-u", user], { encoding: "utf8" });
    if (r.status === 0) {
      const gid = Number(spawnSync("id", ["-g", user], { encoding: "utf8" }).stdout.trim());
      return { user, uid: Number(r.stdout.trim()), gid };
    }
  }
  throw new Error("running as root and neither a postgres nor a nobody user exists: initdb refuses root");
}

export async function startCluster(): Promise<PgCluster> {
  const bin = binDir();
  const tool = (name: string) => (bin ? join(bin, name) : name);
  const owner = runAs();
  const dir = mkdtempSync(join(tmpdir(), "crosscheck-pg-"));
  chmodSync(dir, 0o700);
  if (owner) chownSync(dir, owner.uid, owner.gid);
  const data = join(dir, "data");
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = owner ? ["runuser", ["-u", owner.user, "--", cmd, ...args]] : [cmd, args];
    execFileSync(file, argv, { stdio: ["ignore", "pipe", "pipe"], cwd: dir });
  };
  run(tool("initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C", "--no-sync"]);
  const port = await freePort();
  const opts = [
    `-p ${port}`,
    `-k ${dir}`,
    "-c listen_addresses=127.0.0.1",
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=400",
    "-c shared_buffers=64MB",
  ].join(" ");
  run(tool("pg_ctl"), ["-D", data, "-l", join(dir, "log"), "-o", opts, "-w", "-t", "60", "start"]);
  const url = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  let stopped = false;
  return {
    url,
    port,
    dir,
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        run(tool("pg_ctl"), ["-D", data, "-m", "immediate", "-w", "stop"]);
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const cluster = await startCluster();
  console.log(cluster.url);
  const stop = () => {
    cluster.stop();
    process.exit(0);
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  setInterval(() => {}, 1 << 30);
}
