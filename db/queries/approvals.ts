/**
 * Approval of a commune's quarter: draft (no row) → submitted → approved, and back (lib/auth/permissions.ts
 * transitionCapability). Approved figures are locked: imports and reverts touching them are refused
 * until an analyst or administrator unlocks the quarter. Every change is recorded in the audit trail.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { lockFigures, queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { int } from "../columns";
import { entryDrafts, periodApprovals, units } from "../schema";
import { recordAudit, type AuditActor } from "./audit";
import { getUserScope } from "./access";
import { AppError } from "@/lib/errors";
import { forbiddenCapability, forbiddenUnits } from "@/lib/auth/errors";
import {
  can,
  canTransition,
  outsideScope,
  transitionCapability,
  type AuthUser,
  type PeriodStatus,
} from "@/lib/auth/permissions";
import { formatQuarter } from "@/lib/format";
import { isQuarterCode, structureForQuarter } from "@/lib/periods";
import { messages, type IngestIssue } from "@/lib/ingest";
import { makeIssue } from "@/lib/ingest/issues";

export interface PeriodStatusRow {
  unitId: number;
  period: string;
  status: PeriodStatus;
  changedBy: string | null;
  changedAt: Date | null;
  /** The analyst's comment when the quarter was sent back; null otherwise. */
  comment: string | null;
}

/** The status of each requested (unit, quarter); pairs without a row are drafts. */
export async function getPeriodStatuses(
  db: DbOrTx,
  params: { unitIds: readonly number[]; periods: readonly string[] },
): Promise<PeriodStatusRow[]> {
  if (params.unitIds.length === 0 || params.periods.length === 0) return [];
  const rows = await db
    .select()
    .from(periodApprovals)
    .where(
      and(inArray(periodApprovals.unitId, [...params.unitIds]), inArray(periodApprovals.period, [...params.periods])),
    );
  const byKey = new Map(rows.map((r) => [`${r.unitId}|${r.period}`, r]));
  const out: PeriodStatusRow[] = [];
  for (const unitId of params.unitIds)
    for (const period of params.periods) {
      const r = byKey.get(`${unitId}|${period}`);
      out.push(
        r
          ? { unitId, period, status: r.status, changedBy: r.changedBy, changedAt: r.changedAt, comment: r.comment }
          : { unitId, period, status: "draft", changedBy: null, changedAt: null, comment: null },
      );
    }
  return out;
}

export interface LockedValue {
  unitId: number;
  unitCode: string;
  unitName: string;
  period: string;
}

/** The approved (hence locked) quarters among the given units and periods, by unit code then period. */
export async function lockedValues(
  db: DbOrTx,
  params: { unitIds: readonly number[]; periods: readonly string[] },
): Promise<LockedValue[]> {
  if (params.unitIds.length === 0 || params.periods.length === 0) return [];
  return db
    .select({
      unitId: periodApprovals.unitId,
      unitCode: units.code,
      unitName: units.name,
      period: periodApprovals.period,
    })
    .from(periodApprovals)
    .innerJoin(units, eq(units.id, periodApprovals.unitId))
    .where(
      and(
        eq(periodApprovals.status, "approved"),
        inArray(periodApprovals.unitId, [...params.unitIds]),
        inArray(periodApprovals.period, [...params.periods]),
      ),
    )
    .orderBy(units.code, periodApprovals.period);
}

/**
 * For the import store, after staging and before writing: one error per approved (commune, quarter)
 * present in the staging table (db/queries/staging.ts), on the first line that carries it.
 * @example [{ line: 3, column: null, code: "period_locked", messageVi: "Dòng 3: số liệu của Xã Trà Tân " +
   "(21136), Quý I/2025 đã được phê duyệt và đang khoá, …" }]
 */
