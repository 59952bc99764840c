/**
 * Parsing of uploads away from the request thread: `ingestIsolated` has the signature of `ingest`, but
 * the bytes are decoded, parsed and validated in a worker thread with its own heap cap; narrative report
 * files (`readReportIsolated`) are read by the same workers. An upload that
 * gets past the parsers' limits and exhausts that heap fails alone with `too_large` (413); the server
 * keeps serving. A few workers are kept warm and reused; at most `IMPORT_WORKERS` (default 2) parse at
 * once, further uploads wait their turn.
 */
import path from "node:path";
import { Worker } from "node:worker_threads";
import { AppError, isErrorCode } from "../../errors";
import type { IngestInput } from "../ingest";
import type { IngestContext, IngestOptions, IngestSummary } from "../types";
import type { ExtractedText } from "../../reports/extract";
import type { ParsedReport } from "../../reports/parse";
import type { FromWorker, ToWorker, WireError } from "./protocol";

/** Heap of one parsing worker (MB); IMPORT_WORKER_HEAP_MB overrides. */
export function workerHeapMb(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.IMPORT_WORKER_HEAP_MB);
  return Number.isFinite(n) && n >= 32 ? n : 256;
}

function maxWorkers(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.IMPORT_WORKERS);
  return Number.isInteger(n) && n >= 1 ? n : 2;
}

/**
 * Resolved at run time from the working directory (the project root for `npm start`, tests and scripts).
 * Built from an array so that Next's bundler does not follow it: the worker must load the file itself,
 * not a bundled copy of it.
 */
const ENTRY_PARTS = ["lib", "ingest", "worker", "entry.mjs"];
const ENTRY = () => [process.cwd(), ...ENTRY_PARTS].join(path.sep);

interface Slot {
  worker: Worker;
  heapMb: number;
  ready: Promise<void>;
  /** Set when the thread ended; the job in progress (if any) is failed with it. */
  onExit: ((err: Error | null) => void) | null;
  dead: boolean;
}

const idle: Slot[] = [];
let busy = 0;
const queue: (() => void)[] = [];

function spawn(heapMb: number): Slot {
  const worker = new Worker(/* turbopackIgnore: true */ ENTRY(), {
    resourceLimits: { maxOldGenerationSizeMb: heapMb, maxYoungGenerationSizeMb: 32, stackSizeMb: 4 },
    stdout: false,
    stderr: false,
  });
  const slot: Slot = { worker, heapMb, ready: Promise.resolve(), onExit: null, dead: false };
  let lastError: Error | null = null;
  slot.ready = new Promise<void>((resolve, reject) => {
    const first = (m: FromWorker) => {
      if (m.type === "ready") {
        worker.off("message", first);
        resolve();
      }
    };
    worker.on("message", first);
    slot.onExit = (err) => reject(err ?? new Error("parsing worker exited before it was ready"));
  });
  slot.ready.catch(() => {});
  worker.on("error", (err) => {
    lastError = err;
  });
  worker.on("exit", () => {
    slot.dead = true;
    const i = idle.indexOf(slot);
    if (i >= 0) idle.splice(i, 1);
    slot.onExit?.(lastError);
  });
  return slot;
}

async function acquire(heapMb: number): Promise<Slot> {
  while (busy >= maxWorkers()) await new Promise<void>((resolve) => queue.push(resolve));
  busy++;
  for (let s = idle.pop(); s; s = idle.pop()) {
    if (!s.dead && s.heapMb === heapMb) return s;
    void s.worker.terminate();
  }
  return spawn(heapMb);
}

function release(slot: Slot, reusable: boolean): void {
  busy--;
  slot.onExit = null;
  if (reusable && !slot.dead && idle.length < maxWorkers()) {
    // An idle worker must not keep a command-line process alive.
    slot.worker.unref();
    idle.push(slot);
  } else void slot.worker.terminate();
  queue.shift()?.();
}

