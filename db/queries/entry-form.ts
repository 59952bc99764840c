/**
 * The data-entry form of one commune's quarter (app/units/[code]/[period]): what it opens with, and
 * its save. A save is an import: the values go through `runImport` (the same parser, rules, lock,
 * history, audit and revert as a file) with source "form"; a draft that breaks a rule is kept in
 * `entry_drafts` and is not counted. A save made on a form opened before someone else's save is
 * refused with what changed meanwhile (checked under the figures lock, inside the import).
 */
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import { float, int } from "../columns";
import { entryDrafts } from "../schema";
import { assertCanRead, assertCanWrite, getUserScope, importScopeUnitId, type Reader } from "./access";
import { getIndicatorTable } from "./indicators";
import { assertNotLocked, getPeriodStatuses, type PeriodStatusRow } from "./approvals";
import type { AuditActor } from "./audit";
import { runImport, type ImportOutcome } from "./imports";
import { getTargets } from "./catalogue";
import type { ScopeUnit } from "./units";
import { AppError } from "@/lib/errors";
import type { AuthUser } from "@/lib/auth/permissions";
import {
  changedSince,
  checkForm,
  clearedFields,
  valuesToCsv,
  type FieldChange,
  type FieldIssue,
  type FormBase,
  type FormContext,
  type FormInputs,
  type PreviousPetitions,
} from "@/lib/entry-form/form";
import { elementCodes } from "@/lib/indicators/catalogue";
import { fieldLabel } from "@/lib/ingest/figure-messages";
import { formatDateTime, formatNumber, formatQuarter } from "@/lib/format";
import { addQuarters, structureForQuarter } from "@/lib/periods";
import { calendarNow, currentQuarter } from "@/lib/calendar";

/** Values of one quarter, and whether they are the commune's own or its predecessors' sums (across the reform). */
export interface QuarterValues {
  period: string;
  values: FormBase;
  /**
   * "own": the commune's figures; "predecessors": composed from the units of the other structure (one read
   * path); "not_comparable": that quarter cannot be composed for this commune (no values).
   */
  from: "own" | "predecessors" | "not_comparable";
}

export interface EntryDraft {
  inputs: FormInputs;
  errorCount: number;
  updatedBy: string;
  updatedAt: string;
}

export interface LastSave {
  importId: number;
  by: string;
  at: string;
  source: string;
}

export interface EntryFormData {
  unit: { id: number; code: string; name: string; structure: string };
  period: string;
  /** Stored figures of the quarter (null = not reported): what a save compares with. */
  current: FormBase;
  previous: QuarterValues;
  yearAgo: QuarterValues;
  /** The previous quarter's petitions (prefill and carried-over check). */
  previousPetitions: PreviousPetitions | null;
  /** Whether the carried-over check applies (the import checks it only within one commune's own figures). */
  carriedCheck: boolean;
  medians: Record<string, number | null>;
  draft: EntryDraft | null;
  status: PeriodStatusRow;
  lastSave: LastSave | null;
  /** The quarter running today: later quarters cannot be entered. */
  currentQuarter: string;
  /** The indicators' targets in force (an administrator's, else the catalogue's), by indicator code. */
  targets: Record<string, number | null>;
}

const ELEMENT_CODES = new Set(elementCodes);
const valueRow = z.object({ element: z.string(), value: int });

async function ownValues(db: DbOrTx, unitId: number, period: string): Promise<FormBase> {
  const rows = await queryRows(
    db,
    sql`select element_code as element, value from data_values where unit_id = ${unitId} and period = ${period}`,
    valueRow,
  );
  return Object.fromEntries(rows.map((r) => [r.element, r.value]));
}

/**
 * A quarter's values of `unit`: its own when the quarter is reported in its structure; else the quarter as
 * the one read path composes it through the July 2025 mapping (getIndicatorTable: the sum of counterparts
 * that went into it whole, an element known when every counterpart reported it), or nothing when the
 * quarter cannot be composed (a counterpart split across several communes), said as `not_comparable`.
 */
