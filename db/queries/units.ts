/**
 * Administrative units: loading reference files (validated, all or nothing, idempotent) and reading the tree.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import { queryRows, type DbOrTx } from "../client";
import { int } from "../columns";
import { batches, pgArray } from "../pg-array";
import { unitStructures, units } from "../schema";
import { ValidationError, type Problem } from "@/lib/errors";
import { unitIdNotFound, unitNotFound } from "@/lib/indicators/errors";
import { UNIT_LEVELS, parseMergesCsv, parseUnitsCsv, type KnownUnit } from "@/lib/units/parse-units";
import { STRUCTURES, type StructureCode } from "@/lib/periods";

export const STRUCTURE_ROWS = [
  {
    code: "2025-06",
    nameVi: "Ba cấp (đến 30/6/2025)",
    nameEn: "Three levels (until 30 June 2025)",
    validFrom: "2004-01-01",
    validTo: "2025-06-30",
  },
  {
    code: "2025-07",
    nameVi: "Hai cấp (từ 01/7/2025)",
    nameEn: "Two levels (from 1 July 2025)",
    validFrom: "2025-07-01",
    validTo: null,
  },
] as const;

export async function upsertStructures(db: DbOrTx): Promise<void> {
  for (const s of STRUCTURE_ROWS) {
    await db
      .insert(unitStructures)
      .values({ ...s })
      .onConflictDoUpdate({
        target: unitStructures.code,
        set: { nameVi: s.nameVi, nameEn: s.nameEn, validFrom: s.validFrom, validTo: s.validTo },
      });
  }
}

async function knownUnits(db: DbOrTx, structure: string): Promise<Map<string, KnownUnit>> {
  const rows = await queryRows(
    db,
    sql`select u.code, u.level, p.code as parent_code, u.province_code
        from units u left join units p on p.id = u.parent_id
        where u.structure = ${structure}`,
    z.object({
      code: z.string(),
      level: z.enum(UNIT_LEVELS),
      parent_code: z.string().nullable(),
      province_code: z.string(),
    }),
  );
  return new Map(
    rows.map((r) => [r.code, { level: r.level, parentCode: r.parent_code, provinceCode: r.province_code }]),
  );
}

export interface LoadUnitsResult {
  rows: number;
  inserted: number;
  updated: number;
}

/**
 * Load a units CSV into one structure: validate everything first (throws ValidationError, nothing
 * written), then upsert by (structure, code) in one transaction. Loading the same file twice is a no-op.
 */
export async function loadUnits(
  db: DbOrTx,
  params: { structure: StructureCode; csv: string },
): Promise<LoadUnitsResult> {
  const { structure, csv } = params;
  return db.transaction(async (tx) => {
    await upsertStructures(tx);
    const known = await knownUnits(tx, structure);
    const { rows, problems } = parseUnitsCsv(csv, known);
    if (problems.length)
      throw new ValidationError(
        problems,
        "Tệp đơn vị hành chính có lỗi, chưa ghi gì.",
        "The units file has errors; nothing was written.",
      );
    const inserted = new Set<string>();
    const updated = new Set<string>();
    for (const batch of batches(rows, 5000)) {
      const res = await queryRows(
        tx,
        sql`insert into units (structure, code, name, level, province_code)
            select ${structure}, s.code, s.name, s.level, s.province_code
            from unnest(${pgArray(batch.map((r) => r.code))}::text[], ${pgArray(batch.map((r) => r.name))}::text[],
                        ${pgArray(batch.map((r) => r.level))}::text[], ${pgArray(batch.map((r) => r.provinceCode))}::text[])
                 as s(code, name, level, province_code)
            on conflict (structure, code) do update
              set name = excluded.name, level = excluded.level, province_code = excluded.province_code
              where (units.name, units.level, units.province_code) is distinct from (excluded.name, excluded.level, excluded.province_code)
            returning code, (xmax = 0) as inserted`,
        z.object({ code: z.string(), inserted: z.boolean() }),
      );
      for (const r of res) (r.inserted ? inserted : updated).add(r.code);
    }
    // Parents are set once every row exists, so a file may list children before their parents.
    for (const withParent of batches(
      rows.filter((r) => r.parentCode),
      5000,
    )) {
      const moved = await queryRows(
        tx,
        sql`update units c set parent_id = p.id
            from unnest(${pgArray(withParent.map((r) => r.code))}::text[],
              ${pgArray(withParent.map((r) => r.parentCode))}::text[]) as s(code, parent_code),
                 units p
            where c.structure = ${structure} and c.code = s.code
              and p.structure = ${structure} and p.code = s.parent_code
              and c.parent_id is distinct from p.id
            returning c.code`,
        z.object({ code: z.string() }),
      );
      for (const r of moved) if (!inserted.has(r.code)) updated.add(r.code);
    }
    return { rows: rows.length, inserted: inserted.size, updated: updated.size };
  });
}

