/**
 * Set-based writing of figures through a temporary staging table (dropped at the end of the
 * transaction): values are staged in batches (one array parameter per column), compared with the
 * current figures in one query, and written with one history insert and one upsert.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { float, int, intOrNull } from "../columns";
import { batches, pgArray } from "../pg-array";

export interface StagedValue {
  unitId: number;
  period: string;
  element: string;
  value: number;
  /** Where the value came from in the file (0 when not from a file). */
  line?: number;
}

export const valueCountsSchema = z.object({ values: int, new: int, changed: int, unchanged: int });
export type ValueCounts = z.infer<typeof valueCountsSchema>;

export const valueChangeSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  period: z.string(),
  element: z.string(),
  oldValue: intOrNull,
  newValue: int,
  line: int,
});
export type ValueChange = z.infer<typeof valueChangeSchema>;

const STAGE_BATCH = 20_000;

export async function createStaging(tx: DbOrTx): Promise<void> {
  await tx.execute(sql`drop table if exists staged_values`);
  await tx.execute(sql`create temp table staged_values (
      unit_id int not null, period text not null, element_code text not null, value int not null, line int not null,
      primary key (unit_id, period, element_code)
    ) on commit drop`);
}

/** Stage values; a key staged twice keeps its first value (ingest reports duplicates as errors). */
export async function stageValues(tx: DbOrTx, values: readonly StagedValue[]): Promise<void> {
  for (const b of batches(values, STAGE_BATCH)) {
    await tx.execute(sql`insert into staged_values
      select * from unnest(${pgArray(b.map((v) => v.unitId))}::int[], ${pgArray(b.map((v) => v.period))}::text[],
                           ${pgArray(b.map((v) => v.element))}::text[], ${pgArray(b.map((v) => v.value))}::int[],
                           ${pgArray(b.map((v) => v.line ?? 0))}::int[])
      on conflict do nothing`);
  }
}

const JOIN_CURRENT = sql`left join data_values d on d.unit_id = s.unit_id and d.period = s.period and d.element_code = s.element_code`;

export async function stagedCounts(tx: DbOrTx): Promise<ValueCounts> {
  const [row] = await queryRows(
    tx,
    sql`select count(*)::int as values,
               count(*) filter (where d.value is null)::int as new,
               count(*) filter (where d.value is not null and d.value <> s.value)::int as changed,
               count(*) filter (where d.value = s.value)::int as unchanged
        from staged_values s ${JOIN_CURRENT}`,
    valueCountsSchema,
  );
  return row;
}

/** The first `limit` values that would change (old → new) or be added, in file order. */
export async function stagedChanges(tx: DbOrTx, limit: number): Promise<ValueChange[]> {
  return queryRows(
    tx,
    sql`select u.code as "unitCode", u.name as "unitName", s.period, s.element_code as element,
               d.value as "oldValue", s.value as "newValue", s.line
        from staged_values s ${JOIN_CURRENT} join units u on u.id = s.unit_id
        where d.value is distinct from s.value
        order by s.line, s.element_code limit ${limit}`,
    valueChangeSchema,
  );
}

export const unusualValueSchema = z.object({
  unitCode: z.string(),
  unitName: z.string(),
  period: z.string(),
  element: z.string(),
  value: int,
  median: float,
  line: int,
});
export type UnusualValue = z.infer<typeof unusualValueSchema>;

/**
 * Values more than `factor` × the commune's own median of earlier quarters (indicators.md): a warning,
 * never a block. Quarters staged in the same upload do not count as history. Small counts are left
 * alone (a value must also exceed the median by `minExcess`, default 10): 1 → 4 dialogues is not unusual.
 */
