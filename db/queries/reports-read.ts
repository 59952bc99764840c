/**
 * Reading narrative reports: one report with its items, the list of current reports, the grid of a
 * scope's communes × quarters (received / late / missing, next to whether figures were imported), and
 * one topic of one period side by side for every commune. The reader's scope is a parameter.
 */
import { and, asc, desc, eq, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import { date, int, intOrNull } from "../columns";
import { narrativeReportItems, narrativeReports, units } from "../schema";
import { readableUnitsSql, scopeReadsCommune, type UserScope } from "./access";
import { communeRowSchema } from "./units";
import { underUnitSql } from "./reports-search";
import { redactRepetition, type RepetitionEntry } from "./reports-checks";
import { AppError } from "@/lib/errors";
import { isOnTime, reportingDeadline } from "@/lib/indicators/deadline";
import { parsePeriod } from "@/lib/periods";
import type { CommuneNarrativeFacts } from "@/lib/reports/highlights";
import type { Topic } from "@/lib/reports/topics";

export function reportNotFound(id: number | string): AppError {
  return new AppError(
    "report_not_found",
    `Không có báo cáo thuyết minh số ${id} (hoặc tài khoản không được xem).`,
    `There is no narrative report number ${id} (or you may not read it).`,
  );
}

/** One report version with its items and the list of all versions of its commune and period. */
export async function getReport(db: DbOrTx, params: { id: number; scope: UserScope }) {
  const [row] = await db
    .select({ report: narrativeReports, unit: { id: units.id, code: units.code, name: units.name } })
    .from(narrativeReports)
    .innerJoin(units, eq(units.id, narrativeReports.unitId))
    .where(eq(narrativeReports.id, params.id));
  if (!row || !scopeReadsCommune(params.scope, row.unit.id)) throw reportNotFound(params.id);
  const items = await db
    .select()
    .from(narrativeReportItems)
    .where(eq(narrativeReportItems.reportId, params.id))
    .orderBy(asc(narrativeReportItems.position));
  const versions = await db
    .select({
      id: narrativeReports.id,
      version: narrativeReports.version,
      isCurrent: narrativeReports.isCurrent,
      createdAt: narrativeReports.createdAt,
      createdBy: narrativeReports.createdBy,
      fileName: narrativeReports.fileName,
    })
    .from(narrativeReports)
    .where(and(eq(narrativeReports.unitId, row.unit.id), eq(narrativeReports.period, row.report.period)))
    .orderBy(desc(narrativeReports.version));
  return {
    ...row.report,
    unit: { code: row.unit.code, name: row.unit.name },
    items: items.map(({ search: _s, ...it }) => ({
      ...it,
      repetition: redactRepetition(it.repetition as RepetitionEntry[], (id) => scopeReadsCommune(params.scope, id)),
    })),
    versions,
  };
}

export interface ReportListRow {
  id: number;
  unit: { code: string; name: string };
  period: string;
  version: number;
  title: string;
  format: string;
  createdAt: string;
  createdBy: string;
  items: number;
}

/** Current reports the reader may see, optionally for some unit codes and periods. */
export async function listReports(
  db: DbOrTx,
  params: { scope: UserScope; unitCodes?: string[]; periods?: string[]; limit?: number },
): Promise<ReportListRow[]> {
  const rows = await queryRows(
    db,
    sql`select r.id, u.code, u.name, r.period, r.version, r.title, r.format, r.created_at as "createdAt", r.created_by as "createdBy",
          (select count(*)::int from narrative_report_items i where i.report_id = r.id) as items
        from narrative_reports r join units u on u.id = r.unit_id
        where r.is_current and ${readableUnitsSql(params.scope, sql`r.unit_id`)}
          ${
            params.unitCodes?.length
              ? sql`and u.code in (${sql.join(
                  params.unitCodes.map((c) => sql`${c}`),
                  sql`, `,
                )})`
              : sql``
          }
          ${
            params.periods?.length
              ? sql`and r.period in (${sql.join(
                  params.periods.map((p) => sql`${p}`),
                  sql`, `,
                )})`
              : sql``
          }
        order by r.period desc, u.code
        limit ${params.limit ?? 500}`,
    z.object({
      id: int,
      code: z.string(),
      name: z.string(),
      period: z.string(),
      version: int,
      title: z.string(),
      format: z.string(),
      createdAt: date,
      createdBy: z.string(),
      items: int,
    }),
  );
  return rows.map(({ code, name, ...r }) => ({ ...r, createdAt: r.createdAt.toISOString(), unit: { code, name } }));
}

export type GridState = "received" | "late" | "missing";

export interface GridRow {
  unit: { id: number; code: string; name: string };
  cells: {
    period: string;
    state: GridState;
    reportId: number | null;
    version: number | null;
    receivedAt: string | null;
    figures: boolean;
  }[];
}

/**
 * Communes below `scopeUnitId` the reader may see × quarters: whether a report arrived (by the
 * reporting deadline, or late) and whether figures were imported for that quarter.
 */
export async function getReportGrid(
  db: DbOrTx,
  params: { scope: UserScope; scopeUnitId: number; quarters: string[]; now?: Date },
): Promise<GridRow[]> {
  const communes = await queryRows(
    db,
    sql`select id, code, name from units u where ${underUnitSql(params.scopeUnitId, sql`u.id`)} and
      ${readableUnitsSql(params.scope, sql`u.id`)} order by code`,
    communeRowSchema,
  );
  if (!communes.length || !params.quarters.length) return [];
  const ids = sql.join(
    communes.map((c) => sql`${c.id}`),
    sql`, `,
  );
  const periods = sql.join(
    params.quarters.map((q) => sql`${q}`),
    sql`, `,
  );
  const reports = await queryRows(
    db,
    sql`select r.unit_id as "unitId", r.period, r.id, r.version,
          (select min(created_at) from narrative_reports f where f.unit_id = r.unit_id and f.period = r.period) as "firstAt"
        from narrative_reports r where r.is_current and r.unit_id in (${ids}) and r.period in (${periods})`,
    z.object({ unitId: int, period: z.string(), id: int, version: int, firstAt: date }),
  );
  const figures = await queryRows(
    db,
    sql`select distinct unit_id as "unitId", period from data_values where unit_id in (${ids}) and period in (${periods})`,
    z.object({ unitId: int, period: z.string() }),
  );
  const rep = new Map(reports.map((r) => [`${r.unitId}|${r.period}`, r]));
  const fig = new Set(figures.map((f) => `${f.unitId}|${f.period}`));
  return communes.map((c) => ({
    unit: c,
    cells: params.quarters.map((period) => {
      const r = rep.get(`${c.id}|${period}`);
      const at = r ? r.firstAt : null;
      const state: GridState = !r ? "missing" : at && isOnTime(at, reportingDeadline(period)) ? "received" : "late";
      return {
        period,
        state,
        reportId: r ? r.id : null,
        version: r ? r.version : null,
        receivedAt: at ? at.toISOString() : null,
        figures: fig.has(`${c.id}|${period}`),
      };
    }),
  }));
}

export interface TopicColumn {
  unit: { code: string; name: string };
  reportId: number | null;
  items: { part: string; number: number; title: string; text: string; repetition: unknown }[];
}

/**
 * One topic of one period for every commune below the scope unit the reader may see, side by side:
 * a commune without a report, or whose report says nothing on the topic, has an empty column.
 */
export async function getTopicSideBySide(
  db: DbOrTx,
  params: { scope: UserScope; scopeUnitId: number; period: string; topic: string; part?: string },
): Promise<TopicColumn[]> {
  if (!parsePeriod(params.period)) return [];
  const rows = await queryRows(
    db,
    sql`with c as (select id, code, name from units u where ${underUnitSql(params.scopeUnitId, sql`u.id`)} and
      ${readableUnitsSql(params.scope, sql`u.id`)}),
        r as (select id, unit_id from narrative_reports where is_current and period = ${params.period} and unit_id in (select id from c))
        select c.id as "unitId", c.code, c.name, r.id as "reportId", i.part, i.number, i.title, i.text, i.repetition
        from c left join r on r.unit_id = c.id
        left join narrative_report_items i on i.report_id = r.id and i.topic = ${params.topic} ${
          params.part
            ? sql`and
          i.part_kind = ${params.part}`
            : sql``
        }
        order by c.code, i.position`,
    z.object({
      unitId: int,
      code: z.string(),
      name: z.string(),
      reportId: intOrNull,
      part: z.string().nullable(),
      number: intOrNull,
      title: z.string().nullable(),
      text: z.string().nullable(),
      repetition: z.unknown(),
    }),
  );
  const out = new Map<number, TopicColumn>();
  for (const r of rows) {
    const col = out.get(r.unitId) ?? { unit: { code: r.code, name: r.name }, reportId: r.reportId, items: [] };
    if (r.part !== null && r.number !== null) {
      const repetition = redactRepetition((r.repetition ?? []) as RepetitionEntry[], (id) =>
        scopeReadsCommune(params.scope, id),
      );
      col.items.push({ part: r.part, number: r.number, title: r.title ?? "", text: r.text ?? "", repetition });
    }
    out.set(r.unitId, col);
  }
  return [...out.values()];
}

/**
 * Facts of each commune's current report of the period for the draft report (lib/reports/highlights.ts):
 * per part I topic, the documents cited and the figures stated there.
 */
export async function getNarrativeFacts(
  db: DbOrTx,
  params: { scope: UserScope; scopeUnitId: number; period: string },
): Promise<CommuneNarrativeFacts[]> {
  const rows = await queryRows(
    db,
    sql`with c as (select id, code, name from units u where ${underUnitSql(params.scopeUnitId, sql`u.id`)} and
      ${readableUnitsSql(params.scope, sql`u.id`)})
        select c.id as "unitId", c.name, r.id as "reportId", r.references, r.figures,
          (select json_agg(json_build_object('part', i.part, 'number', i.number, 'topic', i.topic)) from
            narrative_report_items i where i.report_id = r.id and i.part_kind = 'results') as items
        from c left join narrative_reports r on r.unit_id = c.id and r.is_current and r.period = ${params.period}
        order by c.code`,
    z.object({
      unitId: int,
      name: z.string(),
      reportId: intOrNull,
      references: z.unknown(),
      figures: z.unknown(),
      items: z.array(z.object({ part: z.string(), number: int, topic: z.string() })).nullable(),
    }),
  );
  return rows.map((r) => {
    if (r.reportId === null) return { unitName: r.name, topics: null };
    const topicOf = new Map((r.items ?? []).map((i) => [`${i.part}|${i.number}`, i.topic as Topic]));
    const topics: NonNullable<CommuneNarrativeFacts["topics"]> = {};
    for (const t of new Set(topicOf.values())) topics[t] = { references: [], figures: [] };
    for (const ref of (r.references ?? []) as {
      kind: string;
      number: string;
      part: string | null;
      itemNumber: number | null;
    }[]) {
      const t = topicOf.get(`${ref.part}|${ref.itemNumber}`);
      if (t) topics[t]!.references.push(`${ref.kind} số ${ref.number}`);
    }
    for (const f of (r.figures ?? []) as {
      text: string;
      check: string | null;
      submitted: number | null;
      part: string | null;
      itemNumber: number | null;
    }[]) {
      const t = topicOf.get(`${f.part}|${f.itemNumber}`);
      if (t) topics[t]!.figures.push({ text: f.text, check: f.check, submitted: f.submitted });
    }
    return { unitName: r.name, topics };
  });
}