export interface LoadMergesResult {
  rows: number;
  inserted: number;
}

/**
 * Load the old → new mapping: old codes in the 2025-06 structure, new codes in 2025-07.
 * Unknown codes are errors naming the line; nothing is written then. Idempotent.
 */
export async function loadMerges(db: DbOrTx, params: { csv: string }): Promise<LoadMergesResult> {
  const { rows, problems } = parseMergesCsv(params.csv);
  if (problems.length)
    throw new ValidationError(
      problems,
      "Tệp chuyển đổi có lỗi, chưa ghi gì.",
      "The mapping file has errors; nothing was written.",
    );
  return db.transaction(async (tx) => {
    const oldIds = await codeToId(tx, "2025-06");
    const newIds = await codeToId(tx, "2025-07");
    const missing: Problem[] = [];
    for (const r of rows) {
      if (!oldIds.has(r.oldCode))
        missing.push({
          line: r.line,
          column: "old_code",
          value: r.oldCode,
          code: "unknown_unit",
          messageVi: `Mã cũ ${r.oldCode} không có trong danh mục đơn vị trước 01/7/2025.`,
          messageEn: `Old code ${r.oldCode} is not a unit of the structure before 1 July 2025.`,
        });
      if (!newIds.has(r.newCode))
        missing.push({
          line: r.line,
          column: "new_code",
          value: r.newCode,
          code: "unknown_unit",
          messageVi: `Mã mới ${r.newCode} không có trong danh mục đơn vị từ 01/7/2025.`,
          messageEn: `New code ${r.newCode} is not a unit of the structure from 1 July 2025.`,
        });
    }
    if (missing.length)
      throw new ValidationError(
        missing,
        "Tệp chuyển đổi có mã không tồn tại, chưa ghi gì.",
        "The mapping file names unknown codes; nothing was written.",
      );
    let inserted = 0;
    for (const batch of batches(rows, 10000)) {
      const res = await queryRows(
        tx,
        sql`insert into unit_merges (old_unit_id, new_unit_id)
            select * from unnest(${pgArray(batch.map((r) => oldIds.get(r.oldCode)!))}::int[],
              ${pgArray(batch.map((r) => newIds.get(r.newCode)!))}::int[])
            on conflict do nothing
            returning old_unit_id`,
        z.object({ old_unit_id: int }),
      );
      inserted += res.length;
    }
    return { rows: rows.length, inserted };
  });
}

async function codeToId(db: DbOrTx, structure: string): Promise<Map<string, number>> {
  const rows = await db.select({ id: units.id, code: units.code }).from(units).where(eq(units.structure, structure));
  return new Map(rows.map((r) => [r.code, r.id]));
}

export async function getUnitByCode(db: DbOrTx, params: { structure: string; code: string }) {
  const [row] = await db
    .select()
    .from(units)
    .where(and(eq(units.structure, params.structure), eq(units.code, params.code)));
  return row ?? null;
}

/**
 * Whether a unit reports figures itself: a commune, or one of the island districts that had no commune
 * and became a special zone as a whole (they stand in the old → new mapping as old units).
 */
