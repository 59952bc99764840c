import "server-only";
import { getReadDb } from "@/db";
import { getScopeUnitByCode, type ScopeUnit } from "@/db/queries/units";
import { isWithin } from "@/db/queries/units";
import { nullIfNotFound } from "@/lib/errors";
import { formatPeriod, type Locale } from "@/lib/format";
import { parseReportingPeriod } from "@/lib/indicators/comparison";
import type { IndicatorCell } from "@/lib/indicators/rollup";
import type { IndicatorRow } from "@/lib/indicators/rows";
import { cachedIndicatorRows, type ViewContext } from "../../_components/view-context";

export const MIN_SERIES = 2;
/** Periods compared at most; communes: any number, up to the whole scope. */
export const MAX_SERIES = 6;

function series_(key: string, name: string, r: IndicatorRow): CompareSeries {
  return {
    key,
    name,
    values: r.values,
    communes: r.communes,
    expectedQuarters: r.expectedQuarters,
    reportedQuarters: r.reportedQuarters,
  };
}

/** One column of a comparison: a commune over the period, or the subject over one period. */
export interface CompareSeries {
  key: string;
  name: string;
  values: Record<string, IndicatorCell>;
  /** Communes the series covers (1 for a commune), for "tính trên 12/16 xã". */
  communes: number;
  /** Commune-quarters expected and reported (the engine's row), to say how complete each period is. */
  expectedQuarters: number;
  reportedQuarters: number;
}

/** The chosen communes of the scope over the view's period, in the order of the scope's list, and the scope itself. */
export async function compareCommunes(
  view: ViewContext,
  codes: readonly string[],
): Promise<{ series: CompareSeries[]; scope: CompareSeries }> {
  const result = await cachedIndicatorRows(view.scope.id, view.period!.code, "unit");
  const series = result.rows
    .filter((r) => r.kind === "commune" && codes.includes(r.unit.code))
    .map((r) => series_(r.unit.code, r.unit.name, r));
  const total = result.rows[result.rows.length - 1];
  return { series, scope: series_("scope", total.unit.name, total) };
}

/** The subject (the scope, or one of its communes) over each chosen period, in the order chosen. */
export async function comparePeriods(
  subject: ScopeUnit,
  periods: readonly string[],
  locale: Locale,
): Promise<CompareSeries[]> {
  const out: CompareSeries[] = [];
  for (const code of periods) {
    const p = parseReportingPeriod(code);
    if (!p) continue;
    const result = await cachedIndicatorRows(subject.id, p.code, "unit");
    const total = result.rows[result.rows.length - 1];
    out.push(series_(p.code, formatPeriod(p.code, locale), total));
  }
  return out;
}

/** The unit compared over periods: the scope by default, or a commune within it. */
export async function resolveSubject(view: ViewContext, code: string | undefined): Promise<ScopeUnit> {
  if (!code || code === view.scope.code) return view.scope;
  const db = await getReadDb();
  const unit = await nullIfNotFound(getScopeUnitByCode(db, { code, structure: view.structure }));
  // Only a commune the user may read (view.communes is already narrowed to them).
  if (
    unit &&
    (view.communes.some((c) => c.id === unit.id) || view.scopeOptions.some((o) => o.id === unit.id)) &&
    (await isWithin(db, { unitId: unit.id, ancestorId: view.scope.id }))
  )
    return unit;
  return view.scope;
}
