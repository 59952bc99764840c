/**
 * One server process of `npm start` (scripts/start.ts runs one per CPU): the built Next app behind Node's
 * HTTP server, as `next start` runs it, with the answer cache in front (scripts/lib/answer-cache.ts) on
 * PostgreSQL. PORT (default 3000) and HOST as `next start -p/-H`. Needs `next build` first.
 */
import { setMaxListeners } from "node:events";
import http from "node:http";

(process.env as Record<string, string>).NODE_ENV = "production";
process.env.NEXT_RUNTIME = "nodejs";
process.env.NEXT_TELEMETRY_DISABLED = "1";

const port = Number(process.env.PORT ?? 3000);
const hostname = process.env.HOST || undefined;

async function main() {
  const { default: next } = await import("next");
  const { createAnswerCache } = await import("./lib/answer-cache");
  const app = next({ dev: false, dir: process.cwd(), hostname: hostname ?? "localhost", port });
  const handle = app.getRequestHandler();
  await app.prepare();
  const answers = await createAnswerCache();
  const { withAbortSignal, currentAbortSignal } = await import("../db/abort");
  // A page whose client has gone fails on its cancelled query (57014): Next would log the stack of what no one
  // is waiting for (every abandoned prefetch). Not an error of the app: not logged.
  const cancelled = (e: unknown): boolean =>
    !!e &&
    typeof e === "object" &&
    ((e as { code?: unknown }).code === "57014" || cancelled((e as { cause?: unknown }).cause));
  const logError = console.error.bind(console);
  console.error = (...args: unknown[]) => {
    if (currentAbortSignal()?.aborted && args.some(cancelled)) return;
    logError(...args);
  };
  // A GET whose client goes away before its answer is complete cancels the queries it started (db/abort.ts),
  // pages included; a write is never cancelled halfway by a closed tab.
  const nextHandle = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (req.method !== "GET" && req.method !== "HEAD") return handle(req, res);
    const controller = new AbortController();
    setMaxListeners(0, controller.signal); // Next's own listeners on it, besides the queries' one (db/abort.ts)
    res.once("close", () => {
      if (!res.writableFinished) controller.abort();
    });
    return withAbortSignal(controller.signal, () => handle(req, res));
  };
  const server = http.createServer((req, res) => {
    const answered = answers ? answers.handle(req, res, nextHandle) : nextHandle(req, res);
    answered.catch((err) => {
      console.error(err);
      if (!res.headersSent) {
        res.statusCode = 500;
        res.end();
      } else res.destroy();
    });
  });
  // A port in use (or any failure to listen) ends the process: npm start sees it and says so.
  server.once("error", (err) => {
    console.error(`Không mở được cổng ${port} / cannot listen on port ${port}:`, err.message);
    process.exit(1);
  });
  server.listen(port, hostname, () => {
    console.log(
      `▲ Sẵn sàng / ready on http://${hostname ?? "localhost"}:${port}` +
        (answers ? " (bộ đệm câu trả lời / answer cache on)" : ""),
    );
  });
  const stop = () => {
    server.close();
    void answers?.close();
    setTimeout(() => process.exit(0), 2000).unref();
    void app.close().then(() => process.exit(0));
  };
  process.once("SIGTERM", stop);
  process.once("SIGINT", stop);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
