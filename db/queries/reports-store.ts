/**
 * Narrative report intake: one code path for the web page, the API and the CLI (like runImport).
 * Read the file (lib/reports), find the commune and period (text, completed or overridden by the
 * caller), check scope and lock, compare stated figures with submitted ones, find recycled text, then
 * preview, or store a new current version in one transaction (the old one stays in history).
 */
import { createHash } from "node:crypto";
import { and, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import { int, intOrNull } from "../columns";
import { narrativeReportItems, narrativeReports } from "../schema";
import { getUserScope } from "./access";
import { getPeriodStatuses } from "./approvals";
import { recordAudit, type AuditActor } from "./audit";
import type { ExtractedText } from "@/lib/reports/extract";
import type { ParsedReport } from "@/lib/reports/parse";
import { readReportIsolated } from "@/lib/ingest/worker/pool";
import { reportMessages as M, type ReportIssue } from "@/lib/reports/messages";
import { unitKey } from "@/lib/reports/header";
import { parsePeriod, structureForQuarter } from "@/lib/periods";
import { AppError } from "@/lib/errors";
import type { ScopeSubject } from "@/lib/auth/permissions";
import {
  findRepetition,
  redactRepetition,
  submittedFigures,
  type FigureCheck,
  type RepetitionEntry,
} from "./reports-checks";
import { scopeReadsCommune } from "./access";

export type ReportStatus = "preview" | "stored" | "unchanged" | "rejected";

export interface ReportOutcome {
  status: ReportStatus;
  reportId: number | null;
  version: number | null;
  unit: { code: string; name: string } | null;
  period: string | null;
  title: string;
  format: string | null;
  sections: {
    part: string;
    partKind: string;
    number: number;
    title: string;
    topic: string;
    text: string;
    footnotes: { n: number; text: string }[];
  }[];
  references: {
    kind: string;
    number: string;
    issuer: string | null;
    date: string | null;
    text: string;
    part: string | null;
    itemNumber: number | null;
  }[];
  figures: FigureCheck[];
  repetition: RepetitionEntry[];
  coverage: { missingTopics: string[]; wordsByTopic: Record<string, number> };
  errors: ReportIssue[];
  warnings: ReportIssue[];
}

export interface RunReportParams {
  bytes: Uint8Array;
  fileName: string;
  /** Unit code chosen by the uploader (overrides the text). */
  unitCode?: string;
  /** Period code chosen by the uploader (overrides the text). */
  period?: string;
  mode: "preview" | "commit";
  user: ScopeSubject & { email: string };
  source: "web" | "api" | "cli" | "demo";
  audit?: { actor: AuditActor } | null;
  /** Pretend now is this (tests, demo data). */
  now?: Date;
}

const unitRowSchema = z.object({ id: int, code: z.string(), name: z.string(), level: z.string(), parentId: intOrNull });
type UnitRow = z.infer<typeof unitRowSchema>;

function empty(status: ReportStatus, errors: ReportIssue[], warnings: ReportIssue[] = []): ReportOutcome {
  return {
    status,
    reportId: null,
    version: null,
    unit: null,
    period: null,
    title: "",
    format: null,
    sections: [],
    references: [],
    figures: [],
    repetition: [],
    coverage: { missingTopics: [], wordsByTopic: {} },
    errors,
    warnings,
  };
}

/** Communes of a structure the user may write, by id (admin: every commune of the structure). */
async function writableCommunes(db: DbOrTx, user: ScopeSubject, structure: string): Promise<UnitRow[]> {
  const scope = await getUserScope(db, user);
  const ids = scope.all ? null : scope.writeUnitIds;
  if (ids && ids.length === 0) return [];
  return queryRows(
    db,
    sql`select id, code, name, level, parent_id as "parentId" from units
        where structure = ${structure} and level = 'commune'
        ${
          ids
            ? sql`and id in (${sql.join(
                ids.map((i) => sql`${i}`),
                sql`, `,
              )})`
            : sql``
        }`,
    unitRowSchema,
  );
}

/** Resolve period and unit; problems become errors, disagreements with the text warnings. */
async function resolveTarget(db: DbOrTx, params: RunReportParams, parsed: ParsedReport, warnings: ReportIssue[]) {
  const errors: ReportIssue[] = [];
  let period: string | null = null;
  if (params.period) {
    const p = parsePeriod(params.period);
    if (!p || p.kind === "range") errors.push(M.periodInvalid(params.period));
    else {
      period = p.code;
      if (parsed.period && parsed.period.code !== period) warnings.push(M.periodMismatch(period, parsed.period.code));
    }
  } else if (parsed.period) period = parsed.period.code;
  else errors.push(M.periodUnknown());
  if (!period) return { errors, period: null, unit: null };

  const quarters = parsePeriod(period)!.quarters;
  const structure = structureForQuarter(quarters[quarters.length - 1]);
  const communes = await writableCommunes(db, params.user, structure);
  const named = parsed.units[0] ?? null;
  const byName = named ? communes.filter((c) => unitKey(c.name) === unitKey(named.name)) : [];
  let unit: UnitRow | null = null;
  if (params.unitCode) {
    const [row] = await queryRows(
      db,
      sql`select id, code, name, level, parent_id as "parentId" from units where structure = ${structure} and code = ${params.unitCode}`,
      unitRowSchema,
    );
    if (!row || row.level !== "commune") errors.push(M.unitNotCommune(params.unitCode));
    else if (!communes.some((c) => c.id === row.id)) errors.push(M.unitOutsideScope(`${row.name} (${row.code})`));
    else {
      unit = row;
      if (named && unitKey(row.name) !== unitKey(named.name))
        warnings.push(M.unitMismatch(`${row.name} (${row.code})`, `xã ${named.name}`));
    }
  } else if (byName.length === 1) unit = byName[0];
  else if (byName.length > 1)
    errors.push(
      M.unitAmbiguous(
        named!.name,
        byName.map((c) => c.code),
      ),
    );
  else if (named) {
    // Named in the text but not writable: say so when it exists at all, else unknown.
    const [other] = await queryRows(
      db,
      sql`select id, code, name, level, parent_id as "parentId" from units where structure = ${structure} and level =
        'commune' and public.f_unaccent(lower(name)) = public.f_unaccent(lower(${`Xã ${named.name}`})) limit 1`,
      unitRowSchema,
    );
    errors.push(other ? M.unitOutsideScope(`${other.name} (${other.code})`) : M.unitUnknown(named.name));
  } else errors.push(M.unitUnknown(null));
  return { errors, period, unit, quarters };
}

async function currentReport(db: DbOrTx, unitId: number, period: string) {
  const [row] = await db
    .select({ id: narrativeReports.id, sha256: narrativeReports.sha256, version: narrativeReports.version })
    .from(narrativeReports)
    .where(
      and(
        eq(narrativeReports.unitId, unitId),
        eq(narrativeReports.period, period),
        eq(narrativeReports.isCurrent, true),
      ),
    );
  return row ?? null;
}

/** Serializes report writes (one current version per commune and period). */
async function lockReports(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${0x44564351 + 7})`);
}

/**
 * Preview or store one report file. A file that cannot be read, a unit or period that cannot be
 * resolved, a locked quarter give `status: "rejected"` with errors; a file that exhausts the parsing
 * worker's memory or time throws AppError `too_large` (413), nothing written.
 * @example await runReportImport(db, { bytes, fileName: "bc.docx", mode: "preview", user, source: "api" }) → {
 * status: "preview", unit: { code: "21136", … }, period: "2025Q1", … }
 */
export async function runReportImport(db: DbOrTx, params: RunReportParams): Promise<ReportOutcome> {
  const outcome = await analyse(db, params);
  if (outcome.status === "rejected") {
    const refused = publicOutcome(outcome);
    if (params.mode === "commit" && params.audit) {
      await recordAudit(db, {
        actor: params.audit.actor,
        action: "report_rejected",
        target: params.fileName,
        detail: { errors: outcome.errors.map((e) => e.code) },
      });
    }
    return refused;
  }
  const scope = await getUserScope(db, params.user);
  const visible = (o: ReportOutcome): ReportOutcome => ({
    ...o,
    repetition: redactRepetition(o.repetition, (id) => scopeReadsCommune(scope, id)),
  });
  if (params.mode === "preview") return visible(publicOutcome(outcome));
  return visible(await store(db, params, outcome));
}

/** The outcome without the working fields of the analysis. */
function publicOutcome(a: Analysed): ReportOutcome {
  const { _unitId, _parsed, _sha, _extracted, ...outcome } = a;
  return outcome;
}

type Analysed = ReportOutcome & { _unitId?: number; _parsed?: ParsedReport; _sha?: string; _extracted?: ExtractedText };

async function analyse(db: DbOrTx, params: RunReportParams): Promise<Analysed> {
  let extracted: ExtractedText;
  let parsedOrNull: ParsedReport | null;
  try {
    // Read and parsed in a worker thread with its own heap cap and time limit (lib/ingest/worker/pool.ts).
    ({ extracted, parsed: parsedOrNull } = await readReportIsolated(params.bytes, params.fileName));
  } catch (err) {
    // A file that exhausted the worker's memory or time: refused as too large (413), not as a report.
    if (err instanceof AppError && err.code === "too_large") throw err;
    if (err instanceof AppError)
      return empty("rejected", [{ code: err.code, message: err.messageVi, messageEn: err.messageEn }]);
    return empty("rejected", [
      {
        code: "file_unreadable",
        message: "Không đọc được tệp báo cáo.",
        messageEn: "The report file could not be read.",
      },
    ]);
  }
  const warnings: ReportIssue[] = [];
  if (extracted.legacyFont) warnings.push(M.legacyFont(extracted.legacyFont));
  if (!parsedOrNull) {
    return empty(
      "rejected",
      [
        {
          code: "file_unreadable",
          message: "Không phân tích được nội dung báo cáo.",
          messageEn: "The report's text could not be analysed.",
        },
      ],
      warnings,
    );
  }
  const parsed = parsedOrNull;
  const target = await resolveTarget(db, params, parsed, warnings);
  const errors = [...target.errors];
  if (parsed.items.length === 0) errors.push(M.noItems());
  const unit = target.unit;
  const period = target.period;
  if (unit && period) {
    const last = target.quarters![target.quarters!.length - 1];
    const [status] = await getPeriodStatuses(db, { unitIds: [unit.id], periods: [last] });
    if (status?.status === "approved") errors.push(M.periodLocked(`${unit.name} (${unit.code})`, period));
  }
  const base: Analysed = {
    ...empty(errors.length ? "rejected" : "preview", errors, warnings),
    unit: unit ? { code: unit.code, name: unit.name } : null,
    period,
    title: parsed.title,
    format: extracted.format,
    sections: parsed.items.map((i) => ({
      part: i.part,
      partKind: i.partKind,
      number: i.number,
      title: i.title,
      topic: i.topic,
      text: i.text,
      footnotes: i.footnotes,
    })),
    references: parsed.references.map((r) => ({
      kind: r.kind,
      number: r.number,
      issuer: r.issuer,
      date: r.date,
      text: r.text,
      part: r.at?.part ?? null,
      itemNumber: r.at?.number ?? null,
    })),
    coverage: { missingTopics: parsed.missingTopics, wordsByTopic: parsed.wordsByTopic as Record<string, number> },
  };
  if (errors.length || !unit || !period)
    return {
      ...base,
      figures: parsed.figures.map((f) => ({
        text: f.text,
        value: f.value,
        element: f.element,
        part: f.at?.part ?? null,
        itemNumber: f.at?.number ?? null,
        submitted: null,
        check: null,
      })),
    };
  const sha = createHash("sha256").update(params.bytes).digest("hex");
  const current = await currentReport(db, unit.id, period);
  if (current?.sha256 === sha) warnings.push(M.sameAsCurrent());
  else if (current) warnings.push(M.replaces(current.version));
  const figures = await submittedFigures(db, { unitId: unit.id, period, figures: parsed.figures });
  const repetition = await findRepetition(db, {
    unit,
    period,
    items: parsed.items,
    excludeReportId: current?.id ?? null,
  });
  return {
    ...base,
    figures,
    repetition,
    _unitId: unit.id,
    _parsed: parsed,
    _sha: sha,
    _extracted: extracted,
    reportId: current?.sha256 === sha ? current.id : null,
    version: current?.sha256 === sha ? current.version : null,
  };
}

async function store(db: DbOrTx, params: RunReportParams, a: Analysed): Promise<ReportOutcome> {
  const { _unitId: unitId, _parsed: parsed, _sha: sha, _extracted: extracted, ...outcome } = a;
  const period = outcome.period!;
  return db.transaction(async (tx) => {
    await lockReports(tx);
    const current = await currentReport(tx, unitId!, period);
    if (current?.sha256 === sha)
      return {
        ...outcome,
        status: "unchanged" as const,
        reportId: current.id,
        version: current.version,
        warnings: outcome.warnings.filter((w) => w.code !== "unchanged"),
      };
    const now = params.now ?? new Date();
    if (current) {
      await tx
        .update(narrativeReports)
        .set({ isCurrent: false, replacedAt: now })
        .where(eq(narrativeReports.id, current.id));
      await tx
        .update(narrativeReportItems)
        .set({ isCurrent: false })
        .where(eq(narrativeReportItems.reportId, current.id));
    }
    const [{ max }] = await queryRows(
      tx,
      sql`select coalesce(max(version), 0)::int as max from narrative_reports where unit_id = ${unitId!} and period = ${period}`,
      z.object({ max: int }),
    );
    const [row] = await tx
      .insert(narrativeReports)
      .values({
        unitId: unitId!,
        period,
        version: max + 1,
        sha256: sha!,
        fileName: params.fileName.slice(0, 255),
        fileSize: params.bytes.byteLength,
        format: extracted!.format,
        legacyFont: extracted!.legacyFont,
        title: parsed!.title,
        preamble: parsed!.preamble,
        closing: parsed!.closing,
        references: outcome.references,
        figures: outcome.figures,
        coverage: outcome.coverage,
        warnings: outcome.warnings.filter((w) => w.code !== "replaces_version"),
        source: params.source,
        createdBy: params.user.email,
        createdAt: now,
      })
      .returning({ id: narrativeReports.id, version: narrativeReports.version });
    const byItem = new Map<string, RepetitionEntry[]>();
    for (const r of outcome.repetition)
      byItem.set(`${r.part}|${r.number}`, [...(byItem.get(`${r.part}|${r.number}`) ?? []), r]);
    if (parsed!.items.length) {
      await tx.insert(narrativeReportItems).values(
        parsed!.items.map((it, position) => ({
          reportId: row.id,
          unitId: unitId!,
          period,
          position,
          part: it.part,
          partKind: it.partKind,
          number: it.number,
          title: it.title,
          topic: it.topic,
          text: it.text,
          footnotes: it.footnotes,
          repetition: (byItem.get(`${it.part}|${it.number}`) ?? []).map((r) =>
            r.source.reportId === null ? { ...r, source: { ...r.source, reportId: row.id } } : r,
          ),
        })),
      );
    }
    if (params.audit) {
      await recordAudit(tx, {
        actor: params.audit.actor,
        action: "report_store",
        target: `${outcome.unit!.code}/${period}`,
        unitId: unitId!,
        detail: { reportId: row.id, version: row.version, file: params.fileName, replaced: current?.id ?? null },
        at: now,
      });
    }
    const repetition = outcome.repetition.map((r) =>
      r.source.reportId === null ? { ...r, source: { ...r.source, reportId: row.id } } : r,
    );
    return { ...outcome, repetition, status: "stored" as const, reportId: row.id, version: row.version };
  });
}
