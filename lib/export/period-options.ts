/**
 * The periods offered on the export page (pure): quarters, half-years, nine months and years of the last
 * few years, newest first, none starting after the latest quarter with figures.
 */
import { parseQuarterCode, quarterIndex } from "../periods";

export type PeriodGroup = "quarter" | "half" | "nine" | "year";

/**
 * @example exportPeriods("2025Q2", 2) → { quarter: ["2025Q2", "2025Q1", "2024Q4", …, "2024Q1"], half: ["2025S1",
 * "2024S2", "2024S1"], nine: ["2025N9", "2024N9"], year: ["2025", "2024"] }
 */
export function exportPeriods(latestQuarter: string, years = 3): Record<PeriodGroup, string[]> {
  const latest = parseQuarterCode(latestQuarter);
  if (!latest) throw new Error(`Not a quarter code: ${latestQuarter}`);
  const last = quarterIndex(latestQuarter);
  const out: Record<PeriodGroup, string[]> = { quarter: [], half: [], nine: [], year: [] };
  for (let y = latest.year; y > latest.year - years; y--) {
    const starts = (q: number) => quarterIndex(`${y}Q${q}`) <= last;
    for (const q of [4, 3, 2, 1]) if (starts(q)) out.quarter.push(`${y}Q${q}`);
    if (starts(3)) out.half.push(`${y}S2`);
    out.half.push(`${y}S1`);
    out.nine.push(`${y}N9`);
    out.year.push(String(y));
  }
  return out;
}
