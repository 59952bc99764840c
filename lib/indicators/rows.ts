/**
 * Indicator tables (pure): from element sums per commune and per set of quarters ("window"), the rows
 * of a table by commune or by quarter, each cell with its target, status, missing quarters and its
 * change against the previous comparable period and the same period a year earlier.
 */
import type { Period } from "../periods";
import { getIndicator, indicators, type IndicatorDef } from "./catalogue";
import { previousPeriod, quarterPeriods, yearAgoPeriod } from "./comparison";
import { unknownIndicators } from "./errors";
import type { Crossing, DerivedUnit } from "./reform";
import { compareWith, valueOfAggregate, type IndicatorAggregate, type IndicatorCell } from "./rollup";

/** unit: a row per commune; period: a row per quarter; child: a row per direct child unit (district, province). */
export type RowGrouping = "unit" | "period" | "child";

export interface UnitRef {
  id: number;
  code: string;
  name: string;
}

export interface IndicatorRow {
  /**
   * commune: one commune over the period; child: the communes of one direct child unit of the scope;
   * quarter: the whole scope in one quarter; total: the whole scope over the period.
   */
  kind: "commune" | "child" | "quarter" | "total";
  /** The commune, or the scope for quarter and total rows. */
  unit: UnitRef;
  /** Code of the row's period: the requested one, or the quarter of a quarter row. */
  period: string;
  quarters: string[];
  /** Communes the row covers (1 for a commune row). */
  communes: number;
  /** communes × quarters: the commune-quarters expected to report. */
  expectedQuarters: number;
  /** Commune-quarters with at least one figure stored. */
  reportedQuarters: number;
  values: Record<string, IndicatorCell>;
  /** Element totals over the row's quarters, when asked for (getIndicatorTable `elements`). */
  elements?: Record<string, ElementTotal>;
  /**
   * Present when some of the row's quarters lie in the other unit structure (before or after 1 July 2025):
   * those quarters were composed from the units named; not comparable when they cannot be matched.
   */
  crossReform?: CrossReform;
}

export interface CrossReform {
  /** The row's quarters read through the old → new mapping. */
  quarters: string[];
  comparable: boolean;
  derivedFrom: DerivedUnit[];
}

/**
 * An element added up over a row's communes and quarters: Σ over the communes that reported it (a flow
 * left blank in a quarter the commune reported is unknown; the stock element is the first quarter's).
 */
export interface ElementTotal {
  /** null when no commune of the row reported the element. */
  value: number | null;
  /** Communes whose figure is in the sum. */
  communes: number;
}

/**
 * Catalogue definitions of the indicators asked for, in catalogue order; all when none is named.
 * Throws AppError unknown_indicator (400) naming the unknown codes.
 * @example resolveIndicators(["online_rate", "meetings"]).map((d) => d.code) → ["meetings", "online_rate"]
 */
export function resolveIndicators(codes?: readonly string[]): IndicatorDef[] {
  if (!codes || codes.length === 0) return [...indicators];
  const unknown = codes.filter((c) => !getIndicator(c));
  if (unknown.length) throw unknownIndicators(unknown);
  return indicators.filter((d) => codes.includes(d.code));
}

export interface ComparisonWindows {
  current: Period;
  previous: Period;
  yearAgo: Period;
}

export function comparisonWindows(p: Period): ComparisonWindows {
  return { current: p, previous: previousPeriod(p), yearAgo: yearAgoPeriod(p) };
}

/**
 * Every set of quarters a table needs, each once: the period and its two comparisons, and for a table
 * by quarter each quarter with the quarter before it and the same quarter a year earlier.
 * @example windowsNeeded(2025S1, "unit").map((w) => w.code) → ["2025S1", "2024S2", "2024S1"]
 */
export function windowsNeeded(period: Period, by: RowGrouping): Period[] {
  const sets = [comparisonWindows(period)];
  if (by === "period") sets.push(...quarterPeriods(period).map(comparisonWindows));
  const out = new Map<string, Period>();
  for (const s of sets) for (const p of [s.current, s.previous, s.yearAgo]) if (!out.has(p.code)) out.set(p.code, p);
  return [...out.values()];
}

