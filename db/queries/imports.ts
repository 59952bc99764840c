/**
 * The one write path for figures. Uploads (web, API, CLI) go through `runImport`, the demo data through
 * `commitValues`; both stage values in a temporary table and write them set-based in one transaction
 * (db/queries/staging.ts), under an advisory lock so two imports touching the same values end as if
 * run one after the other. A preview runs the same steps and rolls back.
 */
import { createHash } from "node:crypto";
import { lockFigures, type DbOrTx } from "../client";
import { imports } from "../schema";
import {
  createStaging,
  stageValues,
  stagedChanges,
  stagedCounts,
  stagedUnusualValues,
  stagedCarriedOverMismatches,
  writeStaged,
  type StagedValue,
  type ValueChange,
  type ValueCounts,
} from "./staging";
import { getIngestScope } from "./ingest-context";
import { stagedLockedIssues } from "./approvals";
import { recordAudit, type AuditActor } from "./audit";
import { messages, type IngestInput, type IngestIssue, type IngestShape, type TextEncodingName } from "@/lib/ingest";
import { makeIssue } from "@/lib/ingest/issues";
import type { IngestLimits } from "@/lib/ingest/limits";
import { ingestIsolated } from "@/lib/ingest/worker/pool";
import { fileTooLarge } from "@/lib/import-errors";
import { eq } from "drizzle-orm";

export type { ValueChange, ValueCounts };
export { getImport, listImports, revertImport, type ImportVisibility } from "./import-history";

export interface ValueInput {
  unitId: number;
  /** Quarter code, e.g. 2025Q1. */
  period: string;
  element: string;
  value: number;
}

export type ImportSource = "web" | "api" | "cli" | "demo" | "form";

export interface ImportMeta {
  createdBy: string;
  source: ImportSource;
  fileName?: string | null;
  fileSize?: number | null;
  sha256?: string | null;
  shape?: string | null;
  rowCount: number;
  /** When the figures were received; defaults to now. The demo uses it to spread submissions over time. */
  createdAt?: Date;
  note?: string | null;
}

export interface CommitResult {
  importId: number;
  status: "committed" | "unchanged";
  counts: ValueCounts;
}

function assertValues(values: readonly ValueInput[]): void {
  for (const v of values) {
    if (!Number.isInteger(v.value) || v.value < 0 || v.value > 2_147_483_647) {
      throw new Error(`Invalid count ${v.value} for unit ${v.unitId} ${v.period} ${v.element}`);
    }
  }
}

async function insertImport(
  tx: DbOrTx,
  meta: ImportMeta,
  status: "committed" | "rejected",
  extra: Partial<typeof imports.$inferInsert> = {},
) {
  const [row] = await tx
    .insert(imports)
    .values({
      createdAt: meta.createdAt ?? new Date(),
      createdBy: meta.createdBy,
      source: meta.source,
      fileName: meta.fileName ?? null,
      fileSize: meta.fileSize ?? null,
      sha256: meta.sha256 ?? null,
      shape: meta.shape ?? null,
      status,
      rowCount: meta.rowCount,
      note: meta.note ?? null,
      ...extra,
    })
    .returning({ id: imports.id, createdAt: imports.createdAt });
  return row;
}

/** Thrown by commitStaged when, under the lock, staged values turn out to touch approved quarters. */
class LockedStaged extends Error {
  constructor(
    readonly issues: IngestIssue[],
    readonly count: number,
  ) {
    super("period_locked");
  }
}

/** Lock, compare with the current figures, write, and record the outcome on the import row. */
async function commitStaged(
  tx: DbOrTx,
  meta: ImportMeta,
  onWrite?: (values: number) => void,
  options: { refuseLocked?: boolean; beforeWrite?: (tx: DbOrTx) => Promise<void> } = {},
): Promise<CommitResult> {
  await lockFigures(tx);
  // Under the lock, before anything is written: the entry form's check that nobody saved in between.
  await options.beforeWrite?.(tx);
  if (options.refuseLocked) {
    // Again under the lock: a quarter approved since the check in runImport is refused too.
    const locked = await stagedLockedIssues(tx);
    if (locked.count > 0) throw new LockedStaged(locked.issues, locked.count);
  }
  const counts = await stagedCounts(tx);
  const imp = await insertImport(tx, meta, "committed");
  const status = counts.new + counts.changed > 0 ? "committed" : "unchanged";
  if (status === "committed") {
    onWrite?.(counts.new + counts.changed);
    await writeStaged(tx, { importId: imp.id, at: imp.createdAt });
  }
  await tx
    .update(imports)
    .set({
      status,
      valueCount: counts.values,
      newCount: counts.new,
      changedCount: counts.changed,
      unchangedCount: counts.unchanged,
    })
    .where(eq(imports.id, imp.id));
  return { importId: imp.id, status, counts };
}