export async function stagedLockedIssues(
  tx: DbOrTx,
  params: { limit?: number } = {},
): Promise<{ issues: IngestIssue[]; count: number }> {
  const rows = await queryRows(
    tx,
    sql`select min(s.line)::int as line, u.code as unit_code, u.name as unit_name, s.period, count(*) over ()::int as total
        from staged_values s
        join period_approvals a on a.unit_id = s.unit_id and a.period = s.period and a.status = 'approved'
        join units u on u.id = s.unit_id
        group by u.code, u.name, s.period
        order by min(s.line), u.code, s.period
        limit ${params.limit ?? 1000}`,
    z.object({ line: int, unit_code: z.string(), unit_name: z.string(), period: z.string(), total: int }),
  );
  const issues = rows.map((r) =>
    makeIssue(
      { line: r.line > 0 ? r.line : null, column: null },
      "period_locked",
      `${r.unit_code} ${r.period}`,
      messages.period_locked({ unit: `${r.unit_name} (${r.unit_code})`, period: r.period }),
    ),
  );
  return { issues, count: rows[0]?.total ?? 0 };
}

/** The error a revert (or any non-file write) gets when it would change approved figures. */
export function periodsLocked(locked: readonly LockedValue[]): AppError {
  const shown = locked.slice(0, 20);
  const more = locked.length - shown.length;
  const vi =
    shown.map((l) => `${l.unitName} (${l.unitCode}) ${formatQuarter(l.period, "vi")}`).join("; ") +
    (more > 0 ? ` và ${more} kỳ khác` : "");
  const en =
    shown.map((l) => `${l.unitName} (${l.unitCode}) ${formatQuarter(l.period, "en")}`).join("; ") +
    (more > 0 ? ` and ${more} more` : "");
  return new AppError(
    "period_locked",
    `Số liệu đã được phê duyệt và đang khoá: ${vi}. Hãy đề nghị chuyên viên hoặc quản trị viên mở khoá trước khi thay đổi.`,
    `These figures are approved and locked: ${en}. Ask an analyst or administrator to unlock them before changing them.`,
  );
}

/** Throw 409 naming the approved quarters among the given (unit, period) pairs. */
export async function assertNotLocked(db: DbOrTx, pairs: readonly { unitId: number; period: string }[]): Promise<void> {
  if (pairs.length === 0) return;
  const unitIds = [...new Set(pairs.map((p) => p.unitId))];
  const periods = [...new Set(pairs.map((p) => p.period))];
  const wanted = new Set(pairs.map((p) => `${p.unitId}|${p.period}`));
  const locked = (await lockedValues(db, { unitIds, periods })).filter((l) => wanted.has(`${l.unitId}|${l.period}`));
  if (locked.length) throw periodsLocked(locked);
}

const auditAction = { submitted: "period_submit", approved: "period_approve" } as const;

/**
 * Move a commune's quarter to `status`, if the user's role allows that transition and the commune is
 * in their write scope. Returns the new row. Concurrent changes of one quarter are serialized by a
 * row lock; a transition that is no longer valid (someone else moved it) is refused with 409.
 */
