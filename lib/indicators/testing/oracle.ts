/**
 * Test oracle (imported by tests only): the indicator rows aggregated in plain TypeScript from element sums
 * per commune, the reference that db/queries/indicators.ts's SQL aggregation is held equal to.
 */
import type { Period } from "../../periods";
import type { IndicatorDef } from "../catalogue";
import {
  contribution,
  scaledTarget,
  statusOf,
  valueFrom,
  type ComputeOptions,
  type ElementSums,
  type IndicatorValue,
} from "../compute";
import { valueOfAggregate, type IndicatorAggregate, type RolledUpValue } from "../rollup";
import {
  buildRowsFromSource,
  type AggregateSource,
  type GroupKey,
  type IndicatorRow,
  type RowGroup,
  type RowGrouping,
  type UnitRef,
} from "../rows";

/** What SQL gives for one commune over one set of quarters (db/queries/indicators.ts). */
export interface UnitWindowSums {
  sums: ElementSums;
  /** Quarters of the set in which the commune stored at least one figure. */
  quartersReported: readonly string[];
}

/** Element sums by window (period code) then by commune id. A commune absent from a window reported nothing. */
export type WindowSums = ReadonlyMap<string, ReadonlyMap<number, UnitWindowSums>>;

export function aggregateUnits(def: IndicatorDef, units: readonly UnitWindowSums[]): IndicatorAggregate {
  const out: IndicatorAggregate = { numerator: 0, denominator: 0, contributors: 0, coveredQuarters: 0 };
  for (const u of units) {
    const c = contribution(def, u.sums);
    if (c.numerator === null) continue;
    out.numerator += c.numerator;
    out.denominator += c.denominator ?? 0;
    out.contributors++;
    out.coveredQuarters += u.quartersReported.length;
  }
  return out;
}

/**
 * One indicator over `units` (every commune expected, reported or not) and `quarters` quarters.
 * The target is the unscaled one: a count target scales with units × quarters.
 * @example rollUpIndicator(reception, [{ sums: { reception_sessions: 13 }, quartersReported: ["2025Q1"] }, { sums:
 * {}, quartersReported: [] }], { target: 12, quarters: 2 })
 *   → value 13, target 12 × 2 × 2 = 48, status "below", missingQuarters 1 + 2 = 3
 */
export function rollUpIndicator(
  def: IndicatorDef,
  units: readonly UnitWindowSums[],
  options: { target: number | null; quarters: number },
): RolledUpValue {
  return valueOfAggregate(def, aggregateUnits(def, units), {
    target: options.target,
    communes: units.length,
    quarters: options.quarters,
  });
}

/**
 * One indicator over several communes: each commune contributes its numerator and denominator only
 * when it reported every element involved; the scope's rate is Σnumerators / Σdenominators.
 */
export function aggregateIndicator(
  def: IndicatorDef,
  perUnit: readonly ElementSums[],
  options: ComputeOptions,
): IndicatorValue {
  let num = 0;
  let den = 0;
  let any = false;
  for (const sums of perUnit) {
    const c = contribution(def, sums);
    if (c.numerator === null) continue;
    any = true;
    num += c.numerator;
    den += c.denominator ?? 0;
  }
  const numerator = any ? num : null;
  const denominator = any && def.kind === "rate" ? den : null;
  const value = valueFrom(def, numerator, denominator);
  const target = scaledTarget(def, options.target, options.communes, options.quarters);
  return { code: def.code, value, numerator, denominator, target, status: statusOf(def, value, target) };
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
  /** Element codes whose totals each row carries. */
  elements?: readonly string[];
}

const NOTHING: UnitWindowSums = { sums: {}, quartersReported: [] };

/**
 * The same rows from element sums per commune, aggregated here in plain TypeScript (the reference the
 * SQL aggregation is tested against, and enough for small scopes).
 */
export function buildIndicatorRows(input: BuildRowsInput): IndicatorRow[] {
  const members = new Map<GroupKey, number[]>([["total", input.communes.map((c) => c.id)]]);
  const groups: RowGroup[] =
    input.by === "child"
      ? (input.branches ?? []).map((b) => ({
          kind: "child" as const,
          unit: b.unit,
          key: b.unit.id,
          communes: b.communeIds.length,
        }))
      : input.communes.map((c) => ({ kind: "commune" as const, unit: c, key: c.id, communes: 1 }));
  if (input.by === "child") for (const b of input.branches ?? []) members.set(b.unit.id, [...b.communeIds]);
  else for (const c of input.communes) members.set(c.id, [c.id]);
  const unitsOf = (window: string, key: GroupKey) => {
    const w = input.sums.get(window);
    if (!w) throw new Error(`No sums for period ${window}`);
    return (members.get(key) ?? []).map((id) => w.get(id) ?? NOTHING);
  };
  const source: AggregateSource = {
    aggregate: (window, key, indicator) =>
      aggregateUnits(
        input.defs.find((d) => d.code === indicator)!,
        unitsOf(window, key),
      ),
    reportedQuarters: (window, key) => unitsOf(window, key).reduce((s, u) => s + u.quartersReported.length, 0),
    elementTotal: (window, key, element) => {
      const known = unitsOf(window, key).filter((u) => u.sums[element] !== undefined);
      return { value: known.length ? known.reduce((s, u) => s + u.sums[element]!, 0) : null, communes: known.length };
    },
  };
  return buildRowsFromSource({ ...input, totalCommunes: input.communes.length, groups, source });
}