function reports(alias: string) {
  return sql.raw(
    `(${alias}.level = 'commune' or (${alias}.level = 'district' and exists (select 1 from unit_merges rm where ` +
      `rm.old_unit_id = ${alias}.id)))`,
  );
}

export const communeRowSchema = z.object({ id: int, code: z.string(), name: z.string() });
export type CommuneRow = z.infer<typeof communeRowSchema>;
const communeInBranchSchema = communeRowSchema.extend({ branchId: int });

/** The communes below a unit (any depth), or the unit itself when it is a commune; ordered by code. */
export async function listCommunesUnder(db: DbOrTx, params: { unitId: number }): Promise<CommuneRow[]> {
  return queryRows(
    db,
    sql`with recursive tree as (
          select id, code, name, level from units where id = ${params.unitId}
          union all
          select u.id, u.code, u.name, u.level from units u join tree t on u.parent_id = t.id
        )
        select t.id, t.code, t.name from tree t where ${reports("t")} order by t.code`,
    communeRowSchema,
  );
}

export const branchSchema = z.object({ id: int, code: z.string(), name: z.string() });
export type Branch = z.infer<typeof branchSchema>;

export interface CommunesByBranch {
  /** Direct children of the scope (for the whole country: the provinces), ordered by code. */
  branches: Branch[];
  /** Every commune below the scope with the branch it lies in (itself when directly below the scope). */
  communes: (CommuneRow & { branchId: number })[];
}

/**
 * Communes grouped by the scope's direct children: the districts of a province, or — with
 * `{ structure }` instead of a unit — the provinces of the whole country.
 */
export async function listCommunesByBranch(
  db: DbOrTx,
  params: { unitId: number } | { structure: string },
): Promise<CommunesByBranch> {
  if ("structure" in params) {
    const branches = await queryRows(
      db,
      sql`select id, code, name from units where structure = ${params.structure} and level = 'province' order by code`,
      branchSchema,
    );
    const communes = await queryRows(
      db,
      sql`select c.id, c.code, c.name, p.id as "branchId" from units c join units p on p.structure = c.structure and
        p.code = c.province_code and p.level = 'province'
          where c.structure = ${params.structure} and ${reports("c")} order by c.code`,
      communeInBranchSchema,
    );
    return { branches, communes };
  }
  const branches = await queryRows(
    db,
    sql`select id, code, name from units where parent_id = ${params.unitId} order by code`,
    branchSchema,
  );
  const communes = await queryRows(
    db,
    sql`with recursive tree as (
          select id, code, name, level, id as branch from units where parent_id = ${params.unitId}
          union all
          select u.id, u.code, u.name, u.level, t.branch from units u join tree t on u.parent_id = t.id
        )
        select t.id, t.code, t.name, t.branch as "branchId" from tree t where ${reports("t")} order by t.code`,
    communeInBranchSchema,
  );
  return { branches, communes };
}

export async function countUnits(db: DbOrTx): Promise<{ structure: string; level: string; n: number }[]> {
  return queryRows(
    db,
    sql`select structure, level, count(*)::int as n from units group by 1, 2 order by 1, 2`,
    z.object({ structure: z.string(), level: z.string(), n: int }),
  );
}

export interface CommuneWithSuccessors extends CommuneRow {
  successors: { code: string; name: string }[];
}

/** The communes below a unit with the 1 July 2025 units they became part of (old → new mapping). */
export async function listCommunesWithSuccessors(
  db: DbOrTx,
  params: { unitId: number },
): Promise<CommuneWithSuccessors[]> {
  const communes = await listCommunesUnder(db, params);
  if (communes.length === 0) return [];
  const rows = await queryRows(
    db,
    sql`select m.old_unit_id as old_id, n.code, n.name from unit_merges m join units n on n.id = m.new_unit_id
        where m.old_unit_id = any(${pgArray(communes.map((c) => c.id))}::int[]) order by n.code`,
    z.object({ old_id: int, code: z.string(), name: z.string() }),
  );
  return communes.map((c) => ({
    ...c,
    successors: rows.filter((r) => r.old_id === c.id).map(({ code, name }) => ({ code, name })),
  }));
}

