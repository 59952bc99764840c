/**
 * The built app's production server (scripts/server.ts, as `npm start`'s workers run it) started by a test on
 * a port of its own, its output kept for the failure message; and the one polling helper those tests wait with.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { serverCommand } from "./build";
import { withHeapCap } from "./heap";

export interface BuiltServer {
  proc: ChildProcess;
  /** http://127.0.0.1:port */
  base: string;
  /** Everything the server printed so far (stdout and stderr). */
  log(): string;
  /** Waits until GET /login answers 200 (the database opened, migrated and seeded). */
  waitUntilUp(ms?: number): Promise<void>;
  /** SIGTERM, then SIGKILL if it has not exited within 10 s. */
  stop(): Promise<void>;
}

export function startBuiltServer(port: number, env: Record<string, string>): BuiltServer {
  const proc = spawn(process.execPath, serverCommand(), {
    env: withHeapCap({
      ...process.env,
      PORT: String(port),
      HOST: "127.0.0.1",
      NEXT_TELEMETRY_DISABLED: "1",
      ...env,
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  proc.stdout!.on("data", (d) => (log += d));
  proc.stderr!.on("data", (d) => (log += d));
  const base = `http://127.0.0.1:${port}`;
  return {
    proc,
    base,
    log: () => log,
    waitUntilUp: (ms = 240_000) =>
      until(
        `the server on port ${port}`,
        async () => {
          if (proc.exitCode !== null)
            throw new ServerExited(`the server exited (${proc.exitCode})\n${log.slice(-3000)}`);
          return (await fetch(`${base}/login`)).status === 200 ? true : null;
        },
        ms,
        () => log,
      ).then(() => undefined),
    stop: async () => {
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise((r) => proc.once("exit", r));
      proc.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (proc.exitCode === null && proc.signalCode === null) proc.kill("SIGKILL");
    },
  };
}

/** Thrown by a probe of `until` to stop waiting at once (the thing waited for can no longer come). */
export class ServerExited extends Error {}

/**
 * Calls `get` every `everyMs` until it gives something other than null (a probe that throws counts as "not
 * yet", except ServerExited); after `ms`, fails with `what` and the end of `log`.
 */
export async function until<T>(
  what: string,
  get: () => Promise<T | null>,
  ms = 120_000,
  log: () => string = () => "",
  everyMs = 300,
): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await get().catch((e: unknown) => {
      if (e instanceof ServerExited) throw e;
      return null;
    });
    if (v !== null) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}\n${log().slice(-3000)}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
