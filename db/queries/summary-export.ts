/**
 * What the summary exports read, through the one read path: the engine's table by commune with every
 * element's total per row (getIndicatorTable) and completeness, both narrowed to the reader inside their
 * queries — then lib/export turns them into files. Also the units an export may be made for.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { int } from "../columns";
import { elementCodes } from "@/lib/indicators/catalogue";
import type { SummaryExportData } from "@/lib/export/summary-table";
import type { Period } from "@/lib/periods";
import type { Reader } from "./access";
import { getCompleteness } from "./completeness";
import { getIndicatorTable } from "./indicators";
import type { ScopeUnit } from "./units";

/**
 * Everything a summary export of a unit and a period needs, as the reader may see it: a reporter's
 * district export has the district's totals and their own commune's row only.
 * @example getSummaryExportData(db, { reader, scopeUnitId: 2, period: "2025Q1" }) → { rows: 16 communes + total,
 * each with 23 element totals, completeness: 1 quarter }
 */
export async function getSummaryExportData(
  db: DbOrTx,
  params: { reader: Reader; scopeUnitId: number; period: string | Period; indicators?: readonly string[] },
): Promise<SummaryExportData & { scopeUnit: ScopeUnit }> {
  const [table, completeness] = await Promise.all([
    getIndicatorTable(db, {
      reader: params.reader,
      scope: params.scopeUnitId,
      period: params.period,
      indicators: params.indicators,
      by: "unit",
      elements: elementCodes,
    }),
    getCompleteness(db, { reader: params.reader, scopeUnitId: params.scopeUnitId, period: params.period }),
  ]);
  return {
    scopeUnit: table.scope,
    scope: { code: table.scope.code, name: table.scope.name, level: table.scope.level },
    period: table.period,
    indicators: table.indicators,
    rows: table.rows,
    completeness: { deadlineDay: completeness.deadlineDay, quarters: completeness.quarters, total: completeness.total },
  };
}

const exportScopeOptionSchema = z.object({
  id: int,
  code: z.string(),
  name: z.string(),
  level: z.string(),
  structure: z.string(),
});
export type ExportScopeOption = z.infer<typeof exportScopeOptionSchema>;

/**
 * Units an export can be made for from a unit: the units above it (province first), itself, then the
 * non-commune units below it (a province's districts), by code.
 * @example listExportScopes(db, { unitId: 2 }) → [Tỉnh Quảng Ngãi (51), Huyện Trà Bồng (525)]
 */
export async function listExportScopes(db: DbOrTx, params: { unitId: number }): Promise<ExportScopeOption[]> {
  return queryRows(
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
        select u.id, u.code, u.name, u.level, u.structure
        from picked p join units u on u.id = p.id
        order by p.depth, u.code`,
    exportScopeOptionSchema,
  );
}
