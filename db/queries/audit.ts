/**
 * The audit trail: who did what, when, from where. Writers call `recordAudit` inside the transaction
 * of the change they record, so a change and its record land together.
 */
import { and, count, desc, eq, gte, ilike, lt, or, type SQL } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { auditEvents, type AuditEventRow } from "../schema";
import type { AuditAction } from "@/lib/auth/audit-actions";
import { toCsv } from "@/lib/export/csv";

/** The person acting and where the request came from. `userId` null: anonymous (a failed sign-in). */
export interface AuditActor {
  userId: string | null;
  email: string | null;
  ip?: string | null;
  userAgent?: string | null;
}

export interface AuditEventInput {
  actor: AuditActor;
  action: AuditAction;
  /** What was acted on, readable: "user:analyst@demo.local", "import:12", "21136/2025Q1". */
  target?: string | null;
  unitId?: number | null;
  detail?: Record<string, unknown> | null;
  at?: Date;
}

export async function recordAudit(db: DbOrTx, event: AuditEventInput): Promise<void> {
  await db.insert(auditEvents).values({
    at: event.at ?? new Date(),
    actorUserId: event.actor.userId,
    actorEmail: event.actor.email,
    action: event.action,
    target: event.target ?? null,
    unitId: event.unitId ?? null,
    detail: event.detail ?? null,
    ip: event.actor.ip ?? null,
    userAgent: event.actor.userAgent ?? null,
  });
}

export interface AuditFilter {
  action?: string;
  /** Matches the actor's email (substring, case-insensitive) or exact user id. */
  actor?: string;
  /** Matches the target (substring). */
  target?: string;
  unitId?: number;
  from?: Date;
  /** Exclusive. */
  to?: Date;
}

function whereOf(f: AuditFilter): SQL | undefined {
  const conds: (SQL | undefined)[] = [];
  if (f.action) conds.push(eq(auditEvents.action, f.action));
  if (f.actor)
    conds.push(or(ilike(auditEvents.actorEmail, `%${escapeLike(f.actor)}%`), eq(auditEvents.actorUserId, f.actor)));
  if (f.target) conds.push(ilike(auditEvents.target, `%${escapeLike(f.target)}%`));
  if (f.unitId !== undefined) conds.push(eq(auditEvents.unitId, f.unitId));
  if (f.from) conds.push(gte(auditEvents.at, f.from));
  if (f.to) conds.push(lt(auditEvents.at, f.to));
  return conds.length ? and(...conds) : undefined;
}

function escapeLike(s: string): string {
  return s.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** Newest first. */
export async function listAuditEvents(
  db: DbOrTx,
  params: AuditFilter & { limit?: number; offset?: number } = {},
): Promise<AuditEventRow[]> {
  return db
    .select()
    .from(auditEvents)
    .where(whereOf(params))
    .orderBy(desc(auditEvents.at), desc(auditEvents.id))
    .limit(Math.min(params.limit ?? 100, 10_000))
    .offset(params.offset ?? 0);
}

export async function countAuditEvents(db: DbOrTx, params: AuditFilter = {}): Promise<number> {
  const [row] = await db.select({ n: count() }).from(auditEvents).where(whereOf(params));
  return row?.n ?? 0;
}

/** Failed sign-ins for one email since `since` (the per-account lockout counts these). */
export async function countFailedSignIns(db: DbOrTx, params: { email: string; since: Date }): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(auditEvents)
    .where(
      and(
        eq(auditEvents.action, "sign_in_failed"),
        eq(auditEvents.actorEmail, params.email.toLowerCase()),
        gte(auditEvents.at, params.since),
      ),
    );
  return row?.n ?? 0;
}

export const AUDIT_CSV_HEADER = [
  "id",
  "at",
  "actor_user_id",
  "actor_email",
  "action",
  "target",
  "unit_id",
  "ip",
  "user_agent",
  "detail",
] as const;

/**
 * The filtered trail as CSV for Excel (UTF-8 BOM, formula-safe, lib/export/csv.ts), oldest last like
 * the page. At most `limit` rows (default 50 000).
 */
export async function auditCsv(db: DbOrTx, params: AuditFilter & { limit?: number } = {}): Promise<string> {
  const rows = await listAuditEvents(db, { ...params, limit: params.limit ?? 50_000 });
  return toCsv(
    AUDIT_CSV_HEADER,
    rows.map((r) => [
      r.id,
      r.at.toISOString(),
      r.actorUserId,
      r.actorEmail,
      r.action,
      r.target,
      r.unitId,
      r.ip,
      r.userAgent,
      r.detail ? JSON.stringify(r.detail) : null,
    ]),
  );
}
