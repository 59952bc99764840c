import "server-only";
import { cache } from "react";
import { redirect } from "next/navigation";
import { getDb, getReadDb } from "@/db";
import { getCompleteness } from "@/db/queries/completeness";
import { getIndicatorTable } from "@/db/queries/indicators";
import { getScopeUnit, getScopeUnitByCode, type ScopeUnit } from "@/db/queries/units";
import { defaultScopeUnitId, getUserScope, scopeReadsCommune, scopeUnitAccess } from "@/db/queries/access";
import { nullIfNotFound } from "@/lib/errors";
import type { AuthUser, UserScope } from "@/lib/auth/permissions";
import { requireUser } from "../_auth/session";
import { listCommunesUnder, type CommuneRow } from "@/db/queries/units";
import { listReportedQuarters, listScopeOptions, type ScopeOption } from "@/db/queries/unit-profile";
import { readEnv } from "@/lib/env";
import { getIndicator, type IndicatorDef } from "@/lib/indicators/catalogue";
import { parseReportingPeriod } from "@/lib/indicators/comparison";
import type { RowGrouping } from "@/lib/indicators/rows";
import { STRUCTURES, type Period } from "@/lib/periods";
import { calendarNow, defaultViewQuarter, lastClosedQuarter } from "@/lib/calendar";
import { hrefWith, firstParam, type SearchParams } from "./params";
import { rangePeriod } from "./period-options";
import { getOverseeingUnit } from "./scope";

export const DEFAULT_INDICATOR = "online_rate";

export interface ViewContext {
  /** The unit this installation oversees; every scope lies within it. */
  overseeing: ScopeUnit;
  structure: string;
  /** The unit whose communes the view shows (the overseeing unit, or one of its districts). */
  scope: ScopeUnit;
  scopeOptions: ScopeOption[];
  communes: CommuneRow[];
  /** Quarters in which any commune of the scope reported, oldest first. */
  quarters: string[];
  /**
   * The chosen period; by default the latest quarter with figures up to the last closed one (lib/calendar.ts);
   * null when nothing was ever reported.
   */
  period: Period | null;
  indicator: IndicatorDef;
  /** A selection in the URL that could not be used (and was replaced by the default). */
  notices: ("badPeriod" | "badScope" | "badIndicator")[];
}

/**
 * The selections of a dashboard view from its URL: scope (and structure), period, indicator. A from–to
 * choice (`period=range&from=…&to=…`, what the form sends without JavaScript) is redirected to its
 * canonical code so the address stays short and bookmarkable. Null when the overseeing unit is not loaded.
 */
export async function resolveView(sp: SearchParams, path: string): Promise<ViewContext | null> {
  const db = await getReadDb();
  const env = readEnv();
  const { scope: userScope } = await currentUserScope();
  const org = await getOverseeingUnit(db);
  if (!org) return null;
  const notices: ViewContext["notices"] = [];

  // The overseeing unit for whoever may read it (a reporter: its totals); else the user's own unit.
  const homeId = await defaultScopeUnitId(db, userScope, org.id);
  const home = homeId === org.id ? org : await getScopeUnit(db, { unitId: homeId });
  const overseeing = await getScopeUnitByCode(db, { code: home.code, structure: home.structure });
  const requestedStructure = firstParam(sp, "structure");
  const structure =
    requestedStructure && (STRUCTURES as readonly string[]).includes(requestedStructure)
      ? requestedStructure
      : overseeing.structure;
  // The overseeing unit's code in the structure asked for; a structure where it does not exist falls back.
  let root = overseeing;
  if (structure !== overseeing.structure) {
    // Only "no such unit in that structure" falls back; a failing database reaches the error page.
    const code = homeId === org.id ? env.ORG_UNIT_CODE : home.code;
    root = (await nullIfNotFound(getScopeUnitByCode(db, { code, structure }))) ?? overseeing;
    if (root !== overseeing && !(await scopeUnitAccess(db, userScope, root.id))) root = overseeing;
    if (root === overseeing) notices.push("badScope");
  }
  const options = await listScopeOptions(db, { unitId: root.id });
  const allowed = await Promise.all(options.map((o) => scopeUnitAccess(db, userScope, o.id)));
  const scopeOptions = options.filter((_, i) => allowed[i] !== null);
  const requestedScope = firstParam(sp, "scope");
  const chosen = requestedScope ? scopeOptions.find((o) => o.code === requestedScope) : undefined;
  if (requestedScope && !chosen) notices.push("badScope");
  const scope: ScopeUnit = chosen ? { ...chosen, structure: root.structure } : root;

  // Only the communes whose rows the user may see (a reporter: their own).
  const communes = (await listCommunesUnder(db, { unitId: scope.id })).filter((c) =>
    scopeReadsCommune(userScope, c.id),
  );
  const quarters = await listReportedQuarters(db, { unitIds: communes.map((c) => c.id) });

  if (firstParam(sp, "period") === "range") {
    // Without from/to (the range was just chosen), the last four quarters with figures.
    const last = quarters[quarters.length - 1];
    const from = firstParam(sp, "from") ?? quarters[Math.max(0, quarters.length - 4)];
    const to = firstParam(sp, "to") ?? last;
    const range = rangePeriod(from, to) ?? rangePeriod(to, from);
    redirect(hrefWith(path, { ...sp, period: range?.code, from: undefined, to: undefined }));
  }

  const requestedPeriod = firstParam(sp, "period");
  let period: Period | null = requestedPeriod ? parseReportingPeriod(requestedPeriod) : null;
  if (requestedPeriod && !period) notices.push("badPeriod");
  if (!period && quarters.length)
    period = parseReportingPeriod(defaultViewQuarter(quarters, lastClosedQuarter(calendarNow())));

  const requestedIndicator = firstParam(sp, "indicator");
  let indicator = requestedIndicator ? getIndicator(requestedIndicator) : undefined;
  if (requestedIndicator && !indicator) notices.push("badIndicator");
  indicator ??= getIndicator(DEFAULT_INDICATOR)!;

  return { overseeing, structure: root.structure, scope, scopeOptions, communes, quarters, period, indicator, notices };
}

/** The URL parameters of a view, to carry in links and hidden fields (defaults left out). */
export function viewParams(v: ViewContext): Record<string, string | undefined> {
  return {
    scope: v.scope.code === v.overseeing.code && v.structure === v.overseeing.structure ? undefined : v.scope.code,
    structure: v.structure === v.overseeing.structure ? undefined : v.structure,
    period: v.period?.code,
  };
}

/** The signed-in reader and their scope, once per request (redirects to /login when nobody is signed in). */
export const currentUserScope = cache(async (): Promise<{ user: AuthUser; scope: UserScope }> => {
  const user = await requireUser({ capability: "read" });
  return { user, scope: await getUserScope(await getDb(), user) };
});

/**
 * The engine's table once per request and arguments, however many widgets ask (React cache), as the
 * current user may see it (the engine narrows it: a reporter gets the totals and their own commune's rows).
 */
export const cachedIndicatorRows = cache(async (scopeUnitId: number, period: string, by: RowGrouping) => {
  const { scope } = await currentUserScope();
  return getIndicatorTable(await getReadDb(), { reader: scope, scope: scopeUnitId, period, by });
});

export const cachedCompleteness = cache(async (scopeUnitId: number, period: string) => {
  const { scope } = await currentUserScope();
  return getCompleteness(await getReadDb(), { reader: scope, scopeUnitId, period });
});