export async function stagedUnusualValues(
  tx: DbOrTx,
  params: { factor?: number; minExcess?: number; limit: number },
): Promise<UnusualValue[]> {
  const factor = params.factor ?? 3;
  const minExcess = params.minExcess ?? 10;
  return queryRows(
    tx,
    sql`with med as (
          select s.unit_id, s.period, s.element_code,
                 (select percentile_cont(0.5) within group (order by h.value)
                  from data_values h
                  where h.unit_id = s.unit_id and h.element_code = s.element_code and h.period < s.period)::float8 as median
          from staged_values s)
        select u.code as "unitCode", u.name as "unitName", s.period, s.element_code as element, s.value, m.median, s.line
        from staged_values s
        join med m on m.unit_id = s.unit_id and m.period = s.period and m.element_code = s.element_code
        join units u on u.id = s.unit_id
        where m.median is not null and m.median > 0 and s.value > ${factor} * m.median and s.value - m.median >= ${minExcess}
        order by s.line, s.element_code limit ${params.limit}`,
    unusualValueSchema,
  );
}

export interface CarriedOverMismatch {
  unitCode: string;
  unitName: string;
  period: string;
  value: number;
  line: number;
  previous: { period: string; carried: number; received: number; resolved: number };
}

/** The quarter before `period` (a text expression `2025Q1`) → `2024Q4`. */
const PREVIOUS_QUARTER = (period: ReturnType<typeof sql>) => sql`case when substr(${period}, 6, 1) = '1'
  then (substr(${period}, 1, 4)::int - 1)::text || 'Q4' else substr(${period}, 1, 5) || (substr(${period}, 6, 1)::int - 1)::text end`;

/** The previous quarter's figure of c's commune: staged in this upload, else stored. */
const previousFigure = (element: string) => sql`coalesce(
  (select p.value from staged_values p where p.unit_id = c.unit_id and p.period = c.prev and p.element_code = ${element}),
  (select d.value from data_values d where d.unit_id = c.unit_id and d.period = c.prev and d.element_code = ${element}))`;

/**
 * Petitions carried over into a quarter that do not follow from the previous quarter of the same commune
 * (carried + received − resolved), when all three previous figures are known (staged or stored): a warning.
 * Across the July 2025 reorganisation the previous quarter belongs to other units, so it is not known.
 */
export async function stagedCarriedOverMismatches(
  tx: DbOrTx,
  params: { limit: number },
): Promise<CarriedOverMismatch[]> {
  const rows = await queryRows(
    tx,
    sql`with c as (
          select s.unit_id, s.period, s.value, s.line, ${PREVIOUS_QUARTER(sql`s.period`)} as prev
          from staged_values s where s.element_code = 'petitions_carried_over'),
        p as (
          select c.*, ${previousFigure("petitions_carried_over")} as carried, ${previousFigure("petitions_received")} as received,
                 ${previousFigure("petitions_resolved")} as resolved
          from c)
        select u.code as "unitCode", u.name as "unitName", p.period, p.value, p.line, p.prev, p.carried, p.received, p.resolved
        from p join units u on u.id = p.unit_id
        where p.carried is not null and p.received is not null and p.resolved is not null
          and p.value <> p.carried + p.received - p.resolved
        order by p.line, u.code, p.period limit ${params.limit}`,
    z.object({
      unitCode: z.string(),
      unitName: z.string(),
      period: z.string(),
      value: int,
      line: int,
      prev: z.string(),
      carried: intOrNull,
      received: intOrNull,
      resolved: intOrNull,
    }),
  );
  return rows.map(({ prev, carried, received, resolved, ...r }) => ({
    ...r,
    previous: { period: prev, carried: carried!, received: received!, resolved: resolved! },
  }));
}

/** Write what differs from the current figures: history (old → new) first, then one upsert. */
export async function writeStaged(tx: DbOrTx, params: { importId: number; at: Date }): Promise<void> {
  const at = params.at.toISOString();
  await tx.execute(sql`insert into value_history (unit_id, period, element_code, old_value, new_value, import_id, changed_at)
    select s.unit_id, s.period, s.element_code, d.value, s.value, ${params.importId}, ${at}::timestamptz
    from staged_values s ${JOIN_CURRENT}
    where d.value is distinct from s.value`);
  await tx.execute(sql`insert into data_values (unit_id, period, element_code, value, import_id, updated_at)
    select s.unit_id, s.period, s.element_code, s.value, ${params.importId}, ${at}::timestamptz
    from staged_values s ${JOIN_CURRENT}
    where d.value is distinct from s.value
    on conflict (unit_id, period, element_code)
    do update set value = excluded.value, import_id = excluded.import_id, updated_at = excluded.updated_at`);
}
