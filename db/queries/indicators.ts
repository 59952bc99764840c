/**
 * SQL aggregation for indicators: element sums per commune over sets of quarters. Flow elements sum
 * over the quarters (unknown when blank in a quarter the commune reported); a stock element takes the
 * value of the earliest quarter of the set. The arithmetic (rates, targets, statuses, comparisons) is
 * lib/indicators/.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { pgArray } from "../pg-array";
import { aggregateIndicator, computeIndicator, type ElementSums, type IndicatorValue } from "@/lib/indicators/compute";
import { getIndicator, indicators as catalogueIndicators, type IndicatorDef } from "@/lib/indicators/catalogue";
import { parseReportingPeriod } from "@/lib/indicators/comparison";
import { badPeriod, unitIdNotFound, unknownIndicators } from "@/lib/indicators/errors";
import { buildIndicatorRows, comparisonWindows, windowsNeeded, type IndicatorRow, type RowGrouping } from "@/lib/indicators/rows";
import type { Period } from "@/lib/periods";
import { getTargets } from "./catalogue";
import { listCommunesUnder } from "./units";

export interface UnitSums {
  unitId: number;
  sums: ElementSums;
  /** Quarters of the range in which the commune reported at least one figure. */
  quartersReported: string[];
}

/**
 * Element sums of every commune for several sets of quarters at once, in one query: e.g. a period,
 * its previous comparable period and the same period a year earlier. Keyed by window key, then unit;
 * every unit asked for is present in every window (empty when it reported nothing there).
 * @example getWindowElementSums(db, { unitIds: [7, 8], windows: [{ key: "2025S1", quarters: ["2025Q1", "2025Q2"] }, { key: "2024S2", quarters: ["2024Q3", "2024Q4"] }], elements: ["procedures_online"] })
 */
export async function getWindowElementSums(
  db: DbOrTx,
  params: { unitIds: readonly number[]; windows: readonly { key: string; quarters: readonly string[] }[]; elements: readonly string[] },
): Promise<Map<string, Map<number, UnitSums>>> {
  const { unitIds, windows, elements } = params;
  const out = new Map<string, Map<number, UnitSums>>();
  for (const w of windows) out.set(w.key, new Map(unitIds.map((id) => [id, { unitId: id, sums: {}, quartersReported: [] }])));
  const pairs = windows.flatMap((w) => [...new Set(w.quarters)].map((q) => [w.key, q] as const));
  if (unitIds.length === 0 || pairs.length === 0) return out;
  const allQuarters = [...new Set(pairs.map(([, q]) => q))];
  // A flow element left blank in a quarter the commune did report is unknown over the window, not a sum of
  // the other quarters: otherwise a rate would divide, e.g., two quarters of online files by one of files.
  // Quarter codes sort as text, so the earliest of a window is its min whatever order the caller passes.
  const rows = await queryRows<{ win: string; unit_id: number; periods: string; element_code: string | null; value: number | null }>(
    db,
    sql`with w(win, period) as (
          select * from unnest(${pgArray(pairs.map(([k]) => k))}::text[], ${pgArray(pairs.map(([, q]) => q))}::text[])),
        first_q as (select win, min(period) as first from w group by win),
        dv as (
          select w.win, v.unit_id, v.period, v.element_code, v.value
          from data_values v join w on w.period = v.period
          where v.unit_id = any(${pgArray(unitIds)}::int[]) and v.period = any(${pgArray(allQuarters)}::text[])),
        reported as (
          select win, unit_id, count(distinct period)::int as n, string_agg(distinct period, ',' order by period) as periods
          from dv group by win, unit_id),
        sums as (
          select dv.win, dv.unit_id, dv.element_code,
                 (case when e.kind = 'stock' then max(dv.value) filter (where dv.period = f.first)
                       when count(*) < r.n then null
                       else sum(dv.value) end)::float8 as value
          from dv join data_elements e on e.code = dv.element_code
               join reported r on r.win = dv.win and r.unit_id = dv.unit_id
               join first_q f on f.win = dv.win
          where dv.element_code = any(${pgArray(elements)}::text[])
          group by dv.win, dv.unit_id, dv.element_code, e.kind, r.n, f.first)
        select r.win, r.unit_id, r.periods, s.element_code, s.value
        from reported r left join sums s on s.win = r.win and s.unit_id = r.unit_id
        order by r.win, r.unit_id, s.element_code`,
  );
  for (const r of rows) {
    const u = out.get(r.win)!.get(Number(r.unit_id))!;
    if (u.quartersReported.length === 0) u.quartersReported.push(...r.periods.split(","));
    if (r.element_code !== null && r.value !== null) u.sums[r.element_code] = Number(r.value);
  }
  return out;
}

/** Element sums per commune over one set of quarters (see getWindowElementSums). */
export async function getUnitElementSums(
  db: DbOrTx,
  params: { unitIds: readonly number[]; quarters: readonly string[]; elements: readonly string[] },
): Promise<Map<number, UnitSums>> {
  const byWindow = await getWindowElementSums(db, { unitIds: params.unitIds, windows: [{ key: "w", quarters: params.quarters }], elements: params.elements });
  return byWindow.get("w")!;
}

/** The latest quarter holding any figure of the given communes, or null when there is none. */
export async function getLatestQuarter(db: DbOrTx, params: { unitIds: readonly number[] }): Promise<string | null> {
  if (params.unitIds.length === 0) return null;
  const rows = await queryRows<{ period: string | null }>(
    db,
    sql`select max(period) as period from data_values where unit_id = any(${pgArray(params.unitIds)}::int[])`,
  );
  return rows[0]?.period ?? null;
}

export interface IndicatorTableRow {
  unitId: number;
  code: string;
  name: string;
  quartersReported: string[];
  values: Record<string, IndicatorValue>;
}

