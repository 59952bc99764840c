/**
 * The catalogue tables mirror lib/indicators/catalogue.ts; this seeds them (idempotent, at every start)
 * and reads targets (an administrator's value, else the catalogue default).
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { floatOrNull } from "../columns";
import { dataElements, indicators } from "../schema";
import * as catalogue from "@/lib/indicators/catalogue";

export async function upsertCatalogue(db: DbOrTx): Promise<void> {
  await db.transaction(async (tx) => {
    for (const [i, e] of catalogue.dataElements.entries()) {
      const row = { code: e.code, labelVi: e.labelVi, labelEn: e.labelEn, group: e.group, kind: e.kind, sortOrder: i };
      await tx.insert(dataElements).values(row).onConflictDoUpdate({ target: dataElements.code, set: row });
    }
    for (const [i, ind] of catalogue.indicators.entries()) {
      const row = {
        code: ind.code,
        labelVi: ind.labelVi,
        labelEn: ind.labelEn,
        kind: ind.kind,
        numerator: [...ind.numerator],
        denominator: [...ind.denominator],
        defaultTarget: ind.target?.value ?? null,
        sortOrder: i,
      };
      await tx.insert(indicators).values(row).onConflictDoUpdate({ target: indicators.code, set: row });
    }
  });
}

/** Effective target per indicator code: the administrator's, else the catalogue default (null = none). */
export async function getTargets(db: DbOrTx): Promise<Map<string, number | null>> {
  const rows = await queryRows(
    db,
    sql`select i.code, case when t.indicator_code is not null then t.target else i.default_target end as target
        from indicators i left join indicator_targets t on t.indicator_code = i.code`,
    z.object({ code: z.string(), target: floatOrNull }),
  );
  return new Map(rows.map((r) => [r.code, r.target]));
}
