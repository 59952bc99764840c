/** The actions the audit trail records (audit_events.action), grouped for the audit page's filter. */
export const AUDIT_ACTIONS = [
  "setup",
  "sign_in",
  "sign_in_failed",
  "sign_in_rate_limited",
  "sign_out",
  "password_change",
  "user_create",
  "user_update",
  "user_password_reset",
  "user_deactivate",
  "user_reactivate",
  "token_create",
  "token_revoke",
  "import",
  "import_rejected",
  "revert",
  "period_submit",
  "period_approve",
  "period_return",
  "period_unlock",
  "target_change",
  "unit_change",
  "access_denied",
  "report_store",
  "report_rejected",
] as const;

export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export function isAuditAction(value: unknown): value is AuditAction {
  return typeof value === "string" && (AUDIT_ACTIONS as readonly string[]).includes(value);
}
