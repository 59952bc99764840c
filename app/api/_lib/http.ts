import "server-only";
import { NextResponse } from "next/server";
import { z } from "zod";
import { AppError, ValidationError, type ErrorBody } from "@/lib/errors";
import {
  DB_RETRY_AFTER_SECONDS,
  dbUnavailable,
  isDbUnavailable,
  isQueryCancelled,
  queryCancelled,
  rootCause,
} from "@/lib/db-unavailable";

/** At most this many problems are listed in an error answer; `details.total` counts them all. */
export const MAX_LISTED_PROBLEMS = 1000;

const INTERNAL: ErrorBody = {
  code: "internal_error",
  message: "Lỗi hệ thống, chưa ghi gì. Hãy thử lại; nếu vẫn lỗi, báo cho quản trị viên.",
  messageEn: "Internal error; nothing was written. Try again; if it persists, tell the administrator.",
};

/**
 * The one mapper from an error to its HTTP answer `{ error: { code, message, messageEn, details? } }`:
 * an AppError's status comes from lib/errors.ts's code → status map; a ValidationError also lists its
 * problems in `errors` (the first MAX_LISTED_PROBLEMS, `details.total` and `details.truncated` when cut);
 * a zod error from a request body is 422 `validation_failed`; a lost database is 503; anything else is
 * a generic 500 without internals (logged on the server).
 */
export function errorResponse(err: unknown): NextResponse {
  if (err instanceof ValidationError) {
    const listed = err.problems.slice(0, MAX_LISTED_PROBLEMS);
    const body = err.toBody();
    if (listed.length < err.problems.length)
      body.details = { ...body.details, total: err.problems.length, truncated: true };
    const errors = listed.map((p) => ({
      line: p.line ?? null,
      column: p.column ?? null,
      value: p.value ?? null,
      code: p.code,
      message: p.messageVi,
      messageEn: p.messageEn,
    }));
    return NextResponse.json({ error: body, errors }, { status: err.status });
  }
  if (err instanceof AppError) return NextResponse.json({ error: err.toBody() }, { status: err.status });
  if (err instanceof z.ZodError) return NextResponse.json({ error: invalidBody(err.issues) }, { status: 422 });
  if (isDbUnavailable(err)) {
    console.error(`db_unavailable: ${rootCause(err)}`);
    return NextResponse.json(
      { error: dbUnavailable().toBody() },
      { status: 503, headers: { "Retry-After": String(DB_RETRY_AFTER_SECONDS) } },
    );
  }
  if (isQueryCancelled(err)) {
    // Its client has gone (the answer reaches no one), or it ran past the statement timeout.
    console.error(`query_cancelled: ${rootCause(err)}`);
    return NextResponse.json(
      { error: queryCancelled().toBody() },
      { status: 503, headers: { "Retry-After": String(DB_RETRY_AFTER_SECONDS) } },
    );
  }
  console.error(err);
  return NextResponse.json({ error: INTERNAL }, { status: 500 });
}

/** One issue in both languages: the readers of params.ts carry the English in `params.en`. */
function issueText(i: z.core.$ZodIssue): { vi: string; en: string } {
  if (i.code === "invalid_type")
    return { vi: `sai kiểu dữ liệu (cần ${i.expected})`, en: `wrong type (expected ${i.expected})` };
  const en = (i as { params?: { en?: unknown } }).params?.en;
  return { vi: i.message, en: typeof en === "string" ? en : i.message };
}

/** A request body that does not have the expected fields: 422 naming each field. */
function invalidBody(issues: z.core.$ZodIssue[]): ErrorBody {
  const where = (i: z.core.$ZodIssue) => i.path.join(".") || "body";
  return {
    code: "validation_failed",
    message: `Nội dung yêu cầu không hợp lệ: ${issues.map((i) => `${where(i)}: ${issueText(i).vi}`).join("; ")}.`,
    messageEn: `Invalid request body: ${issues.map((i) => `${where(i)}: ${issueText(i).en}`).join("; ")}.`,
    details: { fields: issues.map(where) },
  };
}

