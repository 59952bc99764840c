/**
 * Indicator targets: the catalogue default unless an administrator stored another (indicator_targets).
 * Writing null puts an indicator back on its catalogue default.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { dateOrNull, floatOrNull } from "../columns";
import { ValidationError } from "@/lib/errors";
import { parseTargetInput } from "@/lib/indicators/targets";

/** Effective target per indicator code (kept in ./catalogue.ts, where the catalogue is seeded). */
export { getTargets } from "./catalogue";

export interface TargetRow {
  code: string;
  labelVi: string;
  labelEn: string;
  kind: "count" | "rate";
  /** The catalogue default; null = none. */
  defaultTarget: number | null;
  /** The target in force: the administrator's, else the default. */
  target: number | null;
  /** Whether an administrator's target is stored. */
  overridden: boolean;
  updatedAt: Date | null;
  updatedBy: string | null;
}

/** Every indicator with its default and current target, in catalogue order. */
export async function listTargets(db: DbOrTx): Promise<TargetRow[]> {
  const rows = await queryRows(
    db,
    sql`select i.code, i.label_vi, i.label_en, i.kind, i.default_target,
               case when t.indicator_code is not null then t.target else i.default_target end as target,
               t.indicator_code is not null as overridden, t.updated_at, t.updated_by
        from indicators i left join indicator_targets t on t.indicator_code = i.code
        order by i.sort_order`,
    z.object({
      code: z.string(),
      label_vi: z.string(),
      label_en: z.string(),
      kind: z.enum(["count", "rate"]),
      default_target: floatOrNull,
      target: floatOrNull,
      overridden: z.boolean(),
      updated_at: dateOrNull,
      updated_by: z.string().nullable(),
    }),
  );
  return rows.map((r) => ({
    code: r.code,
    labelVi: r.label_vi,
    labelEn: r.label_en,
    kind: r.kind,
    defaultTarget: r.default_target,
    target: r.target,
    overridden: r.overridden,
    updatedAt: r.updated_at,
    updatedBy: r.updated_by,
  }));
}

/**
 * Store an administrator's target (rate 0–100, count ≥ 0 per commune and quarter), or with
 * `target: null` delete it so the catalogue default applies again. Throws ValidationError (nothing
 * written) on bad input; returns the indicator's row as it now stands.
 * @example upsertTarget(db, { indicator: "online_rate", target: 85, updatedBy: "admin" }) → { code: "online_rate",
 * target: 85, defaultTarget: 80, overridden: true, … }
 */
export async function upsertTarget(
  db: DbOrTx,
  params: { indicator: string; target: number | null; updatedBy: string },
): Promise<TargetRow> {
  const parsed = parseTargetInput(params);
  if (parsed.problems)
    throw new ValidationError(
      parsed.problems,
      "Mục tiêu không hợp lệ, chưa ghi gì.",
      "Invalid target; nothing was written.",
    );
  const { indicator, target, updatedBy } = parsed.data;
  if (target === null) {
    await db.execute(sql`delete from indicator_targets where indicator_code = ${indicator}`);
  } else {
    await db.execute(
      sql`insert into indicator_targets (indicator_code, target, updated_at, updated_by) values (${indicator},
        ${target}, now(), ${updatedBy})
          on conflict (indicator_code) do update set target = excluded.target, updated_at = excluded.updated_at,
            updated_by = excluded.updated_by`,
    );
  }
  const row = (await listTargets(db)).find((r) => r.code === indicator);
  if (!row) throw new Error(`Indicator ${indicator} is in the catalogue but not in the database`);
  return row;
}
