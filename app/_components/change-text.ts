/**
 * A change between two periods in words' building blocks (pure): arrow, signed amount (percentage
 * points for a rate), through lib/format so it reads "+1,9" in Vietnamese and "+1.9" in English.
 */
import { formatNumber, roundHalfUp, type Locale } from "@/lib/format";
import type { IndicatorDef } from "@/lib/indicators/catalogue";

export function changeParts(_def: IndicatorDef, delta: number, locale: Locale): { arrow: string; amount: string } {
  const r = roundHalfUp(delta, 1);
  const arrow = r > 0 ? "▲" : r < 0 ? "▼" : "=";
  const sign = r > 0 ? "+" : r < 0 ? "−" : "";
  return { arrow, amount: `${sign}${formatNumber(Math.abs(delta), locale, 1)}` };
}

/** Competition rank, best (highest) first: 1, 2, 2, 4. Null values have no rank. */
export function rankOf(value: number | null, all: readonly (number | null)[]): number | null {
  if (value === null) return null;
  return all.filter((v) => v !== null && v > value).length + 1;
}
