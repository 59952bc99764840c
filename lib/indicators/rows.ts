/**
 * Indicator tables (pure): from element sums per commune and per set of quarters ("window"), the rows
 * of a table by commune or by quarter, each cell with its target, status, missing quarters and its
 * change against the previous comparable period and the same period a year earlier.
 */
import type { Period } from "../periods";
import { getIndicator, indicators, type IndicatorDef } from "./catalogue";
import { previousPeriod, quarterPeriods, yearAgoPeriod } from "./comparison";
import { unknownIndicators } from "./errors";
import { compareWith, rollUpIndicator, type IndicatorCell, type UnitWindowSums } from "./rollup";

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
}

/** Element sums by window (period code) then by commune id. A commune absent from a window reported nothing. */
export type WindowSums = ReadonlyMap<string, ReadonlyMap<number, UnitWindowSums>>;

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

export interface BuildRowsInput {
  scope: UnitRef;
  /** Every commune expected to report (below the scope), in display order. */
  communes: readonly UnitRef[];
  period: Period;
  by: RowGrouping;
  defs: readonly IndicatorDef[];
  /** Unscaled target per indicator code (administrator's, else catalogue default); absent = none. */
  targets: ReadonlyMap<string, number | null>;
  sums: WindowSums;
  /** by "child": the scope's direct children and the communes in each. */
  branches?: readonly { unit: UnitRef; communeIds: readonly number[] }[];
}

const NOTHING: UnitWindowSums = { sums: {}, quartersReported: [] };

/**
 * by "unit": one row per commune, then the scope's total; by "child": one row per direct child unit
 * (over its communes), then the total; by "period": one row per quarter for the whole scope, then the total. Rates are Σnumerators / Σdenominators at every level.
 */
export function buildIndicatorRows(input: BuildRowsInput): IndicatorRow[] {
  const { sums, defs, targets } = input;
  const windowOf = (p: Period, unitIds: readonly number[]) => {
    const w = sums.get(p.code);
    if (!w) throw new Error(`No sums for period ${p.code}`);
    return unitIds.map((id) => w.get(id) ?? NOTHING);
  };
  const row = (kind: IndicatorRow["kind"], unit: UnitRef, windows: ComparisonWindows, unitIds: readonly number[]): IndicatorRow => {
    const current = windowOf(windows.current, unitIds);
    const previous = windowOf(windows.previous, unitIds);
    const yearAgo = windowOf(windows.yearAgo, unitIds);
    const n = windows.current.quarters.length;
    const values: Record<string, IndicatorCell> = {};
    for (const def of defs) {
      const target = targets.get(def.code) ?? null;
      const cur = rollUpIndicator(def, current, { target, quarters: n });
      const prev = rollUpIndicator(def, previous, { target, quarters: windows.previous.quarters.length });
      const ago = rollUpIndicator(def, yearAgo, { target, quarters: windows.yearAgo.quarters.length });
      values[def.code] = {
        ...cur,
        previous: compareWith(cur, prev, windows.previous.code),
        yearAgo: compareWith(cur, ago, windows.yearAgo.code),
      };
    }
    return {
      kind,
      unit,
      period: windows.current.code,
      quarters: [...windows.current.quarters],
      communes: unitIds.length,
      expectedQuarters: unitIds.length * n,
      reportedQuarters: current.reduce((s, u) => s + u.quartersReported.length, 0),
      values,
    };
  };
  const allIds = input.communes.map((c) => c.id);
  const whole = comparisonWindows(input.period);
  const rows =
    input.by === "unit"
      ? input.communes.map((c) => row("commune", c, whole, [c.id]))
      : input.by === "child"
        ? (input.branches ?? []).map((b) => row("child", b.unit, whole, b.communeIds))
        : quarterPeriods(input.period).map((q) => row("quarter", input.scope, comparisonWindows(q), allIds));
  rows.push(row("total", input.scope, whole, allIds));
  return rows;
}
