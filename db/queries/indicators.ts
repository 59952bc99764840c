/**
 * SQL aggregation for indicators: element sums per commune over a set of quarters. Flow elements sum
 * over the quarters; a stock element takes the value of the earliest quarter of the range. The
 * arithmetic (rates, targets, statuses) is lib/indicators/compute.ts.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { pgArray } from "../pg-array";
import type { ElementSums } from "@/lib/indicators/compute";

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
  const sums = await queryRows<{ unit_id: number; element_code: string; value: number | null }>(
    db,
    sql`select v.unit_id, v.element_code,
               (case when e.kind = 'stock' then max(v.value) filter (where v.period = ${quarters[0]})
                     else sum(v.value) end)::float8 as value
        from data_values v join data_elements e on e.code = v.element_code
        where v.unit_id = any(${units}::int[]) and v.period = any(${periods}::text[])
          and v.element_code = any(${pgArray(elements)}::text[])
        group by v.unit_id, v.element_code, e.kind`,
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
