/**
 * Reads behind the dashboard pickers and the commune profile: which quarters hold figures, which
 * scopes sit below the overseeing unit, whether a unit lies inside another, and the imports that
 * touched one commune (from value_history, so a correction or a revert shows up as well).
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { date, int, textArray } from "../columns";
import { pgArray } from "../pg-array";
import { UNIT_LEVELS } from "@/lib/units/parse-units";

/** Quarters in which any of the given communes stored a figure, oldest first. */
export async function listReportedQuarters(db: DbOrTx, params: { unitIds: readonly number[] }): Promise<string[]> {
  if (params.unitIds.length === 0) return [];
  const rows = await queryRows(
    db,
    sql`select distinct period from data_values where unit_id = any(${pgArray(params.unitIds)}::int[]) order by period`,
    z.object({ period: z.string() }),
  );
  return rows.map((r) => r.period);
}

export const scopeOptionSchema = z.object({ id: int, code: z.string(), name: z.string(), level: z.enum(UNIT_LEVELS) });
export type ScopeOption = z.infer<typeof scopeOptionSchema>;

/**
 * The units a person may take as the scope of a view: the unit itself and the districts below it
 * (a province's districts; a district has none). Communes are opened through their profile instead.
 */
export async function listScopeOptions(db: DbOrTx, params: { unitId: number }): Promise<ScopeOption[]> {
  return queryRows(
    db,
    sql`with recursive tree as (
          select id, code, name, level, 0 as depth from units where id = ${params.unitId}
          union all
          select u.id, u.code, u.name, u.level, t.depth + 1 from units u join tree t on u.parent_id = t.id where u.level <> 'commune'
        )
        select id, code, name, level from tree where depth = 0 or level = 'district' order by depth, code`,
    scopeOptionSchema,
  );
}

export const unitParentSchema = z.object({ code: z.string(), name: z.string() });
export type UnitParent = z.infer<typeof unitParentSchema>;

/** The unit directly above a unit (a commune's district), or null at the top. */
export async function getUnitParent(db: DbOrTx, params: { unitId: number }): Promise<UnitParent | null> {
  const [row] = await queryRows(
    db,
    sql`select p.code, p.name from units u join units p on p.id = u.parent_id where u.id = ${params.unitId}`,
    unitParentSchema,
  );
  return row ?? null;
}

/**
 * periods: quarters of this commune the import wrote, oldest first; added: figures of this commune the
 * import added (none before); changed: figures it changed; removed: figures it removed (a revert of an addition).
 */
export const unitImportRowSchema = z.object({
  importId: int,
  createdAt: date,
  createdBy: z.string(),
  source: z.string(),
  fileName: z.string().nullable(),
  status: z.string(),
  periods: textArray,
  added: int,
  changed: int,
  removed: int,
});
export type UnitImportRow = z.infer<typeof unitImportRowSchema>;

/**
 * The imports that changed figures of one commune, newest first, with what each did to it.
 * @example listUnitImports(db, { unitId: 12 }) → [{ importId: 31, source: "demo", periods: ["2025Q1"], added: 23,
 * changed: 0, removed: 0, … }, …]
 */
export async function listUnitImports(
  db: DbOrTx,
  params: { unitId: number; limit?: number },
): Promise<UnitImportRow[]> {
  return queryRows(
    db,
    sql`select i.id as "importId", i.created_at as "createdAt", i.created_by as "createdBy", i.source, i.file_name as "fileName", i.status,
               array_agg(distinct h.period order by h.period) as periods,
               count(*) filter (where h.old_value is null)::int as added,
               count(*) filter (where h.old_value is not null and h.new_value is not null)::int as changed,
               count(*) filter (where h.new_value is null)::int as removed
        from value_history h join imports i on i.id = h.import_id
        where h.unit_id = ${params.unitId}
        group by i.id
        order by i.created_at desc, i.id desc
        limit ${params.limit ?? 50}`,
    unitImportRowSchema,
  );
}