async function quarterValues(
  db: DbOrTx,
  unit: { id: number; structure: string },
  period: string,
  reader: Reader,
): Promise<QuarterValues> {
  if (structureForQuarter(period) === unit.structure)
    return { period, values: await ownValues(db, unit.id, period), from: "own" };
  const table = await getIndicatorTable(db, { reader, scope: unit.id, period, by: "unit", elements: elementCodes });
  const row = table.rows.find((r) => r.kind === "commune" && r.unit.id === unit.id);
  if (!row?.crossReform?.comparable) return { period, values: {}, from: "not_comparable" };
  const values: FormBase = {};
  for (const [code, total] of Object.entries(row.elements ?? {})) if (total.value !== null) values[code] = total.value;
  return { period, values, from: "predecessors" };
}

/** The commune's median per element over its quarters before `period` (the import's unusual-value baseline). */
async function medians(db: DbOrTx, unitId: number, period: string): Promise<Record<string, number | null>> {
  const rows = await queryRows(
    db,
    sql`select element_code as element, percentile_cont(0.5) within group (order by value)::float8 as median
        from data_values where unit_id = ${unitId} and period < ${period} group by element_code`,
    z.object({ element: z.string(), median: float }),
  );
  return Object.fromEntries(rows.map((r) => [r.element, r.median]));
}

async function getDraft(db: DbOrTx, unitId: number, period: string): Promise<EntryDraft | null> {
  const [d] = await db
    .select()
    .from(entryDrafts)
    .where(and(eq(entryDrafts.unitId, unitId), eq(entryDrafts.period, period)));
  return d
    ? { inputs: d.inputs, errorCount: d.errorCount, updatedBy: d.updatedBy, updatedAt: d.updatedAt.toISOString() }
    : null;
}

/** The latest import that wrote a figure of this commune's quarter still in place. */
async function lastSave(db: DbOrTx, unitId: number, period: string): Promise<LastSave | null> {
  const [row] = await queryRows(
    db,
    sql`select i.id, i.created_by as by, i.created_at as at, i.source
        from value_history h join imports i on i.id = h.import_id
        where h.unit_id = ${unitId} and h.period = ${period}
        order by h.id desc limit 1`,
    z.object({ id: int, by: z.string(), at: z.union([z.date(), z.string()]), source: z.string() }),
  );
  return row ? { importId: row.id, by: row.by, at: new Date(row.at).toISOString(), source: row.source } : null;
}

function formContext(
  data: Pick<EntryFormData, "unit" | "period" | "previousPetitions" | "carriedCheck" | "medians">,
): FormContext {
  return {
    subject: { unitCode: data.unit.code, unitName: data.unit.name, period: data.period },
    previous: data.carriedCheck ? data.previousPetitions : null,
    medians: data.medians,
  };
}

/** The browser's context for the live checks (the same the save uses). */
export function entryFormContext(data: EntryFormData): FormContext {
  return formContext(data);
}

/** Everything the form opens with, for a user who may read the commune. */
export async function loadEntryForm(
  db: DbOrTx,
  params: { user: Pick<AuthUser, "role" | "unitId">; unit: ScopeUnit; period: string; now?: Date },
): Promise<EntryFormData> {
  const { unit, period } = params;
  checkUnitPeriod(unit, period);
  await assertCanRead(db, params.user, [unit.id]);
  const reader = await getUserScope(db, params.user);
  const prevPeriod = addQuarters(period, -1);
  const [current, previous, yearAgo, med, draft, statuses, last, targets] = await Promise.all([
    ownValues(db, unit.id, period),
    quarterValues(db, unit, prevPeriod, reader),
    quarterValues(db, unit, addQuarters(period, -4), reader),
    medians(db, unit.id, period),
    getDraft(db, unit.id, period),
    getPeriodStatuses(db, { unitIds: [unit.id], periods: [period] }),
    lastSave(db, unit.id, period),
    getTargets(db),
  ]);
  const p = previous.values;
  const previousPetitions: PreviousPetitions = {
    period: prevPeriod,
    carried: p.petitions_carried_over ?? null,
    received: p.petitions_received ?? null,
    resolved: p.petitions_resolved ?? null,
  };
  return {
    unit: { id: unit.id, code: unit.code, name: unit.name, structure: unit.structure },
    period,
    current,
    previous,
    yearAgo,
    previousPetitions,
    carriedCheck: previous.from === "own",
    medians: med,
    draft,
    status: statuses[0],
    lastSave: last,
    currentQuarter: currentQuarter(params.now ?? calendarNow()),
    targets: Object.fromEntries(targets),
  };
}

