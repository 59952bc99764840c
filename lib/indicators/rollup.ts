/**
 * Roll-ups over communes and quarters (pure): the value of an indicator for a set of communes over a
 * set of quarters, how many commune-quarters it does not cover, and its change against an earlier period.
 */
import type { IndicatorDef } from "./catalogue";
import { scaledTarget, statusOf, valueFrom, type IndicatorValue } from "./compute";

export interface RolledUpValue extends IndicatorValue {
  /**
   * Commune-quarters of the roll-up that its value does not cover: a commune whose figures for this
   * indicator are complete covers the quarters it reported; one whose figures are incomplete (or
   * absent) covers none. 0 = the value is over every commune and every quarter.
   */
  missingQuarters: number;
  /** Communes whose figures for this indicator are complete, and so counted in it. */
  contributors: number;
}

export interface Comparison {
  /** Code of the period compared with, e.g. `2024Q4`. */
  period: string;
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  missingQuarters: number;
  /** value − earlier value (percentage points for a rate); null when either is no data or they are not comparable. */
  delta: number | null;
  /** Present (false) when either period crosses the 2025 reform on a territory that cannot be matched. */
  comparable?: false;
}

export interface IndicatorCell extends RolledUpValue {
  /** Against the previous comparable period (quarter → quarter before, 2025S1 → 2024S2, …). */
  previous: Comparison;
  /** Against the same period a year earlier. */
  yearAgo: Comparison;
}

/**
 * What one indicator adds up to over a group of communes and a set of quarters: only the communes whose
 * figures for it are complete contribute (compute.ts `contribution`). SQL computes the same for large
 * scopes (db/queries/indicators.ts); lib/indicators/testing/oracle.ts has its plain-TS twin for tests.
 */
export interface IndicatorAggregate {
  numerator: number;
  denominator: number;
  /** Communes that contributed; 0 = no data. */
  contributors: number;
  /** Quarters reported by the contributing communes, added up. */
  coveredQuarters: number;
}

/**
 * The indicator's value for a group of `communes` communes over `quarters` quarters from its aggregate
 * (absent = nothing contributed). The target is the unscaled one: a count target scales with both.
 */
export function valueOfAggregate(
  def: IndicatorDef,
  agg: IndicatorAggregate | undefined,
  options: { target: number | null; communes: number; quarters: number },
): RolledUpValue {
  const any = !!agg && agg.contributors > 0;
  const numerator = any ? agg.numerator : null;
  const denominator = any && def.kind === "rate" ? agg.denominator : null;
  const value = valueFrom(def, numerator, denominator);
  const target = scaledTarget(def, options.target, options.communes, options.quarters);
  const missingQuarters = options.communes * options.quarters - (any ? agg.coveredQuarters : 0);
  return {
    code: def.code,
    value,
    numerator,
    denominator,
    target,
    status: statusOf(def, value, target),
    missingQuarters,
    // A cross-reform member can stand for several communes: never more than the group holds.
    contributors: any ? Math.min(agg.contributors, options.communes) : 0,
  };
}

/** The change from `earlier` (of period `period`) to `current`. */
export function compareWith(
  current: IndicatorValue,
  earlier: RolledUpValue,
  period: string,
  comparable = true,
): Comparison {
  const delta = !comparable || current.value === null || earlier.value === null ? null : current.value - earlier.value;
  const out: Comparison = {
    period,
    value: earlier.value,
    numerator: earlier.numerator,
    denominator: earlier.denominator,
    missingQuarters: earlier.missingQuarters,
    delta,
  };
  if (!comparable) out.comparable = false;
  return out;
}
