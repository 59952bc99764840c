/**
 * The audit page's filter from its query string (also the CSV export's): unknown or malformed values
 * are dropped rather than refused, so a hand-edited URL still shows something. Dates are days in
 * Vietnam time; `to` includes its whole day.
 * @example parseAuditFilter({ action: "sign_in_failed", from: "2026-03-01", to: "2026-03-01" })
 *          → { action: "sign_in_failed", from: 2026-02-28T17:00:00Z, to: 2026-03-01T17:00:00Z }
 */
import { isAuditAction, type AuditAction } from "./audit-actions";
import { vietnamTime } from "../periods";

export interface AuditFilterParams {
  action?: AuditAction;
  actor?: string;
  target?: string;
  from?: Date;
  to?: Date;
}

function day(value: unknown, plusDays = 0): Date | undefined {
  if (typeof value !== "string") return undefined;
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return undefined;
  return vietnamTime(y, mo - 1, d + plusDays); // month is 0-based there, like Date.UTC
}

function text(value: unknown): string | undefined {
  // A control character (NUL above all) cannot match a stored value, and PostgreSQL refuses NUL outright.
  // eslint-disable-next-line no-control-regex
  if (typeof value !== "string" || /[\u0000-\u001f\u007f]/.test(value)) return undefined;
  const t = value.trim().slice(0, 200);
  return t || undefined;
}

export function parseAuditFilter(query: Record<string, string | string[] | undefined>): AuditFilterParams {
  const one = (k: string) => (Array.isArray(query[k]) ? query[k]![0] : query[k]);
  const action = one("action");
  return {
    action: isAuditAction(action) ? action : undefined,
    actor: text(one("actor")),
    target: text(one("target")),
    from: day(one("from")),
    to: day(one("to"), 1),
  };
}