/** A JSON request body parsed by `schema`; malformed JSON is 400, fields that do not fit are 422. */
/** The largest JSON request body read (forms, approvals: a few kilobytes); 413 `too_large` beyond. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;

const jsonTooLarge = () =>
  new AppError(
    "too_large",
    "Nội dung gửi lên lớn hơn giới hạn 1 MB, chưa đọc hết và chưa ghi gì. Một biểu mẫu chỉ cần vài kilobyte: " +
      "hãy kiểm tra lại dữ liệu gửi đi.",
    "The request body is larger than the 1 MB limit; it was not read and nothing was written. A form needs a " +
      "few kilobytes: check what is being sent.",
  );

export async function parseJsonBody<S extends z.ZodType>(req: Request, schema: S): Promise<z.infer<S> | NextResponse> {
  let json: unknown;
  let bytes: Uint8Array;
  try {
    bytes = await readBodyBounded(req, MAX_JSON_BODY_BYTES, jsonTooLarge);
  } catch (err) {
    return errorResponse(err);
  }
  try {
    json = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    const body: ErrorBody = {
      code: "bad_request",
      message: 'Nội dung yêu cầu không phải JSON hợp lệ. Hãy gửi một đối tượng JSON, ví dụ {"unit":"21136"}.',
      messageEn: 'The request body is not valid JSON. Send a JSON object, e.g. {"unit":"21136"}.',
    };
    return NextResponse.json({ error: body }, { status: 400 });
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : NextResponse.json({ error: invalidBody(parsed.error.issues) }, { status: 422 });
}

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

/** What multipart framing may add to a file's bytes (boundaries, part headers, small fields). */
export const MULTIPART_SLACK = 64 * 1024;

/** The refusal of a body past its limit when the route names none of its own. */
export function bodyTooLarge(limit: number): AppError {
  const mb = String(Math.round((limit / (1024 * 1024)) * 10) / 10);
  return new AppError(
    "too_large",
    `Nội dung gửi lên lớn hơn giới hạn ${mb.replace(".", ",")} MB, chưa đọc hết và chưa ghi gì. Hãy gửi tệp nhỏ hơn.`,
    `The request body is larger than the ${mb} MB limit; it was not read and nothing was written. Send a smaller file.`,
  );
}

/**
 * The one bounded reader of a request body: the bytes are counted while the stream is read, so a body sent
 * without content-length (chunked) is refused as soon as it passes `maxBytes` (413), never buffered whole;
 * a declared content-length past the limit is refused before reading.
 */
export async function readBodyBounded(
  req: Request,
  maxBytes: number,
  tooLarge: () => AppError = () => bodyTooLarge(maxBytes),
): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (req.body) {
    const reader = req.body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        if (!value) continue;
        total += value.length;
        if (total > maxBytes) {
          await reader.cancel().catch(() => {});
          throw tooLarge();
        }
        chunks.push(value);
      }
    } finally {
      reader.releaseLock();
    }
  }
  const body = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.length;
  }
  return body;
}

/**
 * A multipart body read through `readBodyBounded`. `tooLarge` lets a route answer with its own error (same
 * code whether the size was declared or not).
 * @example const form = await readFormDataBounded(req, maxBytes + 64 * 1024, () => fileTooLarge(maxBytes));
 */
export async function readFormDataBounded(
  req: Request,
  maxBytes: number,
  tooLarge: () => AppError = () => bodyTooLarge(maxBytes),
): Promise<FormData> {
  const body = await readBodyBounded(req, maxBytes, tooLarge);
  try {
    return await new Response(body, { headers: { "content-type": req.headers.get("content-type") ?? "" } }).formData();
  } catch {
    throw new AppError(
      "bad_request",
      "Nội dung gửi lên không phải biểu mẫu multipart hợp lệ. Hãy gửi tệp trong trường 'file' của multipart/form-data.",
      "The request body is not a valid multipart form. Send the file in the 'file' field of multipart/form-data.",
    );
  }
}