/**
 * Write already-validated values (the demo loader). Unchanged values are not touched; changed ones
 * keep their previous value in history; the same values again report `unchanged`.
 */
export async function commitValues(
  db: DbOrTx,
  params: { meta: ImportMeta; values: readonly ValueInput[] },
): Promise<CommitResult> {
  assertValues(params.values);
  return db.transaction(async (tx) => {
    await createStaging(tx);
    await stageValues(tx, params.values);
    return commitStaged(tx, params.meta);
  });
}

export interface RunImportParams {
  input: IngestInput;
  fileName: string;
  /** The unit whose communes the uploader may write ("all": every commune). */
  scopeUnitId: number | "all";
  mode: "preview" | "commit";
  createdBy: string;
  source: Exclude<ImportSource, "demo">;
  /** Refuse the upload past this many bytes (413). */
  maxBytes: number;
  /** The current quarter; later quarters are refused. Defaults to today's. */
  currentQuarter?: string;
  /** How many changed values the preview lists (all are counted). */
  changeLimit?: number;
  sheetName?: string;
  /** Parser limits other than the defaults of lib/ingest/limits.ts (tests, benchmarks). */
  limits?: Partial<IngestLimits>;
  /** Progress of long work: values read so far, then the start of the comparison and of the write. */
  onProgress?: (event: ImportProgress) => void;
  /** Who uploaded, from where: a committed or refused import is recorded in the audit trail (same transaction as the write). */
  audit?: { actor: AuditActor; unitId?: number | null };
  /** A note kept on the import row and in the audit detail (the entry form: "on behalf of the commune"). */
  note?: string | null;
  /**
   * Called in the import's transaction under the figures lock, just before the write (the entry form
   * checks there that the quarter did not change since it was opened); throwing aborts the import.
   */
  beforeWrite?: (tx: DbOrTx) => Promise<void>;
}

export type ImportProgress =
  { phase: "reading"; values: number } | { phase: "comparing" } | { phase: "writing"; values: number };

export interface ImportOutcome {
  status: "preview" | "committed" | "unchanged" | "rejected";
  importId: number | null;
  fileName: string;
  fileSize: number;
  sha256: string;
  encoding: TextEncodingName | null;
  shape: IngestShape | null;
  counts: ValueCounts & { rows: number };
  errors: IngestIssue[];
  errorCount: number;
  warnings: IngestIssue[];
  warningCount: number;
  /** New and changed values (old → new), first `changeLimit` in file order. */
  changes: ValueChange[];
}

/** Carries a finished preview or refusal out of the transaction, which it rolls back. */
class Rollback extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super("rollback");
  }
}

/** Hash and measure the upload as it streams past, and stop it at the size limit. */
async function* metered(
  input: IngestInput,
  maxBytes: number,
  into: { size: number; hash: ReturnType<typeof createHash> },
): AsyncGenerator<Uint8Array> {
  const chunks: Iterable<Uint8Array> | AsyncIterable<Uint8Array> = input instanceof Uint8Array ? [input] : input;
  for await (const chunk of chunks) {
    into.size += chunk.length;
    if (into.size > maxBytes) throw fileTooLarge(maxBytes);
    into.hash.update(chunk);
    yield chunk;
  }
}

const EMPTY_COUNTS = { values: 0, new: 0, changed: 0, unchanged: 0 };

/**
 * Read, validate and — when `mode` is "commit" and there is no error — write one upload, all in one
 * transaction: every value lands or none does. A preview does the same work and writes nothing.
 */
