/**
 * What every server action that answers a form returns: `{ data }` or `{ error: { code, message,
 * messageEn, details? } }`, the same error shape as the HTTP API (codes from lib/errors.ts), so a form
 * shows `message` or `messageEn` by the reader's language and a test can check the code.
 */
import { AppError, ValidationError, type ErrorCode, type ErrorDetails } from "./errors";

export interface ActionError<D extends ErrorDetails = ErrorDetails> {
  code: ErrorCode;
  /** Vietnamese: what is wrong and what is expected. */
  message: string;
  messageEn: string;
  details?: D;
}

export type ActionResult<T, D extends ErrorDetails = ErrorDetails> = { data: T } | { error: ActionError<D> };

/** A form's state: null before its first submission. */
export type ActionState<T, D extends ErrorDetails = ErrorDetails> = ActionResult<T, D> | null;

export interface Bilingual {
  message: string;
  messageEn: string;
}

export function fail<D extends ErrorDetails = ErrorDetails>(
  code: ErrorCode,
  text: Bilingual,
  details?: D,
): { error: ActionError<D> } {
  return { error: details === undefined ? { code, ...text } : { code, ...text, details } };
}

/**
 * An error the person can act on, as a result: a ValidationError by its problems' messages, any other
 * AppError as it is. Anything else (a failing database, a bug) is rethrown to the error page.
 * @example failFrom(unitNotFound("99", "2025-06")) → { error: { code: "unit_not_found", message: "Không có …", … } }
 */
export function failFrom<D extends ErrorDetails = ErrorDetails>(err: unknown, details?: D): { error: ActionError<D> } {
  if (err instanceof ValidationError && err.problems.length) {
    const text = {
      message: err.problems.map((p) => p.messageVi).join(" "),
      messageEn: err.problems.map((p) => p.messageEn).join(" "),
    };
    return fail(err.code, text, details);
  }
  if (err instanceof AppError) return fail(err.code, { message: err.messageVi, messageEn: err.messageEn }, details);
  throw err;
}

/** The message in the reader's language. */
export function errorText(error: Pick<ActionError, "message" | "messageEn">, locale: string): string {
  return locale === "en" ? error.messageEn : error.message;
}
