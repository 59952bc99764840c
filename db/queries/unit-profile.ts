/**
 * Reads behind the dashboard pickers and the commune profile: which quarters hold figures, which
 * scopes sit below the overseeing unit, whether a unit lies inside another, and the imports that
 * touched one commune (from value_history, so a correction or a revert shows up as well).
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { pgArray } from "../pg-array";

/** Quarters in which any of the given communes stored a figure, oldest first. */
export async function listReportedQuarters(db: DbOrTx, params: { unitIds: readonly number[] }): Promise<string[]> {
  if (params.unitIds.length === 0) return [];
  const rows = await queryRows<{ period: string }>(
    db,
    sql`select distinct period from data_values where unit_id = any(${pgArray(params.unitIds)}::int[]) order by period`,
  );
  return rows.map((r) => r.period);
}

export interface ScopeOption {
  id: number;
  code: string;
  name: string;
  level: "province" | "district" | "commune";
}

/**
 * The units a person may take as the scope of a view: the unit itself and the districts below it
 * (a province's districts; a district has none). Communes are opened through their profile instead.
 */
export async function listScopeOptions(db: DbOrTx, params: { unitId: number }): Promise<ScopeOption[]> {
  const rows = await queryRows<ScopeOption & { depth: number }>(
    db,
    sql`with recursive tree as (
          select id, code, name, level, 0 as depth from units where id = ${params.unitId}
          union all
          select u.id, u.code, u.name, u.level, t.depth + 1 from units u join tree t on u.parent_id = t.id where u.level <> 'commune'
        )
        select id, code, name, level, depth from tree where depth = 0 or level = 'district' order by depth, code`,
  );
  return rows.map(({ depth: _depth, ...r }) => ({ ...r, id: Number(r.id) }));
}

export interface UnitParent {
  code: string;
  name: string;
}

/** The unit directly above a unit (a commune's district), or null at the top. */
export async function getUnitParent(db: DbOrTx, params: { unitId: number }): Promise<UnitParent | null> {
  const [row] = await queryRows<UnitParent>(
    db,
    sql`select p.code, p.name from units u join units p on p.id = u.parent_id where u.id = ${params.unitId}`,
  );
  return row ?? null;
}

export interface UnitImportRow {
  importId: number;
  createdAt: Date;
  createdBy: string;
  source: string;
  fileName: string | null;
  status: string;
  /** Quarters of this commune the import wrote, oldest first. */
  periods: string[];
  /** Figures of this commune the import added (none before). */
  added: number;
  /** Figures of this commune it changed. */
  changed: number;
  /** Figures of this commune it removed (a revert of an addition). */
  removed: number;
}

/**
 * The imports that changed figures of one commune, newest first, with what each did to it.
 * @example listUnitImports(db, { unitId: 12 }) → [{ importId: 31, source: "demo", periods: ["2025Q1"], added: 23, changed: 0, removed: 0, … }, …]
 */
export async function listUnitImports(db: DbOrTx, params: { unitId: number; limit?: number }): Promise<UnitImportRow[]> {
  const rows = await queryRows<{
    import_id: number;
    created_at: Date | string;
    created_by: string;
    source: string;
    file_name: string | null;
    status: string;
    periods: string[] | string;
    added: number;
    changed: number;
    removed: number;
  }>(
    db,
    sql`select i.id as import_id, i.created_at, i.created_by, i.source, i.file_name, i.status,
               array_agg(distinct h.period order by h.period) as periods,
               count(*) filter (where h.old_value is null)::int as added,
               count(*) filter (where h.old_value is not null and h.new_value is not null)::int as changed,
               count(*) filter (where h.new_value is null)::int as removed
        from value_history h join imports i on i.id = h.import_id
        where h.unit_id = ${params.unitId}
        group by i.id
        order by i.created_at desc, i.id desc
        limit ${params.limit ?? 50}`,
  );
  return rows.map((r) => ({
    importId: Number(r.import_id),
    createdAt: new Date(r.created_at),
    createdBy: r.created_by,
    source: r.source,
    fileName: r.file_name,
    status: r.status,
    periods: Array.isArray(r.periods) ? r.periods : parsePgTextArray(r.periods),
    added: Number(r.added),
    changed: Number(r.changed),
    removed: Number(r.removed),
  }));
}

/** `{2025Q1,2025Q2}` → ["2025Q1", "2025Q2"] (a driver that hands arrays back as text). Quarter codes need no unquoting. */
function parsePgTextArray(s: string): string[] {
  const inner = s.replace(/^\{|\}$/g, "");
  return inner ? inner.split(",").map((x) => x.replace(/^"|"$/g, "")) : [];
}