export interface IndicatorTable {
  quarters: string[];
  rows: IndicatorTableRow[];
  /** The whole scope: Σnumerators / Σdenominators over its communes. */
  total: Record<string, IndicatorValue>;
  /** Communes that reported at least one figure in every quarter of the period. */
  reportedCount: number;
}

/**
 * Indicators for every commune below a unit and for the unit as a whole.
 * @example getIndicatorTable(db, { unitId: 2, quarters: ["2025Q2"], indicators: ["online_rate"] })
 */
export async function getIndicatorTable(
  db: DbOrTx,
  params: { unitId: number; quarters: readonly string[]; indicators: readonly string[] },
): Promise<IndicatorTable> {
  const defs = params.indicators.map((c) => {
    const d = getIndicator(c);
    if (!d) throw new Error(`Unknown indicator ${c}`);
    return d;
  });
  const communes = await listCommunesUnder(db, { unitId: params.unitId });
  const elements = [...new Set(defs.flatMap((d) => [...d.numerator, ...d.denominator]))];
  const [sums, targets] = await Promise.all([
    getUnitElementSums(db, { unitIds: communes.map((c) => c.id), quarters: params.quarters, elements }),
    getTargets(db),
  ]);
  const nQuarters = params.quarters.length;
  const rows = communes.map((c) => {
    const s = sums.get(c.id)!;
    const values: Record<string, IndicatorValue> = {};
    for (const d of defs) {
      values[d.code] = computeIndicator(d, s.sums, { target: targets.get(d.code) ?? null, communes: 1, quarters: nQuarters });
    }
    return { unitId: c.id, code: c.code, name: c.name, quartersReported: s.quartersReported, values };
  });
  const total: Record<string, IndicatorValue> = {};
  for (const d of defs) {
    total[d.code] = aggregateIndicator(
      d,
      communes.map((c) => sums.get(c.id)!.sums),
      { target: targets.get(d.code) ?? null, communes: communes.length, quarters: nQuarters },
    );
  }
  const reportedCount = rows.filter((r) => r.quartersReported.length === nQuarters).length;
  return { quarters: [...params.quarters], rows, total, reportedCount };
}

export interface ScopeUnit {
  id: number;
  code: string;
  name: string;
  level: "province" | "district" | "commune";
  structure: string;
}

/** A unit by id, or AppError unit_not_found (404). */
export async function getScopeUnit(db: DbOrTx, params: { unitId: number }): Promise<ScopeUnit> {
  const [row] = await queryRows<ScopeUnit>(db, sql`select id, code, name, level, structure from units where id = ${params.unitId}`);
  if (!row) throw unitIdNotFound(params.unitId);
  return { ...row, id: Number(row.id) };
}

/** Catalogue definitions of the indicators asked for, in catalogue order; all when none is named. */
export function resolveIndicators(codes?: readonly string[]): IndicatorDef[] {
  if (!codes || codes.length === 0) return [...catalogueIndicators];
  const unknown = codes.filter((c) => !getIndicator(c));
  if (unknown.length) throw unknownIndicators(unknown);
  return catalogueIndicators.filter((d) => codes.includes(d.code));
}

export interface IndicatorRowsParams {
  scopeUnitId: number;
  /** A period code (`2025Q1`, `2025S1`, `2025N9`, `2025`, `2024Q3..2025Q2`) or a parsed period. */
  period: string | Period;
  /** Indicator codes; all of the catalogue when absent or empty. */
  indicators?: readonly string[];
  /** unit: a row per commune below the scope, then the scope's total; period: a row per quarter, then the total. */
  by: RowGrouping;
}

export interface IndicatorRowsResult {
  scope: ScopeUnit;
  period: Period;
  previousPeriod: Period;
  yearAgoPeriod: Period;
  by: RowGrouping;
  indicators: string[];
  /** Communes below the scope (in its own structure), all expected to report. */
  communes: number;
  rows: IndicatorRow[];
}

/**
 * The indicator engine: every indicator asked for, by commune or by quarter, for any unit of the tree,
 * with targets, statuses, missing quarters and comparisons. Four queries whatever the size: the scope,
 * its communes, the targets, and one query of element sums for every set of quarters involved.
 * @example getIndicatorRows(db, { scopeUnitId: 2, period: "2025S1", by: "unit" }) → 16 commune rows + 1 total row
 */
export async function getIndicatorRows(db: DbOrTx, params: IndicatorRowsParams): Promise<IndicatorRowsResult> {
  const period = typeof params.period === "string" ? parseReportingPeriod(params.period) : params.period;
  if (!period) throw badPeriod(String(params.period));
  const defs = resolveIndicators(params.indicators);
  const scope = await getScopeUnit(db, { unitId: params.scopeUnitId });
  const communes = (await listCommunesUnder(db, { unitId: scope.id })).map((c) => ({ ...c, id: Number(c.id) }));
  const windows = windowsNeeded(period, params.by);
  const elements = [...new Set(defs.flatMap((d) => [...d.numerator, ...d.denominator]))];
  const [sums, targets] = await Promise.all([
    getWindowElementSums(db, { unitIds: communes.map((c) => c.id), windows: windows.map((w) => ({ key: w.code, quarters: w.quarters })), elements }),
    getTargets(db),
  ]);
  const rows = buildIndicatorRows({ scope: { id: scope.id, code: scope.code, name: scope.name }, communes, period, by: params.by, defs, targets, sums });
  const { previous, yearAgo } = comparisonWindows(period);
  return {
    scope,
    period,
    previousPeriod: previous,
    yearAgoPeriod: yearAgo,
    by: params.by,
    indicators: defs.map((d) => d.code),
    communes: communes.length,
    rows,
  };
}
