/**
 * "The database is away" told apart from other failures, by the shape of the driver's error: a
 * PostgreSQL restart surfaces as a refused or reset connection, a server shutting down (57P01 …) or
 * starting up (57P03), or postgres.js's own CONNECTION_* codes, possibly wrapped by drizzle (`cause`)
 * or grouped in an AggregateError (one per address tried). Such an error becomes `db_unavailable`
 * (503, retry after a few seconds) instead of a 500; the pool reconnects by itself once the server is back.
 */
import { AppError } from "./errors";

/** Seconds a client is told to wait (Retry-After) while the database is away. */
export const DB_RETRY_AFTER_SECONDS = 5;

const NETWORK_CODES = new Set([
  "ECONNREFUSED",
  "ECONNRESET",
  "EPIPE",
  "ETIMEDOUT",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
]);
const DRIVER_CODES = new Set(["CONNECTION_ENDED", "CONNECTION_CLOSED", "CONNECTION_DESTROYED", "CONNECT_TIMEOUT"]);
/** SQLSTATE: class 08 (connection exception), 57P01–57P03 (admin / crash shutdown, cannot connect now). */
const SQLSTATE = /^(08\d{3}|57P0[123])$/;

/**
 * Whether `err` (or what it wraps) means the database cannot be reached right now.
 * @example isDbUnavailable(Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), { code: "ECONNREFUSED" })) → true
 */
export function isDbUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as { code?: unknown; errno?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === "string" ? e.code : typeof e.errno === "string" ? e.errno : "";
  if (NETWORK_CODES.has(code) || DRIVER_CODES.has(code) || SQLSTATE.test(code)) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDbUnavailable(x, depth + 1))) return true;
  return isDbUnavailable(e.cause, depth + 1);
}

/** The driver's own words under drizzle's wrapping, for the server log: "57P01 terminating connection …". */
export function rootCause(err: unknown): string {
  let e = err as { cause?: unknown; code?: unknown; message?: unknown } | null;
  for (let i = 0; i < 5 && e && typeof e === "object" && e.cause; i++) e = e.cause as typeof e;
  if (!e || typeof e !== "object") return String(err);
  return [typeof e.code === "string" ? e.code : "", typeof e.message === "string" ? e.message : ""]
    .filter(Boolean)
    .join(" ");
}

export function dbUnavailable(): AppError {
  return new AppError(
    "db_unavailable",
    `Cơ sở dữ liệu tạm thời không truy cập được (đang khởi động lại hoặc mất kết nối); chưa ghi gì. Hãy thử lại ` +
      `sau ${DB_RETRY_AFTER_SECONDS} giây; nếu vẫn lỗi, báo cho quản trị viên.`,
    `The database is temporarily unreachable (restarting or disconnected); nothing was written. Try again in ` +
      `${DB_RETRY_AFTER_SECONDS} seconds; if it persists, tell the administrator.`,
  );
}

/** Whether `err` (or what it wraps) is a statement cancelled on the server: SQLSTATE 57014 (request gone, or timeout). */
export function isQueryCancelled(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as { code?: unknown; cause?: unknown };
  return e.code === "57014" || isQueryCancelled(e.cause, depth + 1);
}

export function queryCancelled(): AppError {
  return new AppError(
    "query_cancelled",
    "Truy vấn đã dừng vì chạy quá lâu hoặc yêu cầu đã bị hủy; chưa ghi gì. Hãy thử lại, hoặc chọn phạm vi hay kỳ nhỏ hơn.",
    "The query was stopped (it ran too long, or the request was abandoned); nothing was written. Try again, or " +
      "choose a smaller scope or period.",
  );
}
