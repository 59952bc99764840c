/**
 * The units a person may pick in a form, for the unit pickers (app/_components/unit-picker): one
 * structure, optionally some levels, limited to the reader's scope. Name matching happens in JS
 * (lib/units/search.ts) on this list: a province holds a few hundred units, the country ~14,000.
 */
import { sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import { int } from "../columns";
import { pgArray } from "../pg-array";
import { UNIT_LEVELS } from "@/lib/units/parse-units";
import type { UserScope } from "@/lib/auth/permissions";
import type { StructureCode } from "@/lib/periods";

export type UnitLevel = "province" | "district" | "commune";

export interface PickerUnit {
  id: number;
  code: string;
  name: string;
  level: UnitLevel;
  /** The parent's name (a commune's district or province), to tell apart communes of the same name. */
  parentName: string | null;
}

/**
 * Administrators: every unit of the structure. Others: their own unit and everything below it, plus the
 * communes they may read in that structure (their counterparts across the 1 July 2025 reform).
 * @example listPickerUnits(db, { structure: "2025-07", levels: ["commune"], scope }) → [{ code: "21136", name: "Xã Cà Đam", … }, …]
 */
export async function listPickerUnits(
  db: DbOrTx,
  params: { structure: StructureCode; levels?: readonly UnitLevel[]; scope: UserScope },
): Promise<PickerUnit[]> {
  const { structure, scope } = params;
  const levels = params.levels?.length ? params.levels : (["province", "district", "commune"] as const);
  const within = scope.all
    ? sql`true`
    : sql`(u.id in (select id from subtree) or u.id = any(${pgArray(scope.readUnitIds)}::int[]))`;
  const rows = await queryRows(
    db,
    sql`with recursive subtree as (
          select id from units where id = ${scope.rootUnitId}
          union all
          select c.id from units c join subtree s on c.parent_id = s.id
        )
        select u.id, u.code, u.name, u.level, p.name as parent_name
        from units u left join units p on p.id = u.parent_id
        where u.structure = ${structure} and u.level = any(${pgArray([...levels])}::text[]) and ${within}
        order by case u.level when 'province' then 0 when 'district' then 1 else 2 end, u.code`,
    z.object({
      id: int,
      code: z.string(),
      name: z.string(),
      level: z.enum(UNIT_LEVELS),
      parent_name: z.string().nullable(),
    }),
  );
  return rows.map((r) => ({ id: r.id, code: r.code, name: r.name, level: r.level, parentName: r.parent_name }));
}
