/**
 * Messages between the request thread (pool.ts) and a parsing worker (serve.ts). A figure import: the
 * worker pulls the upload's bytes chunk by chunk and hands valid values back batch by batch, waiting for
 * each to be acknowledged, so neither side runs ahead of the other and memory stays bounded. A narrative
 * report: the file's bytes go in whole (a report is at most REPORT_MAX_BYTES), its text and parsed
 * structure come back.
 */
import type { ExtractedText } from "../../reports/extract";
import type { ParsedReport } from "../../reports/parse";
import type { IngestContext, IngestOptions, IngestSummary, IngestValue } from "../types";

export type JobOptions = Omit<IngestOptions, "onValues">;

export type ToWorker =
  | { type: "job"; ctx: IngestContext; options: JobOptions }
  | { type: "report"; bytes: Uint8Array; fileName: string }
  | { type: "chunk"; bytes: Uint8Array | null }
  | { type: "ack" };

/** An error crossing the thread boundary: an AppError keeps its code, status and messages. */
export type WireError =
  | { app: true; code: string; messageVi: string; messageEn: string; status: number }
  | { app: false; message: string; stack?: string };

export type FromWorker =
  | { type: "ready" }
  | { type: "pull" }
  | { type: "values"; batch: IngestValue[] }
  | { type: "done"; summary: IngestSummary }
  /** A report read: its text, and its structure (null when the text could not be analysed). */
  | { type: "report"; extracted: ExtractedText; parsed: ParsedReport | null }
  | { type: "error"; error: WireError };
