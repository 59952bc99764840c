/**
 * The one write path for figures. Every upload, and the demo data, goes through `commitValues`:
 * validated values are staged in a temporary table and written set-based in one transaction
 * (history of old → new first, then one upsert), under an advisory lock so two imports touching
 * the same values end as if run one after the other.
 */
import { sql } from "drizzle-orm";
import { lockFigures, queryRows, type DbOrTx } from "../client";
import { batches, pgArray } from "../pg-array";
import { imports } from "../schema";

export interface ValueInput {
  unitId: number;
  /** Quarter code, e.g. 2025Q1. */
  period: string;
  element: string;
  value: number;
}

export interface ImportMeta {
  createdBy: string;
  source: "web" | "api" | "cli" | "demo";
  fileName?: string | null;
  fileSize?: number | null;
  sha256?: string | null;
  shape?: string | null;
  rowCount: number;
  /** When the figures were received; defaults to now. The demo uses it to spread submissions over time. */
  createdAt?: Date;
  note?: string | null;
}

export interface ValueCounts {
  values: number;
  new: number;
  changed: number;
  unchanged: number;
}

export interface CommitResult {
  importId: number;
  status: "committed" | "unchanged";
  counts: ValueCounts;
}

const STAGE_BATCH = 20_000;

/** Fill a temporary `staged_values` table (dropped at commit) with the values. */
async function stageValues(tx: DbOrTx, values: readonly ValueInput[]): Promise<void> {
  await tx.execute(sql`drop table if exists staged_values`);
  await tx.execute(sql`create temp table staged_values (
      unit_id int not null, period text not null, element_code text not null, value int not null,
      primary key (unit_id, period, element_code)
    ) on commit drop`);
  for (const b of batches(values, STAGE_BATCH)) {
    await tx.execute(sql`insert into staged_values
      select * from unnest(${pgArray(b.map((v) => v.unitId))}::int[], ${pgArray(b.map((v) => v.period))}::text[],
                           ${pgArray(b.map((v) => v.element))}::text[], ${pgArray(b.map((v) => v.value))}::int[])`);
  }
}

async function stagedCounts(tx: DbOrTx): Promise<ValueCounts> {
  const [row] = await queryRows<ValueCounts>(
    tx,
    sql`select count(*)::int as values,
               count(*) filter (where d.value is null)::int as new,
               count(*) filter (where d.value is not null and d.value <> s.value)::int as changed,
               count(*) filter (where d.value = s.value)::int as unchanged
        from staged_values s
        left join data_values d on d.unit_id = s.unit_id and d.period = s.period and d.element_code = s.element_code`,
  );
  return row;
}

function assertValues(values: readonly ValueInput[]): void {
  for (const v of values) {
    if (!Number.isInteger(v.value) || v.value < 0 || v.value > 2_147_483_647) {
      throw new Error(`Invalid count ${v.value} for unit ${v.unitId} ${v.period} ${v.element}`);
    }
  }
}

/**
 * Write validated values in one transaction. Unchanged values are not touched; changed ones keep
 * their previous value in `value_history`. Committing the same values again reports `unchanged`.
 */
export async function commitValues(db: DbOrTx, params: { meta: ImportMeta; values: readonly ValueInput[] }): Promise<CommitResult> {
  const { meta, values } = params;
  assertValues(values);
  return db.transaction(async (tx) => {
    await lockFigures(tx);
    const createdAt = meta.createdAt ?? new Date();
    const [imp] = await tx
      .insert(imports)
      .values({
        createdAt,
        createdBy: meta.createdBy,
        source: meta.source,
        fileName: meta.fileName ?? null,
        fileSize: meta.fileSize ?? null,
        sha256: meta.sha256 ?? null,
        shape: meta.shape ?? null,
        status: "committed",
        rowCount: meta.rowCount,
        note: meta.note ?? null,
      })
      .returning({ id: imports.id });
    await stageValues(tx, values);
    const counts = await stagedCounts(tx);
    if (counts.new + counts.changed > 0) {
      await tx.execute(sql`insert into value_history (unit_id, period, element_code, old_value, new_value, import_id, changed_at)
        select s.unit_id, s.period, s.element_code, d.value, s.value, ${imp.id}, ${createdAt.toISOString()}::timestamptz
        from staged_values s
        left join data_values d on d.unit_id = s.unit_id and d.period = s.period and d.element_code = s.element_code
        where d.value is distinct from s.value`);
      await tx.execute(sql`insert into data_values (unit_id, period, element_code, value, import_id, updated_at)
        select s.unit_id, s.period, s.element_code, s.value, ${imp.id}, ${createdAt.toISOString()}::timestamptz
        from staged_values s
        left join data_values d on d.unit_id = s.unit_id and d.period = s.period and d.element_code = s.element_code
        where d.value is distinct from s.value
        on conflict (unit_id, period, element_code)
        do update set value = excluded.value, import_id = excluded.import_id, updated_at = excluded.updated_at`);
    }
    const status = counts.new + counts.changed > 0 ? "committed" : "unchanged";
    await tx.execute(sql`update imports set status = ${status}, value_count = ${counts.values}, new_count = ${counts.new},
        changed_count = ${counts.changed}, unchanged_count = ${counts.unchanged} where id = ${imp.id}`);
    return { importId: imp.id, status, counts };
  });
}

export interface ImportListRow {
  id: number;
  createdAt: Date;
  createdBy: string;
  source: string;
  fileName: string | null;
  status: string;
  valueCount: number;
  newCount: number;
  changedCount: number;
}

export async function listImports(db: DbOrTx, params: { limit?: number } = {}): Promise<ImportListRow[]> {
  return queryRows<ImportListRow>(
    db,
    sql`select id, created_at as "createdAt", created_by as "createdBy", source, file_name as "fileName", status,
               value_count as "valueCount", new_count as "newCount", changed_count as "changedCount"
        from imports order by id desc limit ${params.limit ?? 50}`,
  );
}
