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

export function createTempPostgres(port: number): TempPostgres {
  const bin = findPgBin();
  if (!bin) throw new Error("initdb / pg_ctl not found");
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "dvcq-robust-pg-"));
  const data = path.join(root, "data");
  const asRoot = process.getuid?.() === 0;
  if (asRoot) spawnSync("chown", ["-R", "postgres:postgres", root]);
  const run = (args: string[]) => {
    const cmd = [path.join(bin, args[0]), ...args.slice(1)].map((a) => `'${a.replace(/'/g, "'\\''")}'`).join(" ");
    const res = asRoot
      ? spawnSync("su", ["postgres", "-s", "/bin/sh", "-c", cmd], { encoding: "utf8" })
      : spawnSync("/bin/sh", ["-c", cmd], { encoding: "utf8" });
    if (res.status !== 0) throw new Error(`${args[0]} failed: ${res.stderr || res.stdout}`);
  };
  run(["initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8"]);
  const opts = `-p ${port} -k ${root} -c listen_addresses=127.0.0.1 -c fsync=off`;
  const start = () => run(["pg_ctl", "-D", data, "-o", opts, "-l", path.join(root, "log"), "-w", "start"]);
  const stop = () => run(["pg_ctl", "-D", data, "-m", "fast", "-w", "stop"]);
  start();
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    start,
    stop,
    remove() {
      try {
        stop();
      } catch {
        /* already stopped */
      }
      fs.rmSync(root, { recursive: true, force: true });
    },
  };
}
