import "server-only";
import type { DbOrTx } from "@/db";
import { getOverseeingUnit } from "@/app/_components/scope";
import { assertCanReadScopeUnit, defaultScopeUnitId, getUserScope, type ScopeAccess } from "@/db/queries/access";
import { countryScope, getScopeUnit, getScopeUnitByCode, type ScopeUnit } from "@/db/queries/units";
import { noOverseeingUnit } from "@/lib/import-errors";
import { readEnv } from "@/lib/env";
import type { AuthUser, UserScope } from "@/lib/auth/permissions";

/** The overseeing unit (ORG_UNIT_CODE), or 404 when it is not loaded. */
export async function requireScopeUnit(db: DbOrTx) {
  const unit = await getOverseeingUnit(db);
  if (!unit) throw noOverseeingUnit(readEnv().ORG_UNIT_CODE);
  return unit;
}

export interface RequestScope {
  unit: ScopeUnit;
  /** The user's scope (which communes they may read and write). */
  userScope: UserScope;
  /** full: every row of the unit; aggregate: its totals and the user's own communes' rows only. */
  access: ScopeAccess;
}

/**
 * The scope unit a request names (`scope`, `structure`; "VN" for the country when allowed), or the
 * user's default one (the overseeing unit when they may read it, else their own unit). 403 naming the
 * unit when it lies outside the user's read scope.
 */
export async function resolveRequestScope(
  db: DbOrTx,
  user: AuthUser,
  params: { scope?: string; structure?: string; allowCountry?: boolean },
): Promise<RequestScope> {
  const env = readEnv();
  const userScope = await getUserScope(db, user);
  if (params.scope === "VN" && params.allowCountry) {
    const unit = countryScope(params.structure ?? env.ORG_STRUCTURE);
    const { access } = await assertCanReadScopeUnit(db, user, "country", userScope);
    return { unit, userScope, access };
  }
  // Both named: no need for the default unit (two queries fewer on the API's most common call).
  const unit =
    params.scope && params.structure
      ? await getScopeUnitByCode(db, { code: params.scope, structure: params.structure })
      : await defaultOrNamed(db, userScope, params);
  const { access } = await assertCanReadScopeUnit(db, user, unit, userScope);
  return { unit, userScope, access };
}

async function defaultOrNamed(
  db: DbOrTx,
  userScope: UserScope,
  params: { scope?: string; structure?: string },
): Promise<ScopeUnit> {
  const overseeing = await getOverseeingUnit(db);
  const fallback = await getScopeUnit(db, {
    unitId: await defaultScopeUnitId(db, userScope, overseeing ? overseeing.id : null),
  });
  return params.scope || params.structure
    ? getScopeUnitByCode(db, { code: params.scope ?? fallback.code, structure: params.structure ?? fallback.structure })
    : fallback;
}
