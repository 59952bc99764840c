/**
 * Typed errors with a stable code. Route handlers map `ValidationError` to 422, known codes to their
 * status, anything else to a generic 500 without internals.
 */

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
    readonly code: string,
    readonly messageVi: string,
    readonly messageEn: string,
    readonly status = 500,
  ) {
    super(messageEn);
    this.name = "AppError";
  }
}

/** Input that cannot be accepted; nothing has been written. */
export class ValidationError extends AppError {
  constructor(
    readonly problems: Problem[],
    summaryVi = "Dữ liệu không hợp lệ, chưa ghi gì vào cơ sở dữ liệu.",
    summaryEn = "Invalid input; nothing was written to the database.",
  ) {
    super("validation_failed", summaryVi, summaryEn, 422);
    this.name = "ValidationError";
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
