/**
 * A throwaway PostgreSQL cluster of its own (initdb + pg_ctl under a temporary folder, on its own port)
 * for tests that stop and start the server: the shared server is never touched. Runs the tools as the
 * `postgres` user when the tests run as root. `findPgBin()` is null when the tools are missing.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { spawnSync } from "node:child_process";

export function findPgBin(): string | null {
  const candidates = process.env.PG_BIN ? [process.env.PG_BIN] : [];
  try {
    for (const v of fs.readdirSync("/usr/lib/postgresql").sort().reverse())
      candidates.push(`/usr/lib/postgresql/${v}/bin`);
  } catch {
    /* not Debian's layout */
  }
  candidates.push("/usr/local/bin", "/usr/bin");
  return candidates.find((d) => fs.existsSync(path.join(d, "initdb")) && fs.existsSync(path.join(d, "pg_ctl"))) ?? null;
}

export interface TempPostgres {
  url: string;
  stop(): void;
  start(): void;
  /** Stop and delete the cluster. */
  remove(): void;
}

/** Run a PostgreSQL tool of `bin` (as `postgres` when we are root: the server refuses to run as root). */
function pgTool(bin: string, args: string[]): string {
  const cmd = [path.join(bin, args[0]), ...args.slice(1)].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
  const res =
    process.getuid?.() === 0
      ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", cmd], { encoding: "utf8" })
      : spawnSync("/bin/sh", ["-c", cmd], { encoding: "utf8" });
  if (res.status !== 0) throw new Error(`${args[0]} failed: ${res.stderr || res.stdout}`);
  return res.stdout;
}

/** A temporary folder the cluster's user may write to. */
function clusterRoot(prefix: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  if (process.getuid?.() === 0) spawnSync("chown", ["-R", "postgres:postgres", root]);
  return root;
}

function cluster(bin: string, root: string, port: number, extra: string[] = []): TempPostgres {
  const data = path.join(root, "data");
  const opts = [`-p ${port}`, `-k ${root}`, "-c listen_addresses=127.0.0.1", "-c fsync=off", ...extra].join(" ");
  const start = () => void pgTool(bin, ["pg_ctl", "-D", data, "-o", opts, "-l", path.join(root, "log"), "-w", "start"]);
  const stop = () => void pgTool(bin, ["pg_ctl", "-D", data, "-m", "fast", "-w", "stop"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    remove() {
      try {
        stop();
      } catch {
        /* already stopped, or never started */
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}

/**
 * A new cluster (initdb, trust authentication, listening on 127.0.0.1:`port`). initdb's defaults make it
 * a primary that can be replicated: wal_level=replica, max_wal_senders=10, replication allowed from 127.0.0.1.
 */
export function createTempPostgres(port: number, prefix = "dvcq-robust-pg-"): TempPostgres {
  const bin = findPgBin();
  if (!bin) throw new Error("initdb / pg_ctl not found");
  const root = clusterRoot(prefix);
  try {
    pgTool(bin, [
      "initdb",
      "-D",
      path.join(root, "data"),
      "-U",
      "postgres",
      "--auth=trust",
      "-E",
      "UTF8",
      "--locale=C.UTF-8",
    ]);
    return cluster(bin, root, port);
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
}

/** Whether `bin` also has pg_basebackup (a streaming replica can be made). */
export function hasBasebackup(bin: string): boolean {
  return fs.existsSync(path.join(bin, "pg_basebackup"));
}

/**
 * A hot-standby streaming replica of the server at 127.0.0.1:`sourcePort` (which must allow replication
 * connections from 127.0.0.1 for user postgres), on 127.0.0.1:`port`: `pg_basebackup -R` (the standby
 * signal and primary_conninfo) into a temporary folder, then `pg_ctl start`, which returns once the standby
 * accepts read-only connections.
 */
export function createStreamingReplica(sourcePort: number, port: number): TempPostgres {
  const bin = findPgBin();
  if (!bin || !hasBasebackup(bin)) throw new Error("pg_basebackup / pg_ctl not found");
  const root = clusterRoot("dvcq-rep-replica-");
  const data = path.join(root, "data");
  try {
    pgTool(bin, [
      "pg_basebackup",
      "-h",
      "127.0.0.1",
      "-p",
      String(sourcePort),
      "-U",
      "postgres",
      "-D",
      data,
      "-R",
      "-X",
      "stream",
      "-c",
      "fast",
    ]);
    // A Debian cluster keeps its configuration in /etc, outside the copied data folder.
    const conf = path.join(data, "postgresql.conf");
    if (!fs.existsSync(conf)) fs.writeFileSync(conf, "");
    const hba = path.join(data, "pg_hba.conf");
    if (!fs.existsSync(hba)) fs.writeFileSync(hba, "local all all trust\nhost all all 127.0.0.1/32 trust\n");
    if (process.getuid?.() === 0) spawnSync("chown", ["-R", "postgres:postgres", root]);
    return cluster(bin, root, port, ["-c hot_standby=on"]);
  } catch (err) {
    fs.rmSync(root, { recursive: true, force: true });
    throw err;
  }
}
