/**
 * One error vocabulary: a closed list of codes, one code → HTTP status map, and typed errors that take
 * their status from it. Route handlers turn them into `{ error: { code, message, messageEn, details? } }`
 * in one place (app/api/_lib/http.ts); anything that is not an AppError is a generic 500 without internals.
 */

/** Every code an API error or a server action's error may carry, with its HTTP status. */
export const ERROR_STATUS = {
  // 400: a query parameter, path segment or request body that cannot be read.
  bad_request: 400,
  bad_period: 400,
  unknown_indicator: 400,
  no_file: 400,
  // 401, 403: who is asking, and what they may do.
  unauthenticated: 401,
  forbidden: 403,
  forbidden_unit: 403,
  csrf_rejected: 403,
  account_deactivated: 403,
  // 404: what the request names does not exist (or is outside the reader's scope).
  unit_not_found: 404,
  user_not_found: 404,
  token_not_found: 404,
  import_not_found: 404,
  report_not_found: 404,
  // 409: the request is valid but the current state refuses it.
  no_scope: 409,
  period_locked: 409,
  transition_invalid: 409,
  import_not_revertible: 409,
  revert_conflict: 409,
  // The entry form: someone saved the quarter since it was opened; a draft with errors must be fixed first.
  entry_conflict: 409,
  draft_pending: 409,
  last_admin: 409,
  setup_done: 409,
  // 429: too many sign-in attempts (better-auth's limits, as a form's error).
  rate_limited: 429,
  // 413: past the upload limit, or past a parsing limit (rows, columns, inflated size, depth).
  file_too_large: 413,
  too_large: 413,
  // 422: well-formed input whose content cannot be accepted.
  validation_failed: 422,
  import_rejected: 422,
  file_empty: 422,
  period_invalid: 422,
  period_structure_mismatch: 422,
  unit_not_commune: 422,
  unit_unknown: 422,
  figures_cleared: 422,
  token_name_missing: 422,
  // The file reader (a worker thread) failed on this file.
  upload_unreadable: 422,
  // A narrative report that cannot be read or placed (lib/reports/errors.ts).
  file_type_unsupported: 422,
  file_unreadable: 422,
  pdf_no_text: 422,
  unit_outside_scope: 422,
  period_unknown: 422,
  no_items: 422,
  // 503, 500: the server could not answer.
  // The database is away (restarting, disconnected): retry after a few seconds.
  db_unavailable: 503,
  // A query stopped: its request was abandoned, or it ran past the statement timeout (DB_STATEMENT_TIMEOUT_MS).
  query_cancelled: 503,
  internal_error: 500,
} as const satisfies Record<string, 400 | 401 | 403 | 404 | 409 | 413 | 422 | 429 | 500 | 503>;

export type ErrorCode = keyof typeof ERROR_STATUS;

/** The closed list of codes, in the map's order. */
export const ERROR_CODES = Object.keys(ERROR_STATUS) as ErrorCode[];

export function isErrorCode(code: unknown): code is ErrorCode {
  return typeof code === "string" && Object.hasOwn(ERROR_STATUS, code);
}

/** The HTTP status of a code. */
export function statusOf(code: ErrorCode): number {
  return ERROR_STATUS[code];
}

/** Extra, machine-readable facts about an error (e.g. `{ parameter: "units" }`, `{ total: 200000, truncated: true }`). */
export type ErrorDetails = Record<string, unknown>;

/** The JSON body of every API error, and the error half of a server action's result. */
export interface ErrorBody {
  code: ErrorCode;
  /** Vietnamese: what is wrong and what is expected. */
  message: string;
  messageEn: string;
  details?: ErrorDetails;
}

/** One problem in a user's input, located where it can be fixed. Vietnamese message first. */
export interface Problem {
  /** 1-based line in the file (header = 1), or the record number for JSON. */
  line?: number;
  column?: string;
  value?: string;
  code: string;
  messageVi: string;
  messageEn: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly details?: ErrorDetails,
  ) {
    super(messageEn);
    this.name = "AppError";
  }

  /** From the one code → status map; never chosen by the thrower. */
  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    const body: ErrorBody = { code: this.code, message: this.messageVi, messageEn: this.messageEn };
    if (this.details) body.details = this.details;
    return body;
  }
}

/** Input that cannot be accepted; nothing has been written. */
export class ValidationError extends AppError {
  constructor(
    readonly problems: Problem[],
    summaryVi = "Dữ liệu không hợp lệ, chưa ghi gì vào cơ sở dữ liệu.",
    summaryEn = "Invalid input; nothing was written to the database.",
  ) {
    super("validation_failed", summaryVi, summaryEn);
    this.name = "ValidationError";
  }
}

/** A request parameter that cannot be read: 400 naming the parameter and what is expected. */
export function badParameter(parameter: string, vi: string, en: string): AppError {
  return new AppError(
    "bad_request",
    `Tham số ${parameter} không hợp lệ: ${vi}.`,
    `Invalid parameter ${parameter}: ${en}.`,
    { parameter },
  );
}

/** Whether an error says only that the thing asked for does not exist (a 404 code such as unit_not_found). */
export function isNotFound(err: unknown): boolean {
  return err instanceof AppError && ERROR_STATUS[err.code] === 404;
}

/**
 * A lookup's value, or null when it failed only because the thing does not exist. Any other failure
 * (the database is down, a bug) is rethrown: an outage must reach the error page, not pass for "not found".
 * @example const unit = await nullIfNotFound(getScopeUnitByCode(db, { code: "525", structure: "2025-07" })); // null
 */
export async function nullIfNotFound<T>(lookup: Promise<T>): Promise<T | null> {
  try {
    return await lookup;
  } catch (err) {
    if (isNotFound(err)) return null;
    throw err;
  }
}

/** "Dòng 5, cột parent_code: …" — the location prefix of a problem, in one language. */
export function describeProblem(p: Problem, lang: "vi" | "en" = "vi"): string {
  const where: string[] = [];
  if (p.line !== undefined) where.push(lang === "vi" ? `Dòng ${p.line}` : `Line ${p.line}`);
  if (p.column) where.push(lang === "vi" ? `cột ${p.column}` : `column ${p.column}`);
  const msg = lang === "vi" ? p.messageVi : p.messageEn;
  return where.length ? `${where.join(", ")}: ${msg}` : msg;
}
