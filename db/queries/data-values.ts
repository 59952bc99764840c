/**
 * Raw stored figures, for the data-values API and exports: `{ unit_code, period, element, value }`.
 */
import { sql } from "drizzle-orm";
import { queryRows, type DbOrTx } from "../client";
import { z } from "zod";
import { int } from "../columns";
import { pgArray } from "../pg-array";

export const dataValueRowSchema = z.object({
  unit_code: z.string(),
  unit_name: z.string(),
  period: z.string(),
  element: z.string(),
  value: int,
});
export type DataValueRow = z.infer<typeof dataValueRowSchema>;

/** Figures of the given communes (ids), optionally narrowed by unit code, quarter and element. */
export async function listDataValues(
  db: DbOrTx,
  params: {
    unitIds: readonly number[];
    unitCodes?: readonly string[];
    quarters?: readonly string[];
    elements?: readonly string[];
  },
): Promise<DataValueRow[]> {
  if (params.unitIds.length === 0) return [];
  return queryRows(
    db,
    sql`select u.code as unit_code, u.name as unit_name, v.period, v.element_code as element, v.value
        from data_values v join units u on u.id = v.unit_id join data_elements e on e.code = v.element_code
        where v.unit_id = any(${pgArray(params.unitIds)}::int[])
          ${params.unitCodes ? sql`and u.code = any(${pgArray(params.unitCodes)}::text[])` : sql``}
          ${params.quarters ? sql`and v.period = any(${pgArray(params.quarters)}::text[])` : sql``}
          ${params.elements ? sql`and v.element_code = any(${pgArray(params.elements)}::text[])` : sql``}
        order by u.code, v.period, e.sort_order`,
    dataValueRowSchema,
  );
}