function fromWire(e: WireError): Error {
  if (e.app) {
    if (isErrorCode(e.code)) return new AppError(e.code, e.messageVi, e.messageEn);
    return new Error(`${e.code}: ${e.messageEn}`);
  }
  const err = new Error(e.message);
  if (e.stack) err.stack = e.stack;
  return err;
}

/** What the worker was reading when it failed: the refusal names the right remedy. */
export type WorkerJobKind = "import" | "report";

/** The refusal when the worker ran out of memory or died. */
export function workerFailed(err: Error | null, heapMb: number, kind: WorkerJobKind = "import"): AppError {
  const oom = (err as NodeJS.ErrnoException | null)?.code === "ERR_WORKER_OUT_OF_MEMORY";
  if (kind === "report") {
    if (oom)
      return new AppError(
        "too_large",
        `Tệp báo cáo cần nhiều bộ nhớ hơn giới hạn ${heapMb} MB dành cho việc đọc một tệp (tệp có thể bị hỏng ` +
          `hoặc chứa nội dung nén quá lớn), nên không đọc được; chưa lưu gì. Hãy mở tệp bằng Word, lưu lại ` +
          `(hoặc xuất ra PDF/.docx mới) rồi tải lên lần nữa.`,
        `Reading the report needs more than the ${heapMb} MB of memory allowed for one file (it may be damaged ` +
          `or hold hugely compressed content), so it was not read; nothing was stored. Open it in Word, save ` +
          `it again (or export a new PDF/.docx) and upload it again.`,
      );
    return new AppError(
      "file_unreadable",
      "Trình đọc tệp gặp lỗi khi đọc tệp báo cáo này, chưa lưu gì. Hãy mở tệp bằng Word, lưu lại rồi tải lên " +
        "lần nữa; nếu vẫn lỗi, báo cho quản trị viên.",
      "The file reader failed on this report file; nothing was stored. Open it in Word, save it again and " +
        "upload it again; if it persists, tell the administrator.",
    );
  }
  if (oom) {
    return new AppError(
      "too_large",
      `Tệp cần nhiều bộ nhớ hơn giới hạn ${heapMb} MB dành cho việc đọc một tệp, nên không đọc được; chưa ghi ` +
        `gì. Hãy chia tệp thành nhiều tệp nhỏ hơn (ví dụ theo quý hoặc theo xã) hoặc lưu thành CSV rồi tải lên lại.`,
      `Reading the file needs more than the ${heapMb} MB of memory allowed for one file, so it was not read; ` +
        `nothing was written. Split it into smaller files (e.g. by quarter or commune) or save it as CSV and upload again.`,
    );
  }
  return new AppError(
    "upload_unreadable",
    "Trình đọc tệp gặp lỗi khi đọc tệp này, chưa ghi gì. Hãy kiểm tra tệp (mở và lưu lại bằng Excel, hoặc lưu " +
      "thành CSV) rồi tải lên lại; nếu vẫn lỗi, báo cho quản trị viên.",
    "The file reader failed on this file; nothing was written. Check the file (open and save it again in Excel, " +
      "or save it as CSV) and upload again; if it persists, tell the administrator.",
  );
}

/** Longest a report file may take to read in the worker (ms); REPORT_WORKER_TIMEOUT_MS overrides. */
export function reportWorkerTimeoutMs(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.REPORT_WORKER_TIMEOUT_MS);
  return Number.isFinite(n) && n >= 100 ? n : 60_000;
}

/** The refusal of a report file that took longer than its time to read (the worker is ended). */
export function workerTimedOut(ms: number): AppError {
  const s = String(Math.round(ms / 100) / 10);
  return new AppError(
    "too_large",
    `Đọc tệp báo cáo mất quá ${s.replace(".", ",")} giây (tệp quá lớn, quá phức tạp hoặc bị hỏng), nên đã dừng; ` +
      `chưa lưu gì. Hãy mở tệp bằng Word, lưu lại hoặc bỏ bớt hình ảnh, bảng lớn rồi tải lên lần nữa.`,
    `Reading the report took longer than ${s} s (too large, too complex or damaged), so it was stopped; ` +
      `nothing was stored. Open it in Word, save it again or remove large images and tables, and upload it again.`,
  );
}

