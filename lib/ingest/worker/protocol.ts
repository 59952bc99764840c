/**
 * Messages between the request thread (pool.ts) and a parsing worker (serve.ts). The worker pulls the
 * upload's bytes chunk by chunk and hands valid values back batch by batch, waiting for each to be
 * acknowledged, so neither side runs ahead of the other and memory stays bounded.
 */
import type { IngestContext, IngestOptions, IngestSummary, IngestValue } from "../types";

export type JobOptions = Omit<IngestOptions, "onValues">;

export type ToWorker =
  | { type: "job"; ctx: IngestContext; options: JobOptions }
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
  | { type: "error"; error: WireError };