function checkUnitPeriod(unit: ScopeUnit, period: string): void {
  if (unit.level !== "commune")
    throw new AppError(
      "unit_not_commune",
      `${unit.name} (${unit.code}) không phải là xã: biểu mẫu nhập số liệu là của một xã.`,
      `${unit.name} (${unit.code}) is not a commune: the entry form is a commune's.`,
    );
  if (structureForQuarter(period) !== unit.structure)
    throw new AppError(
      "period_structure_mismatch",
      `${unit.name} (${unit.code}) không báo cáo ${formatQuarter(period, "vi")} trong danh mục ${unit.structure}.`,
      `${unit.name} (${unit.code}) does not report ${formatQuarter(period, "en")} in the ${unit.structure} unit list.`,
    );
}

export interface SaveEntryParams {
  user: Pick<AuthUser, "id" | "email" | "role" | "unitId">;
  unit: ScopeUnit;
  period: string;
  inputs: FormInputs;
  /** The stored figures the form was opened with (null = not reported), and the draft's time then. */
  base: FormBase;
  baseDraftAt: string | null;
  /** "draft": keep the inputs as a draft whatever they hold; "save": write them as figures when they pass. */
  mode: "draft" | "save";
  actor: AuditActor;
  currentQuarter?: string;
}

export type SaveEntryOutcome =
  | { status: "draft"; errors: FieldIssue[]; warnings: FieldIssue[]; draft: EntryDraft }
  | {
      status: "committed" | "unchanged";
      importId: number;
      errors: [];
      warnings: FieldIssue[];
      counts: ImportOutcome["counts"];
    }
  | { status: "rejected"; errors: FieldIssue[]; warnings: FieldIssue[] };

function describeChanges(changes: FieldChange[], l: "vi" | "en"): string {
  const v = (x: number | null) => (x === null ? (l === "vi" ? "trống" : "blank") : formatNumber(x, l, 0));
  return changes.map((c) => `${fieldLabel(c.element, l)}: ${v(c.was)} → ${v(c.now)}`).join("; ");
}

function conflict(changes: FieldChange[], last: LastSave | null, draft: EntryDraft | null): AppError {
  const who = last ? `${last.by}, ${formatDateTime(new Date(last.at))}` : "";
  const draftWho = draft ? `${draft.updatedBy}, ${formatDateTime(new Date(draft.updatedAt))}` : "";
  const vi =
    changes.length > 0
      ? `Số liệu của quý này đã được lưu bởi người khác sau khi anh/chị mở biểu mẫu (${who}): ${describeChanges(changes, "vi")}. ` +
        `Tải lại trang để xem số mới, rồi nhập lại thay đổi của mình.`
      : `Bản nháp của quý này đã được người khác lưu sau khi anh/chị mở biểu mẫu (${draftWho}). ` +
        `Tải lại trang để xem bản nháp đó, rồi nhập lại thay đổi của mình.`;
  const en =
    changes.length > 0
      ? `This quarter's figures were saved by someone else after you opened the form (${who}): ${describeChanges(changes, "en")}. ` +
        `Reload the page to see them, then enter your changes again.`
      : `This quarter's draft was saved by someone else after you opened the form (${draftWho}). ` +
        `Reload the page to see it, then enter your changes again.`;
  return new AppError("entry_conflict", vi, en, {
    changes,
    savedBy: changes.length ? (last?.by ?? null) : (draft?.updatedBy ?? null),
  });
}

/** Throw `entry_conflict` when the stored figures or the draft are not what the form was opened with. */
async function assertUnchanged(db: DbOrTx, p: SaveEntryParams): Promise<void> {
  const [current, draft] = await Promise.all([ownValues(db, p.unit.id, p.period), getDraft(db, p.unit.id, p.period)]);
  const changes = changedSince(p.base, current);
  const draftMoved = (draft?.updatedAt ?? null) !== p.baseDraftAt;
  if (changes.length > 0 || draftMoved) throw conflict(changes, await lastSave(db, p.unit.id, p.period), draft);
}

/** "Nhập thay xã bởi …" when the person saving is not the commune's own officer (an analyst or administrator). */
export function onBehalfNote(
  user: Pick<AuthUser, "email" | "role">,
  unit: Pick<ScopeUnit, "code" | "name">,
): string | null {
  if (user.role === "reporter") return null;
  return `Biểu mẫu nhập thay ${unit.name} (${unit.code}) bởi ${user.email} (${user.role}) / entered on behalf of the commune`;
}

