import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, ValidationError } from "@/lib/errors";
import { dbUnavailable, DB_RETRY_AFTER_SECONDS, isDbUnavailable, rootCause } from "@/lib/db-unavailable";

/**
 * Errors to HTTP: validation → 422, known codes → their status, anything else → a generic 500 without
 * internals (logged on the server).
 */
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof ValidationError) {
    return NextResponse.json(
      {
        error: { code: err.code, message: err.messageVi, messageEn: err.messageEn },
        errors: err.problems.map((p) => ({ line: p.line ?? null, column: p.column ?? null, value: p.value ?? null, code: p.code, message: p.messageVi, messageEn: p.messageEn })),
      },
      { status: 422 },
    );
  }
  if (err instanceof AppError) {
    return NextResponse.json({ error: { code: err.code, message: err.messageVi, messageEn: err.messageEn } }, { status: err.status });
  }
  if (isDbUnavailable(err)) {
    const e = dbUnavailable();
    console.error(`db_unavailable: ${rootCause(err)}`);
    return NextResponse.json(
      { error: { code: e.code, message: e.messageVi, messageEn: e.messageEn } },
      { status: e.status, headers: { "Retry-After": String(DB_RETRY_AFTER_SECONDS) } },
    );
  }
  console.error(err);
  return NextResponse.json(
    {
      error: {
        code: "internal_error",
        message: "Lỗi hệ thống, chưa ghi gì. Hãy thử lại; nếu vẫn lỗi, báo cho quản trị viên.",
        messageEn: "Internal error; nothing was written. Try again; if it persists, tell the administrator.",
      },
    },
    { status: 500 },
  );
}

export function badRequest(issues: z.core.$ZodIssue[]): NextResponse {
  const text = issues.map((i) => `${i.path.join(".") || "query"}: ${i.message}`).join("; ");
  return NextResponse.json(
    { error: { code: "bad_request", message: `Tham số không hợp lệ: ${text}`, messageEn: `Invalid parameters: ${text}` } },
    { status: 400 },
  );
}

/** A list parameter: `a,b,c` → ["a","b","c"] (empty → undefined). */
export const listParam = z
  .string()
  .optional()
  .transform((s) => (s ? s.split(",").map((x) => x.trim()).filter(Boolean) : undefined));

/** ReadableStream → async iterable of bytes (Node's web streams are async iterable, typed or not). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      if (value) yield value;
    }
  } finally {
    reader.releaseLock();
  }
}