/**
 * One job on a worker of the pool: `start` is posted, each message goes to `handle` (which answers
 * `{ done }` to finish), and a worker that dies or runs past `timeoutMs` fails the job with the
 * refusal of its kind. A worker is reused only after a job that finished normally.
 */
async function runOnWorker<T>(
  kind: WorkerJobKind,
  start: ToWorker,
  handle: (m: FromWorker, send: (m: ToWorker) => void) => Promise<{ done: T } | null>,
  timeoutMs?: number,
): Promise<T> {
  const heapMb = workerHeapMb();
  const slot = await acquire(heapMb);
  slot.worker.ref();
  let reusable = false;
  let timer: NodeJS.Timeout | undefined;
  try {
    await slot.ready.catch((err) => {
      throw workerFailed(err, heapMb, kind);
    });
    const result = await new Promise<T>((resolve, reject) => {
      const send = (m: ToWorker) => slot.worker.postMessage(m);
      const onMessage = async (m: FromWorker) => {
        try {
          if (m.type === "error") return reject(fromWire(m.error));
          const r = await handle(m, send);
          if (r) resolve(r.done);
        } catch (e) {
          reject(e);
        }
      };
      slot.onExit = (err) => reject(workerFailed(err, heapMb, kind));
      slot.worker.on("message", onMessage);
      if (timeoutMs) timer = setTimeout(() => reject(workerTimedOut(timeoutMs)), timeoutMs);
      send(start);
    }).finally(() => {
      clearTimeout(timer);
      slot.worker.removeAllListeners("message");
    });
    reusable = true;
    return result;
  } finally {
    // After a failure the worker may be mid-job: it is ended, not reused.
    release(slot, reusable);
  }
}

/**
 * `ingest` in a worker thread: same input, context and options, same summary; `onValues` runs here,
 * on the caller's thread, and is awaited before the worker reads on.
 * @example const summary = await ingestIsolated(fs.createReadStream("q1.xlsx"), ctx, { fileName: "q1.xlsx", onValues: stage });
 */
export async function ingestIsolated(
  input: IngestInput,
  ctx: IngestContext,
  options: IngestOptions = {},
): Promise<IngestSummary> {
  const { onValues, ...jobOptions } = options;
  const chunks: AsyncIterator<Uint8Array> | Iterator<Uint8Array> =
    input instanceof Uint8Array
      ? [input][Symbol.iterator]()
      : Symbol.asyncIterator in input
        ? input[Symbol.asyncIterator]()
        : input[Symbol.iterator]();
  return runOnWorker<IngestSummary>("import", { type: "job", ctx, options: jobOptions }, async (m, send) => {
    if (m.type === "pull") {
      const r = await chunks.next();
      send({ type: "chunk", bytes: r.done ? null : r.value });
    } else if (m.type === "values") {
      await onValues?.(m.batch);
      send({ type: "ack" });
    } else if (m.type === "done") return { done: m.summary };
    return null;
  });
}

/**
 * A narrative report file read in a worker thread of the same pool (extractText, then parseReport):
 * a file that exhausts the worker's heap or takes longer than REPORT_WORKER_TIMEOUT_MS fails alone with
 * `too_large` (413); the reader's own refusals (ReportFileError) come back with their codes.
 * @example const { extracted, parsed } = await readReportIsolated(bytes, "bc.docx");
 */
export async function readReportIsolated(
  bytes: Uint8Array,
  fileName: string,
): Promise<{ extracted: ExtractedText; parsed: ParsedReport | null }> {
  return runOnWorker(
    "report",
    { type: "report", bytes, fileName },
    async (m) => (m.type === "report" ? { done: { extracted: m.extracted, parsed: m.parsed } } : null),
    reportWorkerTimeoutMs(),
  );
}