export async function setPeriodStatus(
  db: DbOrTx,
  params: {
    user: Pick<AuthUser, "id" | "email" | "role" | "unitId">;
    unitId: number;
    period: string;
    status: PeriodStatus;
    actor: AuditActor;
    note?: string;
  },
): Promise<PeriodStatusRow> {
  const { user, unitId, period, status } = params;
  if (!isQuarterCode(period))
    throw new AppError(
      "period_invalid",
      `Kỳ ${period} không hợp lệ; cần dạng 2025Q1.`,
      `Invalid period ${period}; expected e.g. 2025Q1.`,
    );
  const [unit] = await db
    .select({ id: units.id, code: units.code, name: units.name, level: units.level, structure: units.structure })
    .from(units)
    .where(eq(units.id, unitId));
  if (!unit || unit.level !== "commune")
    throw new AppError(
      "unit_not_commune",
      "Chỉ phê duyệt được số liệu của một xã.",
      "Only a commune's figures can be approved.",
    );
  if (structureForQuarter(period) !== unit.structure) {
    throw new AppError(
      "period_structure_mismatch",
      `${unit.name} (${unit.code}) không báo cáo ${formatQuarter(period, "vi")} trong danh mục ${unit.structure}.`,
      `${unit.name} (${unit.code}) does not report ${formatQuarter(period, "en")} in the ${unit.structure} unit list.`,
    );
  }
  // A viewer never; an analyst approves and a reporter submits only within their write scope.
  const wanted = transitionCapability("draft", status) ?? "approve";
  if (!can(user.role, "submit") && !can(user.role, "approve")) throw forbiddenCapability(user.role, wanted);
  const scope = await getUserScope(db, user);
  if (outsideScope(scope, [unitId], "write").length) throw forbiddenUnits([`${unit.name} (${unit.code})`], "write");
  return db.transaction(async (tx) => {
    // The lock imports and reverts write under: an approval waits for a write in flight, and a write
    // that starts after it sees the quarter approved (imports check stagedLockedIssues under this lock).
    await lockFigures(tx);
    const [current] = await tx
      .select()
      .from(periodApprovals)
      .where(and(eq(periodApprovals.unitId, unitId), eq(periodApprovals.period, period)))
      .for("update");
    const from: PeriodStatus = current?.status ?? "draft";
    const capability = transitionCapability(from, status);
    if (capability === null) {
      throw new AppError(
        "transition_invalid",
        `${unit.name} (${unit.code}) ${formatQuarter(period, "vi")} đang ở trạng thái "${from}", không chuyển sang "${status}" được.`,
        `${unit.name} (${unit.code}) ${formatQuarter(period, "en")} is "${from}" and cannot move to "${status}".`,
      );
    }
    if (!canTransition(user.role, from, status)) throw forbiddenCapability(user.role, capability);
    if (status !== "draft") {
      // A draft of the entry form that does not pass the rules is not counted: it cannot be submitted or approved.
      const [draft] = await tx
        .select({ errorCount: entryDrafts.errorCount })
        .from(entryDrafts)
        .where(and(eq(entryDrafts.unitId, unitId), eq(entryDrafts.period, period)));
      if (draft)
        throw new AppError(
          "draft_pending",
          `${unit.name} (${unit.code}) ${formatQuarter(period, "vi")} còn một bản nháp chưa lưu thành số liệu ` +
            `(${draft.errorCount} lỗi): sửa các lỗi và lưu số liệu, hoặc bỏ bản nháp, trước khi gửi hay phê duyệt.`,
          `${unit.name} (${unit.code}) ${formatQuarter(period, "en")} has a draft not saved as figures ` +
            `(${draft.errorCount} errors): fix the errors and save, or discard the draft, before submitting or approving.`,
          { errors: draft.errorCount },
        );
    }
    const now = new Date();
    // Sending a submitted quarter back keeps the analyst's comment for the commune's officer; any other move clears it.
    const comment = status === "draft" && from === "submitted" ? params.note?.trim() || null : null;
    const [row] = await tx
      .insert(periodApprovals)
      .values({ unitId, period, status, changedBy: user.id, changedAt: now, comment })
      .onConflictDoUpdate({
        target: [periodApprovals.unitId, periodApprovals.period],
        set: { status, changedBy: user.id, changedAt: now, comment },
      })
      .returning();
    const action = status === "draft" ? (from === "approved" ? "period_unlock" : "period_return") : auditAction[status];
    await recordAudit(tx, {
      actor: params.actor,
      action,
      target: `${unit.code}/${period}`,
      unitId,
      detail: { from, to: status, unitCode: unit.code, period, note: params.note ?? null },
    });
    return {
      unitId: row.unitId,
      period: row.period,
      status: row.status,
      changedBy: row.changedBy,
      changedAt: row.changedAt,
      comment: row.comment,
    };
  });
}
