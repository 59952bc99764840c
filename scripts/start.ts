/**
 * npm start — build if the sources changed, then serve the app (default http://localhost:3000), and keep
 * it served: when the server process dies it is started again after a short back-off (1 s, 2 s, 4 s …
 * up to 30 s), with a log line. A server that dies within 30 s of starting START_MAX_QUICK_FAILURES times
 * in a row (default 5: a port in use, a broken database URL) is not retried forever: npm start then
 * exits 1 with a message. SIGINT / SIGTERM stop the server and then npm start, cleanly.
 * Without DATABASE_URL the app uses the embedded database in ./data/pglite and loads the demo figures
 * on first start; migrations run at start either way.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { ensureBuild, nextBin } from "./lib/build";
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

let child: ChildProcess | null = null;
let stopping = false;
let quickFailures = 0;
let timer: NodeJS.Timeout | null = null;
const log = (line: string) => console.error(`[npm start ${new Date().toISOString()}] ${line}`);

function run(): void {
  const started = Date.now();
  child = spawn(
    process.execPath,
    [nextBin(), "start", "-p", port, ...(process.env.HOST ? ["-H", process.env.HOST] : [])],
    {
      stdio: "inherit",
      env: withHeapCap(),
    },
  );
  log(`Máy chủ đã khởi động (tiến trình ${child.pid}) / server started (process ${child.pid})`);
  child.on("exit", (code, signal) => {
    child = null;
    if (stopping) process.exit(0);
    const how = signal ? `tín hiệu ${signal} / signal ${signal}` : `mã ${code} / code ${code}`;
    quickFailures = Date.now() - started < QUICK_MS ? quickFailures + 1 : 0;
    if (quickFailures >= maxQuickFailures) {
      log(
        `Máy chủ dừng ngay sau khi khởi động ${quickFailures} lần liên tiếp (${how}); ngừng thử lại. Xem lỗi ở ` +
          `trên (cổng ${port} đang bận? cơ sở dữ liệu không kết nối được?). / ` +
          `The server stopped right after starting ${quickFailures} times in a row (${how}); giving up. See the ` +
          `errors above (port ${port} in use? database unreachable?).`,
      );
      process.exit(1);
    }
    const delay = Math.min(MAX_DELAY_MS, baseDelayMs * 2 ** Math.max(0, quickFailures - 1));
    log(
      `Máy chủ đã dừng bất thường (${how}); khởi động lại sau ${delay / 1000} giây. / The server stopped ` +
        `unexpectedly (${how}); restarting in ${delay / 1000} s.`,
    );
    timer = setTimeout(run, delay);
  });
}

for (const sig of ["SIGINT", "SIGTERM"] as const) {
  process.on(sig, () => {
    if (timer) clearTimeout(timer);
    if (!child) process.exit(0);
    if (stopping) {
      // A second signal: do not wait any longer.
      child.kill("SIGKILL");
      return;
    }
    stopping = true;
    log(`Đang dừng máy chủ (${sig}) / stopping the server (${sig})`);
    child.kill(sig);
  });
}

run();
