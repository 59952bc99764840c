/**
 * What the period pickers offer (pure): the quarters that hold figures, and the half-years, nine
 * months and years that contain at least one of them, newest first, labelled with lib/format.
 */
import { formatPeriod, type Locale } from "@/lib/format";
import { addQuarters, parsePeriod, quarterRange, type Period } from "@/lib/periods";

export interface PeriodOption {
  value: string;
  label: string;
}

export interface PeriodGroups {
  quarter: PeriodOption[];
  half: PeriodOption[];
  nine: PeriodOption[];
  year: PeriodOption[];
}

/**
 * @example periodGroups(["2025Q1", "2025Q2"], "vi").half → [{ value: "2025S1", label: "6 tháng đầu năm 2025" }]
 */
export function periodGroups(quarters: readonly string[], locale: Locale): PeriodGroups {
  const sorted = [...new Set(quarters)].sort().reverse();
  const years = [...new Set(sorted.map((q) => q.slice(0, 4)))];
  const opt = (value: string): PeriodOption => ({ value, label: formatPeriod(value, locale) });
  const has = (q: string) => sorted.includes(q);
  const half: PeriodOption[] = [];
  const nine: PeriodOption[] = [];
  for (const y of years) {
    if (has(`${y}Q3`) || has(`${y}Q4`)) half.push(opt(`${y}S2`));
    if (has(`${y}Q1`) || has(`${y}Q2`)) half.push(opt(`${y}S1`));
    if (has(`${y}Q1`) || has(`${y}Q2`) || has(`${y}Q3`)) nine.push(opt(`${y}N9`));
  }
  return { quarter: sorted.map(opt), half, nine, year: years.map(opt) };
}

/** The last `n` quarters ending with the period's last quarter, as a range code (the trend window). */
export function trailingQuarters(period: Period, n: number): string {
  const last = period.quarters[period.quarters.length - 1];
  const first = addQuarters(last, -(n - 1));
  return `${first}..${last}`;
}

/** Every quarter between the first and the last with figures (the from–to choices). */
export function quarterSpan(quarters: readonly string[]): string[] {
  if (quarters.length === 0) return [];
  const sorted = [...quarters].sort();
  return quarterRange(sorted[0], sorted[sorted.length - 1]);
}

/** A from–to choice as a canonical period, or null when reversed or malformed. */
export function rangePeriod(from: string | undefined, to: string | undefined): Period | null {
  if (!from || !to) return null;
  return parsePeriod(`${from}..${to}`);
}
