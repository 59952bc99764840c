/**
 * npm start — build if the sources changed, then serve the app (default http://localhost:3000), and keep
 * it served: when the server process dies it is started again after a short back-off (1 s, 2 s, 4 s …
 * up to 30 s), with a log line. A server that dies within 30 s of starting START_MAX_QUICK_FAILURES times
 * in a row (default 5: a port in use, a broken database URL) is not retried forever: npm start then
 * exits 1 with a message. SIGINT / SIGTERM stop the server and then npm start, cleanly.
 * Without DATABASE_URL the app uses the embedded database in ./data/pglite and loads the demo figures
 * on first start; migrations run at start either way.
 */
import cluster, { type Worker } from "node:cluster";
import os from "node:os";
import path from "node:path";
import { ensureBuild } from "./lib/build";
import { withHeapCap } from "./lib/heap";

process.env.NEXT_TELEMETRY_DISABLED = "1";
if (!ensureBuild()) {
  console.error("Dựng ứng dụng thất bại / the build failed.");
  process.exit(1);
}

const port = process.env.PORT ?? "3000";
const num = (v: string | undefined, d: number) => (Number.isFinite(Number(v)) && Number(v) > 0 ? Number(v) : d);
const maxQuickFailures = num(process.env.START_MAX_QUICK_FAILURES, 5);
const baseDelayMs = num(process.env.START_RESTART_DELAY_MS, 1000);
/** A run shorter than this counts as a crash at start. */
const QUICK_MS = 30_000;
const MAX_DELAY_MS = 30_000;

/**
 * Server processes: with PostgreSQL, WEB_CONCURRENCY of them (default: one per CPU, at most 8) share the
 * port through Node's cluster module, so the app uses every core; each holds nothing that matters (sessions,
 * locks, the result cache live in PostgreSQL). The embedded PGlite database serves one process: one.
 */
const cpus = Math.min(8, os.availableParallelism());
const workers = process.env.DATABASE_URL?.trim() ? num(process.env.WEB_CONCURRENCY, cpus) : 1;
// Each runs scripts/server.ts (Next's server with the answer cache in front), under tsx as this script is.
cluster.setupPrimary({ exec: path.join(import.meta.dirname, "server.ts") });

const children = new Map<number, Worker>();
let stopping = false;
let quickFailures = 0;
const timers = new Set<NodeJS.Timeout>();
const log = (line: string) => console.error(`[npm start ${new Date().toISOString()}] ${line}`);

function run(slot: number): void {
  const started = Date.now();
  const child = cluster.fork(withHeapCap());
  children.set(slot, child);
  const pid = child.process.pid;
  log(`Máy chủ đã khởi động (tiến trình ${pid}) / server started (process ${pid})`);
  child.on("exit", (code, signal) => {
    children.delete(slot);
    if (stopping) {
      if (children.size === 0) process.exit(0);
      return;
    }
    const how = signal ? `tín hiệu ${signal} / signal ${signal}` : `mã ${code} / code ${code}`;
    quickFailures = Date.now() - started < QUICK_MS ? quickFailures + 1 : 0;
    if (quickFailures >= maxQuickFailures) {
      log(
        `Máy chủ dừng ngay sau khi khởi động ${quickFailures} lần liên tiếp (${how}); ngừng thử lại. Xem lỗi ở ` +
          `trên (cổng ${port} đang bận? cơ sở dữ liệu không kết nối được?). / ` +
          `The server stopped right after starting ${quickFailures} times in a row (${how}); giving up. See the ` +
          `errors above (port ${port} in use? database unreachable?).`,
      );
      stopping = true;
      for (const c of children.values()) c.process.kill("SIGTERM");
      process.exitCode = 1;
      if (children.size === 0) process.exit(1);
      return;
    }
    const delay = Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** Math.max(0, quickFailures - 1));
    log(
      `Máy chủ đã dừng bất thường (${how}); khởi động lại sau ${delay / 1000} giây. / The server stopped ` +
        `unexpectedly (${how}); restarting in ${delay / 1000} s.`,
    );
    const timer = setTimeout(() => {
      timers.delete(timer);
      run(slot);
    }, delay);
    timers.add(timer);
  });
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    for (const t of timers) clearTimeout(t);
    if (children.size === 0) process.exit(process.exitCode ?? 0);
    if (stopping) {
      // A second signal: do not wait any longer.
      for (const c of children.values()) c.process.kill("SIGKILL");
      return;
    }
    stopping = true;
    log(`Đang dừng máy chủ (${sig}) / stopping the server (${sig})`);
    for (const c of children.values()) c.process.kill(sig);
  });
}

if (workers > 1)
  log(`${workers} tiến trình phục vụ cùng cổng ${port} / ${workers} server processes share port ${port}`);
for (let slot = 0; slot < workers; slot++) run(slot);