/** A unit a view or an export can be scoped to. level "country": every unit of a structure (id 0, code "VN"). */
export const scopeUnitSchema = z.object({
  id: int,
  code: z.string(),
  name: z.string(),
  level: z.enum(["country", ...UNIT_LEVELS]),
  structure: z.string(),
});
export type ScopeUnit = z.infer<typeof scopeUnitSchema>;

/** The whole country in one structure, as a scope. */
export function countryScope(structure: string): ScopeUnit {
  return { id: 0, code: "VN", name: "Toàn quốc", level: "country", structure };
}

/** A unit by id, or AppError unit_not_found (404). */
export async function getScopeUnit(db: DbOrTx, params: { unitId: number }): Promise<ScopeUnit> {
  const [row] = await queryRows(
    db,
    sql`select id, code, name, level, structure from units where id = ${params.unitId}`,
    scopeUnitSchema,
  );
  if (!row) throw unitIdNotFound(params.unitId);
  return row;
}

/** A unit by code in a structure, or AppError unit_not_found (404) naming both. */
export async function getScopeUnitByCode(db: DbOrTx, params: { structure: string; code: string }): Promise<ScopeUnit> {
  const [row] = await queryRows(
    db,
    sql`select id, code, name, level, structure from units where structure = ${params.structure} and code = ${params.code}`,
    scopeUnitSchema,
  );
  if (!row) throw unitNotFound(params.code, params.structure);
  return row;
}

/** Whether `unitId` is `ancestorId` or lies anywhere below it in the unit tree. */
export async function isWithin(db: DbOrTx, params: { unitId: number; ancestorId: number }): Promise<boolean> {
  const rows = await queryRows(
    db,
    sql`with recursive up as (
          select id, parent_id from units where id = ${params.unitId}
          union all
          select u.id, u.parent_id from units u join up on u.id = up.parent_id
        )
        select exists(select 1 from up where id = ${params.ancestorId}) as ok`,
    z.object({ ok: z.boolean() }),
  );
  return rows[0]?.ok === true;
}

/** kind own: below the unit in its structure; mapped: an own commune's counterpart in the other structure. */
export const scopeCommuneSchema = z.object({
  id: int,
  structure: z.enum(STRUCTURES),
  code: z.string(),
  name: z.string(),
  kind: z.enum(["own", "mapped"]),
});
export type ScopeCommune = z.infer<typeof scopeCommuneSchema>;

/**
 * The one scope query behind reads (db/queries/access.ts) and imports (db/queries/ingest-context.ts): the
 * communes below a unit in its own structure, plus their counterparts in the other structure through the
 * old → new mapping (a reporter of 21136 Trà Tân also gets 21136 Cà Đam; a 2025 province its predecessors).
 * "all": every commune of every structure (a national administrator).
 * @example listScopeCommunes(db, { unitId: 2 }) → 16 own communes of Trà Bồng + their 6 successors (mapped)
 */
export async function listScopeCommunes(db: DbOrTx, params: { unitId: number | "all" }): Promise<ScopeCommune[]> {
  return queryRows(
    db,
    params.unitId === "all"
      ? sql`select u.id, u.structure, u.code, u.name, 'own' as kind from units u where ${reports("u")}`
      : sql`with recursive tree as (
          select id, level from units where id = ${params.unitId}
          union all
          select u.id, u.level from units u join tree t on u.parent_id = t.id
        ),
        own as (select t.id from tree t where ${reports("t")}),
        mapped as (
          select m.new_unit_id as id from own o join unit_merges m on m.old_unit_id = o.id
          union
          select m.old_unit_id as id from own o join unit_merges m on m.new_unit_id = o.id
        ),
        picked as (select id, 'own' as kind from own union all select id, 'mapped' from mapped where id not in (select id from own))
        select u.id, u.structure, u.code, u.name, p.kind from picked p join units u on u.id = p.id order by u.structure, u.code`,
    scopeCommuneSchema,
  );
}

