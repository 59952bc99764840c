/**
 * SQL aggregation for indicators: element sums per commune over a set of quarters. Flow elements sum
 * over the quarters (unknown when blank in a quarter the commune reported); a stock element takes the
 * value of the earliest quarter of the range. The arithmetic (rates, targets, statuses) is
 * lib/indicators/compute.ts.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { pgArray } from "../pg-array";
import { aggregateIndicator, computeIndicator, type ElementSums, type IndicatorValue } from "@/lib/indicators/compute";
import { getIndicator } from "@/lib/indicators/catalogue";
import { getTargets } from "./catalogue";
import { listCommunesUnder } from "./units";

export interface UnitSums {
  unitId: number;
  sums: ElementSums;
  /** Quarters of the range in which the commune reported at least one figure. */
  quartersReported: string[];
}

export async function getUnitElementSums(
  db: DbOrTx,
  params: { unitIds: readonly number[]; quarters: readonly string[]; elements: readonly string[] },
): Promise<Map<number, UnitSums>> {
  const { unitIds, quarters, elements } = params;
  const out = new Map<number, UnitSums>(unitIds.map((id) => [id, { unitId: id, sums: {}, quartersReported: [] }]));
  if (unitIds.length === 0 || quarters.length === 0) return out;
  const units = pgArray(unitIds);
  const periods = pgArray(quarters);
  // Quarter codes sort as text, so the earliest is the smallest whatever order the caller passes.
  const earliest = [...quarters].sort()[0];
  // A flow element left blank in a quarter the commune did report is unknown over the range, not a sum of
  // the other quarters: otherwise a rate would divide, e.g., two quarters of online files by one of files.
  const sums = await queryRows<{ unit_id: number; element_code: string; value: number | null }>(
    db,
    sql`with reported as (
          select unit_id, count(distinct period) as n from data_values
          where unit_id = any(${units}::int[]) and period = any(${periods}::text[]) group by unit_id)
        select v.unit_id, v.element_code,
               (case when e.kind = 'stock' then max(v.value) filter (where v.period = ${earliest})
                     when count(*) < r.n then null
                     else sum(v.value) end)::float8 as value
        from data_values v join data_elements e on e.code = v.element_code join reported r on r.unit_id = v.unit_id
        where v.unit_id = any(${units}::int[]) and v.period = any(${periods}::text[])
          and v.element_code = any(${pgArray(elements)}::text[])
        group by v.unit_id, v.element_code, e.kind, r.n`,
  );
  for (const r of sums) {
    if (r.value !== null) out.get(r.unit_id)!.sums[r.element_code] = Number(r.value);
  }
  const reported = await queryRows<{ unit_id: number; period: string }>(
    db,
    sql`select distinct unit_id, period from data_values
        where unit_id = any(${units}::int[]) and period = any(${periods}::text[]) order by unit_id, period`,
  );
  for (const r of reported) out.get(r.unit_id)!.quartersReported.push(r.period);
  return out;
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
