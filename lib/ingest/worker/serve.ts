/**
 * The parsing worker: runs `ingest` on bytes pulled from the request thread, or reads a narrative
 * report file (extractText + parseReport), one job at a time. It lives in a worker thread with its own
 * heap cap (pool.ts), so an upload that exhausts memory here ends this thread, not the server.
 */
import { parentPort } from "node:worker_threads";
import { AppError } from "../../errors";
import { ingest } from "../ingest";
import { extractText } from "../../reports/extract";
import { parseReport, type ParsedReport } from "../../reports/parse";
import type { FromWorker, ToWorker, WireError } from "./protocol";

const port = parentPort!;
const inbox: ToWorker[] = [];
let waiting: ((m: ToWorker) => void) | null = null;
const post = (m: FromWorker) => port.postMessage(m);

function next(): Promise<ToWorker> {
  const m = inbox.shift();
  if (m) return Promise.resolve(m);
  return new Promise((resolve) => (waiting = resolve));
}

port.on("message", (m: ToWorker) => {
  if (waiting) {
    const w = waiting;
    waiting = null;
    w(m);
  } else inbox.push(m);
});

async function* pull(): AsyncGenerator<Uint8Array> {
  for (;;) {
    post({ type: "pull" });
    const m = await next();
    if (m.type !== "chunk" || m.bytes === null) return;
    yield m.bytes;
  }
}

function wire(e: unknown): WireError {
  if (e instanceof AppError)
    return { app: true, code: e.code, messageVi: e.messageVi, messageEn: e.messageEn, status: e.status };
  return e instanceof Error ? { app: false, message: e.message, stack: e.stack } : { app: false, message: String(e) };
}

async function serve(): Promise<void> {
  post({ type: "ready" });
  for (;;) {
    const job = await next();
    if (job.type === "report") {
      try {
        const extracted = await extractText(job.bytes, job.fileName);
        let parsed: ParsedReport | null = null;
        try {
          parsed = parseReport(extracted.text);
        } catch {
          parsed = null;
        }
        post({ type: "report", extracted, parsed });
      } catch (e) {
        post({ type: "error", error: wire(e) });
      }
      continue;
    }
    if (job.type !== "job") continue;
    try {
      const summary = await ingest(pull(), job.ctx, {
        ...job.options,
        onValues: async (batch) => {
          post({ type: "values", batch });
          await next();
        },
      });
      post({ type: "done", summary });
    } catch (e) {
      post({ type: "error", error: wire(e) });
    }
  }
}

void serve();
