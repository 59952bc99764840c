/**
 * Comparable periods: what a figure is compared with. The previous comparable period is the period of
 * the same kind just before it; the year-ago period is the same period shifted back four quarters.
 */
import { addQuarters, parsePeriod, type Period } from "../periods";

/** Longest period the engine accepts (a range of 20 years); longer input is a typo, not a question. */
export const MAX_PERIOD_QUARTERS = 80;

function range(from: string, to: string): Period {
  const p = parsePeriod(from === to ? from : `${from}..${to}`);
  if (!p) throw new Error(`Not a range: ${from}..${to}`);
  return p;
}

function yearOf(p: Period): number {
  return parseInt(p.quarters[0], 10); // "999Q1" (from "0999") → 999
}

/** The same kind of period moved back `n` quarters (n = 4: a year earlier), keeping its canonical code. */
function shiftBack(p: Period, n: number): Period {
  const quarters = p.quarters.map((q) => addQuarters(q, -n));
  switch (p.kind) {
    case "quarter":
      return { kind: "quarter", code: quarters[0], quarters };
    case "range":
      return range(quarters[0], quarters[quarters.length - 1]);
    default: {
      // Half-years, nine months and years only ever move by whole halves or years here.
      const year = Number(quarters[0].slice(0, 4));
      const code =
        p.kind === "half"
          ? `${year}S${quarters[0].endsWith("Q1") ? 1 : 2}`
          : p.kind === "nine"
            ? `${year}N9`
            : String(year);
      return parsePeriod(code)!;
    }
  }
}

/**
 * The previous comparable period: quarter → the quarter before; half-year → the half-year before
 * (2025S1 → 2024S2); nine months → the nine months of the year before; year → the year before;
 * a range of n quarters → the n quarters just before it.
 * @example previousPeriod(parsePeriod("2025S1")!).code → "2024S2"
 */
export function previousPeriod(p: Period): Period {
  switch (p.kind) {
    case "quarter":
      return shiftBack(p, 1);
    case "half":
      return shiftBack(p, 2);
    case "nine":
    case "year":
      return shiftBack(p, 4);
    case "range":
      return shiftBack(p, p.quarters.length);
  }
}

/**
 * The same period one year earlier (every quarter shifted back four).
 * @example yearAgoPeriod(parsePeriod("2024Q3..2025Q2")!).code → "2023Q3..2024Q2"
 */
export function yearAgoPeriod(p: Period): Period {
  return shiftBack(p, 4);
}

/** The single-quarter periods of a period, oldest first (the rows of a by-period table). */
export function quarterPeriods(p: Period): Period[] {
  return p.quarters.map((q) => ({ kind: "quarter", code: q, quarters: [q] }));
}

export const PERIOD_FORMS_VI =
  "quý 2025Q1, 6 tháng 2025S1 hoặc 2025S2, 9 tháng 2025N9, năm 2025, hoặc khoảng quý 2024Q3..2025Q2";
export const PERIOD_FORMS_EN =
  "quarter 2025Q1, half-year 2025S1 or 2025S2, nine months 2025N9, year 2025, or a range of quarters 2024Q3..2025Q2";

/**
 * A period code as the engine accepts it: any form of lib/periods, at most MAX_PERIOD_QUARTERS long,
 * years 1900–9999 so that comparisons a year back stay valid codes.
 * @example parseReportingPeriod("2025s1")?.code → "2025S1"; parseReportingPeriod("2025Q5") → null
 */
export function parseReportingPeriod(input: string): Period | null {
  const p = parsePeriod(input);
  if (!p || p.quarters.length > MAX_PERIOD_QUARTERS) return null;
  if (yearOf(p) < 1900) return null;
  return p;
}