/**
 * Save the form: a draft (kept, not counted), or figures through the import store when every field
 * passes. Only someone who may import for the commune saves; an approved quarter is locked.
 */
export async function saveEntryForm(db: DbOrTx, p: SaveEntryParams): Promise<SaveEntryOutcome> {
  checkUnitPeriod(p.unit, p.period);
  await assertCanWrite(db, p.user, [p.unit.id]);
  await assertNotLocked(db, [{ unitId: p.unit.id, period: p.period }]);
  const data = await loadEntryForm(db, { user: p.user, unit: p.unit, period: p.period });
  if (p.period > (p.currentQuarter ?? data.currentQuarter))
    throw new AppError(
      "period_invalid",
      `${formatQuarter(p.period, "vi")} chưa bắt đầu: chỉ nhập được số liệu đến quý hiện tại.`,
      `${formatQuarter(p.period, "en")} has not started: figures can be entered up to the current quarter.`,
    );
  const check = checkForm(p.inputs, formContext(data));
  const inputs: FormInputs = Object.fromEntries(
    Object.entries(p.inputs).filter(([k, v]) => ELEMENT_CODES.has(k) && v.trim() !== ""),
  );
  if (p.mode === "draft" || check.errors.length > 0) {
    return db.transaction(async (tx) => {
      await assertUnchanged(tx, p);
      const now = new Date();
      const row = { inputs, errorCount: check.errors.length, updatedBy: p.user.email, updatedAt: now };
      await tx
        .insert(entryDrafts)
        .values({ unitId: p.unit.id, period: p.period, ...row })
        .onConflictDoUpdate({ target: [entryDrafts.unitId, entryDrafts.period], set: row });
      return {
        status: "draft" as const,
        errors: check.errors,
        warnings: check.warnings,
        draft: { ...row, updatedAt: now.toISOString() },
      };
    });
  }
  const cleared = clearedFields(data.current, check.values);
  if (cleared.length > 0)
    throw new AppError(
      "figures_cleared",
      `Không xoá được số đã lưu bằng cách để trống ô: ${cleared.map((c) => fieldLabel(c, "vi")).join("; ")}. ` +
        `Nhập lại số (0 nếu không có), hoặc hoàn tác lần nhập đã ghi số đó.`,
      `A saved figure cannot be removed by leaving its field blank: ${cleared.map((c) => fieldLabel(c, "en")).join("; ")}. ` +
        `Enter the figure again (0 if none), or revert the import that wrote it.`,
      { fields: cleared },
    );
  const csv = valuesToCsv(p.unit.code, p.period, check.values);
  const outcome = await runImport(db, {
    input: new TextEncoder().encode(csv),
    fileName: `bieu-mau-${p.unit.code}-${p.period}.csv`,
    scopeUnitId: importScopeUnitId(p.user),
    mode: "commit",
    createdBy: p.user.email,
    source: "form",
    maxBytes: 1 << 20,
    currentQuarter: p.currentQuarter,
    audit: { actor: p.actor, unitId: p.unit.id },
    note: onBehalfNote(p.user, p.unit),
    beforeWrite: async (tx) => {
      await assertUnchanged(tx, p);
      await tx.delete(entryDrafts).where(and(eq(entryDrafts.unitId, p.unit.id), eq(entryDrafts.period, p.period)));
    },
  });
  if (outcome.status === "committed" || outcome.status === "unchanged")
    return {
      status: outcome.status,
      importId: outcome.importId!,
      errors: [],
      warnings: check.warnings,
      counts: outcome.counts,
    };
  return {
    status: "rejected",
    warnings: check.warnings,
    errors: outcome.errors.map((e) => ({
      code: e.code,
      fields: e.column ? [e.column] : [],
      messageVi: e.messageVi,
      messageEn: e.messageEn,
    })),
  };
}

/** Drop the draft (the officer gives up the unsaved inputs); the stored figures stay. */
export async function discardEntryDraft(
  db: DbOrTx,
  p: { user: Pick<AuthUser, "role" | "unitId">; unit: ScopeUnit; period: string },
): Promise<void> {
  await assertCanWrite(db, p.user, [p.unit.id]);
  await db.delete(entryDrafts).where(and(eq(entryDrafts.unitId, p.unit.id), eq(entryDrafts.period, p.period)));
}
