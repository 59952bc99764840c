/**
 * Indicator tables as CSV (pure): one line per row and indicator, so any number of indicators fits the
 * same columns. Figures are rounded half up to one decimal as in every export; codes stay codes.
 */
import { toCsv, type CsvCell } from "../export/csv";
import { roundHalfUp } from "../format";
import type { IndicatorRow } from "./rows";

export const INDICATOR_CSV_HEADER = [
  "row_kind",
  "unit_code",
  "unit_name",
  "period",
  "indicator",
  "value",
  "numerator",
  "denominator",
  "target",
  "status",
  "missing_quarters",
  "previous_period",
  "previous_value",
  "previous_delta",
  "year_ago_period",
  "year_ago_value",
  "year_ago_delta",
] as const;

const r1 = (x: number | null): CsvCell => (x === null ? null : roundHalfUp(x, 1));

/**
 * @example indicatorRowsToCsv(rows, ["online_rate"]) → "\uFEFFrow_kind,unit_code,…\r\ncommune,21115,Thị trấn " +
   "Trà Xuân,2025Q1,online_rate,93.4,…"
 */
export function indicatorRowsToCsv(rows: readonly IndicatorRow[], indicators: readonly string[]): string {
  const lines: CsvCell[][] = [];
  for (const row of rows) {
    for (const code of indicators) {
      const c = row.values[code];
      if (!c) continue;
      lines.push([
        row.kind,
        row.unit.code,
        row.unit.name,
        row.period,
        code,
        r1(c.value),
        c.numerator,
        c.denominator,
        r1(c.target),
        c.status,
        c.missingQuarters,
        c.previous.period,
        r1(c.previous.value),
        r1(c.previous.delta),
        c.yearAgo.period,
        r1(c.yearAgo.value),
        r1(c.yearAgo.delta),
      ]);
    }
  }
  return toCsv(INDICATOR_CSV_HEADER, lines);
}