/** A row's group: a commune or a child unit by id, or the whole scope. */
export type GroupKey = number | "total";

/** Where rows get their figures: aggregates per window (period code), group and indicator. */
export interface AggregateSource {
  aggregate(window: string, group: GroupKey, indicator: string): IndicatorAggregate | undefined;
  /** An element's total over the group's communes that reported it. */
  elementTotal(window: string, group: GroupKey, element: string): ElementTotal;
  /** How the window's quarters of the other structure are read for the group; null when it has none. */
  crossing?(window: string, group: GroupKey): (Crossing & { quarters: string[] }) | null;
  /** Commune-quarters of the group with at least one figure stored in the window. */
  reportedQuarters(window: string, group: GroupKey): number;
}

export interface RowGroup {
  kind: "commune" | "child";
  unit: UnitRef;
  key: GroupKey;
  /** Communes the group covers, all expected to report. */
  communes: number;
}

export interface BuildRowsFromSourceInput {
  scope: UnitRef;
  /** Every commune expected to report below the scope. */
  totalCommunes: number;
  period: Period;
  by: RowGrouping;
  defs: readonly IndicatorDef[];
  /** Unscaled target per indicator code (administrator's, else catalogue default); absent = none. */
  targets: ReadonlyMap<string, number | null>;
  /** by "unit" or "child": the rows' groups in display order (ignored by "period"). */
  groups: readonly RowGroup[];
  source: AggregateSource;
  /** Element codes whose totals each row carries. */
  elements?: readonly string[];
}

/**
 * by "unit": one row per commune, then the scope's total; by "child": one row per direct child unit
 * (over its communes), then the total; by "period": one row per quarter for the whole scope, then the total.
 * Rates are Σnumerators / Σdenominators at every level.
 */
export function buildRowsFromSource(input: BuildRowsFromSourceInput): IndicatorRow[] {
  const { defs, targets, source } = input;
  const row = (
    kind: IndicatorRow["kind"],
    unit: UnitRef,
    key: GroupKey,
    communes: number,
    windows: ComparisonWindows,
  ): IndicatorRow => {
    const n = windows.current.quarters.length;
    const values: Record<string, IndicatorCell> = {};
    for (const def of defs) {
      const target = targets.get(def.code) ?? null;
      const at = (p: Period) =>
        valueOfAggregate(def, source.aggregate(p.code, key, def.code), {
          target,
          communes,
          quarters: p.quarters.length,
        });
      const cur = at(windows.current);
      // Two periods of a row compare when neither reads quarters of the other structure it cannot match.
      const matches = (p: Period) =>
        [windows.current, p].every((w) => source.crossing?.(w.code, key)?.comparable ?? true);
      values[def.code] = {
        ...cur,
        previous: compareWith(cur, at(windows.previous), windows.previous.code, matches(windows.previous)),
        yearAgo: compareWith(cur, at(windows.yearAgo), windows.yearAgo.code, matches(windows.yearAgo)),
      };
    }
    const out: IndicatorRow = {
      kind,
      unit,
      period: windows.current.code,
      quarters: [...windows.current.quarters],
      communes,
      expectedQuarters: communes * n,
      reportedQuarters: source.reportedQuarters(windows.current.code, key),
      values,
    };
    const crossing = source.crossing?.(windows.current.code, key) ?? null;
    if (crossing)
      out.crossReform = {
        quarters: crossing.quarters,
        comparable: crossing.comparable,
        derivedFrom: crossing.derivedFrom,
      };
    if (input.elements?.length) {
      out.elements = Object.fromEntries(
        input.elements.map((e) => [e, source.elementTotal(windows.current.code, key, e)]),
      );
    }
    return out;
  };
  const whole = comparisonWindows(input.period);
  const rows =
    input.by === "period"
      ? quarterPeriods(input.period).map((q) =>
          row("quarter", input.scope, "total", input.totalCommunes, comparisonWindows(q)),
        )
      : input.groups.map((g) => row(g.kind, g.unit, g.key, g.communes, whole));
  rows.push(row("total", input.scope, "total", input.totalCommunes, whole));
  return rows;
}
