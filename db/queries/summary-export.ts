/**
 * What the summary exports read: the engine's rows by commune with the scope's total, every element's sum
 * per commune over the period, and completeness — then lib/export turns them into files. Also the units
 * an export may be made for.
 */
import { filterCompletenessForScope, filterRowsForScope, type ScopeAccess } from "./access";
import type { UserScope } from "@/lib/auth/permissions";
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { elementCodes } from "@/lib/indicators/catalogue";
import { parseReportingPeriod } from "@/lib/indicators/comparison";
import { badPeriod } from "@/lib/indicators/errors";
import { buildIndicatorRows, resolveIndicators, windowsNeeded } from "@/lib/indicators/rows";
import type { SummaryExportData } from "@/lib/export/summary-table";
import type { Period } from "@/lib/periods";
import { getTargets } from "./catalogue";
import { getCompleteness } from "./completeness";
import { getScopeUnit, getWindowElementSums, type ScopeUnit } from "./indicators";
import { listCommunesUnder } from "./units";

/**
 * Everything a summary export of a unit and a period needs. The rows are the engine's, composed as
 * getIndicatorRows composes them (same sums, targets and buildIndicatorRows; the tests hold the two
 * equal), but from one read of every element: the raw-figures sheet needs all 23 per commune, and at
 * national size a second pass over the year's figures would double the export's time. Completeness is
 * read alongside (in parallel on PostgreSQL).
 * @example getSummaryExportData(db, { scopeUnitId: 2, period: "2025Q1" }) → { rows: 16 communes + total, elementSums: 16 × 23, completeness: 1 quarter }
 */
export async function getSummaryExportData(
  db: DbOrTx,
  params: { scopeUnitId: number; period: string | Period; indicators?: readonly string[] },
): Promise<SummaryExportData & { scopeUnit: ScopeUnit }> {
  const period = typeof params.period === "string" ? parseReportingPeriod(params.period) : params.period;
  if (!period) throw badPeriod(String(params.period));
  const defs = resolveIndicators(params.indicators);
  const scope = await getScopeUnit(db, { unitId: params.scopeUnitId });
  const communes = (await listCommunesUnder(db, { unitId: scope.id })).map((c) => ({ ...c, id: Number(c.id) }));
  const windows = windowsNeeded(period, "unit");
  const [sums, targets, completeness] = await Promise.all([
    getWindowElementSums(db, { unitIds: communes.map((c) => c.id), windows: windows.map((w) => ({ key: w.code, quarters: w.quarters })), elements: elementCodes }),
    getTargets(db),
    getCompleteness(db, { scopeUnitId: scope.id, period }),
  ]);
  const rows = buildIndicatorRows({ scope: { id: scope.id, code: scope.code, name: scope.name }, communes, period, by: "unit", defs, targets, sums });
  const current = sums.get(period.code)!;
  return {
    scopeUnit: scope,
    scope: { code: scope.code, name: scope.name, level: scope.level },
    period,
    indicators: defs.map((d) => d.code),
    rows,
    elementSums: new Map([...current].map(([id, s]) => [id, s.sums])),
    completeness: { deadlineDay: completeness.deadlineDay, quarters: completeness.quarters, total: completeness.total },
  };
}

export interface ExportScopeOption {
  id: number;
  code: string;
  name: string;
  level: string;
  structure: string;
}

/**
 * Units an export can be made for from a unit: the units above it (province first), itself, then the
 * non-commune units below it (a province's districts), by code.
 * @example listExportScopes(db, { unitId: 2 }) → [Tỉnh Quảng Ngãi (51), Huyện Trà Bồng (525)]
 */
export async function listExportScopes(db: DbOrTx, params: { unitId: number }): Promise<ExportScopeOption[]> {
  const rows = await queryRows<ExportScopeOption & { depth: number }>(
    db,
    sql`with recursive up as (
          select id, parent_id, 0 as depth from units where id = ${params.unitId}
          union all
          select u.id, u.parent_id, up.depth - 1 from units u join up on u.id = up.parent_id
        ), down as (
          select id, 0 as depth from units where id = ${params.unitId}
          union all
          select u.id, down.depth + 1 from units u join down on u.parent_id = down.id where u.level <> 'commune'
        ), picked as (
          select id, depth from up union select id, depth from down
        )
        select u.id, u.code, u.name, u.level, u.structure, p.depth
        from picked p join units u on u.id = p.id
        order by p.depth, u.code`,
  );
  return rows.map(({ depth: _depth, ...r }) => ({ ...r, id: Number(r.id) }));
}

/**
 * A summary export as a reporter may see it (aggregate access to their district): the totals and their
 * own communes' rows and figures; every other commune is left out. Full access: unchanged.
 */
export function narrowSummaryExport<T extends SummaryExportData>(data: T, scope: UserScope, access: ScopeAccess, scopeUnitId: number): T {
  if (access === "full" || scope.all) return data;
  return {
    ...data,
    rows: filterRowsForScope(data.rows, scope, access),
    elementSums: new Map([...data.elementSums].filter(([id]) => scope.readUnitIds.includes(Number(id)) || Number(id) === scopeUnitId)),
    completeness: { ...data.completeness, quarters: filterCompletenessForScope(data.completeness.quarters, scope, access) },
  };
}
