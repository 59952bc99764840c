/**
 * The scope of a user, from the unit tree: which communes they may read and write, in both unit
 * structures (through unit_merges, as db/queries/ingest-context.ts getIngestScope does for imports).
 * Every query that returns or writes figures calls these before touching rows.
 */
import { asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "../client";
import { units } from "../schema";
import { isWithin, listScopeCommunes, type ScopeUnit } from "./units";
import {
  buildUserScope,
  can,
  outsideScope,
  type AuthUser,
  type Capability,
  type ScopeSubject,
  type UserScope,
} from "@/lib/auth/permissions";
import { forbiddenCapability, forbiddenUnits } from "@/lib/auth/errors";

export type { UserScope };

/** The tree facts of `unitId`: communes below it in its structure, their counterparts, its parent. */
async function unitTreeFacts(db: DbOrTx, unitId: number) {
  const [communes, parent] = await Promise.all([
    listScopeCommunes(db, { unitId }),
    db.select({ parentId: units.parentId }).from(units).where(eq(units.id, unitId)),
  ]);
  return {
    communesBelow: communes.filter((c) => c.kind === "own").map((c) => c.id),
    counterparts: communes.filter((c) => c.kind === "mapped").map((c) => c.id),
    parentId: parent[0]?.parentId ?? null,
  };
}

/**
 * The units the user may read and write. Admin: `all`. Others: the communes below their unit plus
 * their counterparts in the other structure (a reporter of 21136 Trà Tân also gets 21136 Cà Đam).
 * @example getUserScope(db, { role: "reporter", unitId: 10 }) → { all: false, readUnitIds: [10, 25], writeUnitIds:
 * [10, 25], aggregateUnitId: 2, rootUnitId: 10 }
 */
export async function getUserScope(db: DbOrTx, user: ScopeSubject): Promise<UserScope> {
  if (user.role === "admin") return buildUserScope(user, { communesBelow: [], counterparts: [], parentId: null });
  return buildUserScope(user, await unitTreeFacts(db, user.unitId));
}

async function unitNames(db: DbOrTx, ids: readonly number[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .select({ id: units.id, name: units.name, code: units.code })
    .from(units)
    .where(inArray(units.id, [...ids]))
    .orderBy(asc(units.code));
  const known = new Map(rows.map((r) => [r.id, `${r.name} (${r.code})`]));
  return ids.map((id) => known.get(id) ?? `#${id}`);
}

/** Throw 403 unless the role has the capability. */
export function assertCapability(user: Pick<AuthUser, "role">, capability: Capability): void {
  if (!can(user.role, capability)) throw forbiddenCapability(user.role, capability);
}

/** Throw 403 (naming the units) unless every unit is readable by the user. Returns the scope. */
export async function assertCanRead(
  db: DbOrTx,
  user: ScopeSubject,
  unitIds: readonly number[],
  scope?: UserScope,
): Promise<UserScope> {
  assertCapability(user, "read");
  const s = scope ?? (await getUserScope(db, user));
  const outside = outsideScope(s, unitIds, "read");
  if (outside.length) throw forbiddenUnits(await unitNames(db, outside), "read");
  return s;
}

/** Throw 403 (naming the units) unless the user may import for every unit. Returns the scope. */
export async function assertCanWrite(
  db: DbOrTx,
  user: ScopeSubject,
  unitIds: readonly number[],
  scope?: UserScope,
): Promise<UserScope> {
  assertCapability(user, "import");
  const s = scope ?? (await getUserScope(db, user));
  const outside = outsideScope(s, unitIds, "write");
  if (outside.length) throw forbiddenUnits(await unitNames(db, outside), "write");
  return s;
}

/**
 * The `scopeUnitId` runImport takes: "all" for an administrator, else the user's unit (getIngestScope
 * then allows exactly the communes getUserScope gives). Throws 403 for a role that may not import.
 */
export function importScopeUnitId(user: ScopeSubject): number | "all" {
  assertCapability(user, "import");
  return user.role === "admin" ? "all" : user.unitId;
}

/**
 * A SQL condition restricting `column` (a unit id column) to the user's readable communes; `true`
 * for an administrator. Use in queries that list rows: `where ${readableUnitsSql(scope, sql`d.unit_id`)}`.
 */
export function readableUnitsSql(scope: UserScope, column: ReturnType<typeof sql>) {
  if (scope.all) return sql`true`;
  if (scope.readUnitIds.length === 0) return sql`false`;
  return sql`${column} in (${sql.join(
    scope.readUnitIds.map((id) => sql`${id}`),
    sql`, `,
  )})`;
}

/**
 * The same condition as readableUnitsSql, with the communes as one array parameter (`= any($1::int[])`) rather than
 * a list of hundreds of parameters: cheaper to send and to plan for a province's reader (the report search).
 */
export function readableUnitsArraySql(scope: UserScope, column: ReturnType<typeof sql>) {
  if (scope.all) return sql`true`;
  if (scope.readUnitIds.length === 0) return sql`false`;
  return sql`${column} = any(${`{${scope.readUnitIds.map((id) => Math.trunc(id)).join(",")}}`}::int[])`;
}

/** One unit by id (the user's unit, for the header and the account page), or null. */
export async function getUnitById(db: DbOrTx, id: number) {
  const [row] = await db.select().from(units).where(eq(units.id, id));
  return row ?? null;
}

/** How a user may read a scope unit: all its rows ("full"), or its totals plus their own rows only ("aggregate"). */
export type ScopeAccess = "full" | "aggregate";

/**
 * How the user may read the figures of a scope unit (a commune, district, province, or the country),
 * or null when not at all. Full: administrators everywhere, others for their unit and below (and
 * their communes' counterparts). Aggregate: a reporter for the scope directly above their commune.
 */
export async function scopeUnitAccess(
  db: DbOrTx,
  scope: UserScope,
  unitId: number | "country",
): Promise<ScopeAccess | null> {
  if (scope.all) return "full";
  if (unitId === "country") return null;
  if (scope.rootUnitId === unitId || scope.readUnitIds.includes(unitId)) return "full";
  if (await isWithin(db, { unitId, ancestorId: scope.rootUnitId })) return "full";
  if (scope.aggregateUnitId === unitId) return "aggregate";
  return null;
}

/** Throw 403 naming the unit unless the user may read it as a scope; returns the scope and how. */
export async function assertCanReadScopeUnit(
  db: DbOrTx,
  user: ScopeSubject,
  unit: { id: number; code: string; name: string } | "country",
  scope?: UserScope,
): Promise<{ scope: UserScope; access: ScopeAccess }> {
  assertCapability(user, "read");
  const s = scope ?? (await getUserScope(db, user));
  const access = await scopeUnitAccess(db, s, unit === "country" ? "country" : unit.id);
  if (!access) throw forbiddenUnits([unit === "country" ? "Toàn quốc (VN)" : `${unit.name} (${unit.code})`], "read");
  return { scope: s, access };
}

/** Whether the user may read this commune's own rows (its profile, its values). */
export function scopeReadsCommune(scope: UserScope, unitId: number): boolean {
  return scope.all || scope.readUnitIds.includes(unitId);
}

/**
 * The default scope unit of a user's views and API requests: the overseeing unit (ORG_UNIT_CODE) for
 * administrators and whoever may read it (in full or, for a reporter, its totals); else the user's own unit.
 */
export async function defaultScopeUnitId(
  db: DbOrTx,
  scope: UserScope,
  overseeingUnitId: number | null,
): Promise<number> {
  if (overseeingUnitId !== null && (await scopeUnitAccess(db, scope, overseeingUnitId))) return overseeingUnitId;
  return scope.rootUnitId;
}

/** Who reads: a user's scope (rows narrowed to it), or "system" (scripts and benchmarks: everything). */
export type Reader = UserScope | "system";

/** How `reader` may read `scope`, or 403 naming it. */
export async function readerAccess(db: DbOrTx, reader: Reader, scope: ScopeUnit): Promise<ScopeAccess> {
  if (reader === "system") return "full";
  const access = await scopeUnitAccess(db, reader, scope.level === "country" ? "country" : scope.id);
  if (!access)
    throw forbiddenUnits([scope.level === "country" ? "Toàn quốc (VN)" : `${scope.name} (${scope.code})`], "read");
  return access;
}

/** A completeness report's commune lists, narrowed like filterRowsForScope (a reporter sees their own commune only). */
export function filterCompletenessForScope<
  Q extends { missingCommunes: { id: number }[]; lateCommunes: { id: number }[] },
>(quarters: readonly Q[], scope: UserScope, access: ScopeAccess): Q[] {
  if (scope.all || access === "full") return [...quarters];
  const mine = (c: { id: number }) => scope.readUnitIds.includes(c.id);
  return quarters.map((q) => ({
    ...q,
    missingCommunes: q.missingCommunes.filter(mine),
    lateCommunes: q.lateCommunes.filter(mine),
  }));
}