export async function runImport(db: DbOrTx, params: RunImportParams): Promise<ImportOutcome> {
  const scope = await getIngestScope(db, { unitId: params.scopeUnitId, currentQuarter: params.currentQuarter });
  const meter = { size: 0, hash: createHash("sha256") };
  const base = { importId: null, fileName: params.fileName, changes: [] as ValueChange[] };
  const progress = params.onProgress ?? (() => {});
  let read = 0;
  try {
    return await db.transaction(async (tx) => {
      await createStaging(tx);
      // Parsed in a worker thread with its own heap cap: a hostile file fails alone, the server keeps serving.
      const summary = await ingestIsolated(metered(params.input, params.maxBytes, meter), scope.context, {
        fileName: params.fileName,
        sheetName: params.sheetName,
        limits: params.limits,
        batchSize: 5000,
        onValues: async (batch) => {
          const staged: StagedValue[] = batch.map((v) => {
            const unitId = scope.unitIds.get(`${v.structure}|${v.unitCode}`);
            if (unitId === undefined)
              throw new Error(`Commune ${v.unitCode} (${v.structure}) passed validation but is not in scope`);
            return { unitId, period: v.period, element: v.element, value: v.value, line: v.line };
          });
          await stageValues(tx, staged);
          read += staged.length;
          progress({ phase: "reading", values: read });
        },
      });
      progress({ phase: "comparing" });
      const unusual = await stagedUnusualValues(tx, { limit: 1000 });
      const carried = await stagedCarriedOverMismatches(tx, { limit: 1000 });
      const subject = (u: { unitCode: string; unitName: string; period: string }) => ({
        unitCode: u.unitCode,
        unitName: u.unitName,
        period: u.period,
      });
      const warnings = [
        ...summary.warnings,
        ...unusual.map((u) =>
          makeIssue(
            { line: u.line, column: u.element, named: true },
            "unusual_value",
            String(u.value),
            messages.unusual_value({ element: u.element, value: u.value, median: u.median, subject: subject(u) }),
          ),
        ),
        ...carried.map((c) =>
          makeIssue(
            { line: c.line, column: "petitions_carried_over", named: true },
            "carried_over_mismatch",
            String(c.value),
            messages.carried_over_mismatch({ value: c.value, previous: c.previous, subject: subject(c) }),
          ),
        ),
      ].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
      const outcome: ImportOutcome = {
        ...base,
        status: "preview",
        fileSize: meter.size,
        sha256: meter.hash.copy().digest("hex"),
        encoding: summary.encoding,
        shape: summary.shape,
        counts: { rows: summary.rowsRead, ...EMPTY_COUNTS },
        errors: summary.errors,
        errorCount: summary.errorCount,
        warnings,
        warningCount: summary.warningCount + unusual.length + carried.length,
      };
      if (summary.errorCount > 0)
        throw new Rollback({
          ...outcome,
          status: "rejected",
          counts: { rows: summary.rowsRead, ...EMPTY_COUNTS, values: summary.valueCount },
        });
      // Approved quarters are locked: each (commune, quarter) is named on its first line.
      const rejectLocked = (issues: IngestIssue[], count: number) =>
        new Rollback({
          ...outcome,
          status: "rejected",
          errors: issues,
          errorCount: count,
          counts: { rows: summary.rowsRead, ...EMPTY_COUNTS, values: summary.valueCount },
        });
      const locked = await stagedLockedIssues(tx);
      if (locked.count > 0) throw rejectLocked(locked.issues, locked.count);
      const changes = await stagedChanges(tx, params.changeLimit ?? 500);
      if (params.mode === "preview") {
        throw new Rollback({ ...outcome, counts: { rows: summary.rowsRead, ...(await stagedCounts(tx)) }, changes });
      }
      const meta: ImportMeta = {
        createdBy: params.createdBy,
        source: params.source,
        fileName: params.fileName,
        fileSize: meter.size,
        sha256: outcome.sha256,
        shape: summary.shape,
        rowCount: summary.rowsRead,
        note: params.note ?? null,
      };
      let result: CommitResult;
      try {
        result = await commitStaged(tx, meta, (values) => progress({ phase: "writing", values }), {
          refuseLocked: true,
          beforeWrite: params.beforeWrite,
        });
      } catch (e) {
        if (e instanceof LockedStaged) throw rejectLocked(e.issues, e.count);
        throw e;
      }
      if (params.audit) {
        await recordAudit(tx, {
          actor: params.audit.actor,
          action: "import",
          target: `import:${result.importId}`,
          unitId: params.audit.unitId ?? null,
          detail: {
            status: result.status,
            fileName: params.fileName,
            source: params.source,
            values: result.counts.values,
            new: result.counts.new,
            changed: result.counts.changed,
            ...(params.note ? { note: params.note } : {}),
          },
        });
      }
      return {
        ...outcome,
        status: result.status,
        importId: result.importId,
        counts: { rows: summary.rowsRead, ...result.counts },
        changes,
      };
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
    const outcome = err.outcome;
    if (outcome.status === "rejected" && params.mode === "commit") {
      // The refusal itself is recorded (who, when, which file, how many errors); no figure is written.
      const imp = await insertImport(
        db,
        {
          createdBy: params.createdBy,
          source: params.source,
          fileName: params.fileName,
          fileSize: outcome.fileSize,
          sha256: outcome.sha256,
          shape: outcome.shape,
          rowCount: outcome.counts.rows,
        },
        "rejected",
        { errorCount: outcome.errorCount },
      );
      if (params.audit) {
        await recordAudit(db, {
          actor: params.audit.actor,
          action: "import_rejected",
          target: `import:${imp.id}`,
          unitId: params.audit.unitId ?? null,
          detail: {
            fileName: params.fileName,
            source: params.source,
            errors: outcome.errorCount,
            firstError: outcome.errors[0]?.messageVi ?? null,
          },
        });
      }
      return { ...outcome, importId: imp.id };
    }
    return outcome;
  }
}
