/**
 * Indicator arithmetic (pure). SQL sums the elements (db/queries/indicators.ts); this turns sums into
 * values, targets and statuses. A rate is always Σnumerator / Σdenominator over every commune and
 * quarter it covers, never an average of rates; a zero denominator is "no data" (null), never 0 %.
 */
import type { IndicatorDef } from "./catalogue";

/** Element code → summed value over the covered quarters; absent = not reported. */
export type ElementSums = Record<string, number | undefined>;

export type Status = "meets" | "near" | "below";

export interface IndicatorValue {
  code: string;
  /** Count, or percentage 0–100 for a rate; null = no data. Unrounded. */
  value: number | null;
  numerator: number | null;
  denominator: number | null;
  /** Target scaled to the scope and period (counts), or the rate target; null = none. */
  target: number | null;
  status: Status | null;
}

function sumOf(sums: ElementSums, codes: readonly string[]): number | null {
  let total = 0;
  for (const c of codes) {
    const v = sums[c];
    if (v === undefined) return null; // one unreported element makes the whole sum unknown
    total += v;
  }
  return total;
}

/**
 * A count target is per commune and per quarter; a scope of several communes over several quarters
 * scales it with both: reception ≥ 12 for 16 communes over a half-year is ≥ 12 × 16 × 2 = 384.
 */
export function scaledTarget(
  def: IndicatorDef,
  target: number | null,
  communes: number,
  quarters: number,
): number | null {
  if (target === null) return null;
  return def.kind === "count" ? target * communes * quarters : target;
}

/** meets: ≥ target; near: a rate within 10 points below, a count within 10 % below; else below. */
export function statusOf(def: IndicatorDef, value: number | null, target: number | null): Status | null {
  if (value === null || target === null) return null;
  if (value >= target) return "meets";
  const nearFloor = def.kind === "rate" ? target - 10 : target * 0.9;
  return value >= nearFloor ? "near" : "below";
}

/**
 * The numerator and denominator an entity contributes: both null unless every element is reported.
 * @example contribution(onlineRate, { procedures_online: 152, procedures_received: 180 }) → { numerator: 152, denominator: 180 }
 */
export function contribution(
  def: IndicatorDef,
  sums: ElementSums,
): { numerator: number | null; denominator: number | null } {
  const numerator = sumOf(sums, def.numerator);
  if (def.kind === "count") return { numerator, denominator: null };
  const denominator = sumOf(sums, def.denominator);
  if (numerator === null || denominator === null) return { numerator: null, denominator: null };
  return { numerator, denominator };
}

/** Value of one indicator from its numerator and denominator. */
export function valueFrom(def: IndicatorDef, numerator: number | null, denominator: number | null): number | null {
  if (numerator === null) return null;
  if (def.kind === "count") return numerator;
  if (denominator === null || denominator === 0) return null;
  return (100 * numerator) / denominator;
}

export interface ComputeOptions {
  /** Unscaled target (catalogue default or administrator's), null = none. */
  target: number | null;
  /** Communes and quarters the figure covers, to scale count targets. */
  communes: number;
  quarters: number;
}

/** One indicator for one entity (a commune, or a scope whose sums are already added up). */
export function computeIndicator(def: IndicatorDef, sums: ElementSums, options: ComputeOptions): IndicatorValue {
  const { numerator, denominator } = contribution(def, sums);
  const value = valueFrom(def, numerator, denominator);
  const target = scaledTarget(def, options.target, options.communes, options.quarters);
  return { code: def.code, value, numerator, denominator, target, status: statusOf(def, value, target) };
}

//END