/**
 * The old → new mapping rows of every component (connected piece of the mapping) that touches the given
 * units of `structure`, oriented from that structure ("home") to the other ("foreign"), with the code and
 * name of each foreign unit. A few lookups walk the components whatever their shape.
 * @example getReformEdges(db, { unitIds: [caDam], structure: "2025-07" }) → edges Cà Đam ← Trà Tân, Trà Bùi; Tây Trà Bồng ← Trà Bùi, …
 */
export async function getReformEdges(
  db: DbOrTx,
  params: { unitIds: readonly number[]; structure: string },
): Promise<{ edges: { home: number; foreign: number }[]; names: Map<number, { code: string; name: string }> }> {
  const seen = new Set<number>(params.unitIds);
  let frontier = [...seen];
  const pairs = new Map<string, { old: number; new: number }>();
  while (frontier.length) {
    const rows = await queryRows(
      db,
      sql`select old_unit_id as o, new_unit_id as n from unit_merges
          where old_unit_id = any(${pgArray(frontier)}::int[]) or new_unit_id = any(${pgArray(frontier)}::int[])`,
      z.object({ o: int, n: int }),
    );
    const next: number[] = [];
    for (const { o, n } of rows) {
      pairs.set(`${o}|${n}`, { old: o, new: n });
      for (const id of [o, n]) {
        if (!seen.has(id)) {
          seen.add(id);
          next.push(id);
        }
      }
    }
    frontier = next;
  }
  const homeIsOld = params.structure === "2025-06";
  const edges = [...pairs.values()].map((p) =>
    homeIsOld ? { home: p.old, foreign: p.new } : { home: p.new, foreign: p.old },
  );
  const foreignIds = [...new Set(edges.map((e) => e.foreign))];
  const names = new Map<number, { code: string; name: string }>();
  if (foreignIds.length) {
    const rows = await queryRows(
      db,
      sql`select id, code, name from units where id = any(${pgArray(foreignIds)}::int[])`,
      z.object({ id: int, code: z.string(), name: z.string() }),
    );
    for (const r of rows) names.set(r.id, { code: r.code, name: r.name });
  }
  return { edges, names };
}

/**
 * The district each new (2025-07) commune came from: the district of all its predecessors, or the list of
 * them when they came from several (Xã Đông Sơn ← communes of Bình Sơn and Sơn Tịnh).
 * @example listFormerDistricts(db, { unitIds: [caDam] }) → Map { caDam => ["Huyện Trà Bồng"] }
 */
export async function listFormerDistricts(
  db: DbOrTx,
  params: { unitIds: readonly number[] },
): Promise<Map<number, string[]>> {
  const out = new Map<number, string[]>();
  if (params.unitIds.length === 0) return out;
  const rows = await queryRows(
    db,
    sql`select distinct m.new_unit_id as id, coalesce(d.name, o.name) as district
        from unit_merges m join units o on o.id = m.old_unit_id left join units d on d.id = o.parent_id and o.level = 'commune'
        where m.new_unit_id = any(${pgArray(params.unitIds)}::int[])
        order by 2`,
    z.object({ id: int, district: z.string() }),
  );
  for (const r of rows) out.set(r.id, [...(out.get(r.id) ?? []), r.district]);
  return out;
}

/** "Xã Trà Tân (21136)" by unit id, for the ids given (the audit trail names the units its events mention). */
export async function getUnitLabels(db: DbOrTx, params: { ids: readonly number[] }): Promise<Map<number, string>> {
  if (params.ids.length === 0) return new Map();
  const rows = await db
    .select({ id: units.id, code: units.code, name: units.name })
    .from(units)
    .where(inArray(units.id, [...params.ids]));
  return new Map(rows.map((r) => [r.id, `${r.name} (${r.code})`]));
}
