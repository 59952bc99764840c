/**
 * Reporting periods. Data is stored per quarter (`2025Q1`); every other period is a set of quarters
 * computed on demand: half-year `2025S1` (Q1+Q2) / `2025S2` (Q3+Q4), nine months `2025N9` (Q1..Q3),
 * year `2025` (Q1..Q4), or a range `2024Q3..2025Q2`.
 */

export type Quarter = 1 | 2 | 3 | 4;
export interface YearQuarter {
  year: number;
  quarter: Quarter;
}

export type PeriodKind = "quarter" | "half" | "nine" | "year" | "range";

export interface Period {
  kind: PeriodKind;
  /** Canonical code, e.g. `2025Q1`, `2025S1`, `2025N9`, `2025`, `2024Q3..2025Q2`. */
  code: string;
  /** The quarters it covers, oldest first, as quarter codes. */
  quarters: string[];
}

const QUARTER_RE = /^(\d{4})Q([1-4])$/;

export function quarterCode(year: number, quarter: number): string {
  return `${year}Q${quarter}`;
}

/** `2025Q1` → { year: 2025, quarter: 1 }; anything else → null. */
export function parseQuarterCode(code: string): YearQuarter | null {
  const m = QUARTER_RE.exec(code);
  if (!m) return null;
  return { year: Number(m[1]), quarter: Number(m[2]) as Quarter };
}

export function isQuarterCode(code: string): boolean {
  return QUARTER_RE.test(code);
}

/** A running number of quarters since year 0, so ranges and differences are simple arithmetic. */
export function quarterIndex(code: string): number {
  const q = parseQuarterCode(code);
  if (!q) throw new Error(`Not a quarter code: ${code}`);
  return q.year * 4 + (q.quarter - 1);
}

export function quarterFromIndex(index: number): string {
  return quarterCode(Math.floor(index / 4), (index % 4) + 1);
}

export function addQuarters(code: string, n: number): string {
  return quarterFromIndex(quarterIndex(code) + n);
}

/** Quarters from `from` to `to` inclusive, oldest first. */
export function quarterRange(from: string, to: string): string[] {
  const a = quarterIndex(from);
  const b = quarterIndex(to);
  const out: string[] = [];
  for (let i = a; i <= b; i++) out.push(quarterFromIndex(i));
  return out;
}

/**
 * Dates of the reporting calendar are Vietnam's (Asia/Ho_Chi_Minh: UTC+07:00 all year, no daylight
 * saving since 1975), whatever time zone the server runs in.
 */
export const VIETNAM_OFFSET_MS = 7 * 3600 * 1000;

/** The instant of a wall-clock time in Vietnam (month 0-based, like Date). */
export function vietnamTime(year: number, month: number, day: number, hour = 0, minute = 0, second = 0, ms = 0): Date {
  return new Date(Date.UTC(year, month, day, hour, minute, second, ms) - VIETNAM_OFFSET_MS);
}

/** The wall clock in Vietnam at an instant, read with the getUTC* methods of the returned Date. */
export function inVietnam(date: Date): Date {
  return new Date(date.getTime() + VIETNAM_OFFSET_MS);
}

/** The quarter a moment falls in, on Vietnam's calendar. */
export function quarterOfDate(date: Date): string {
  const v = inVietnam(date);
  return quarterCode(v.getUTCFullYear(), Math.floor(v.getUTCMonth() / 3) + 1);
}

/** First moment of the quarter (midnight in Vietnam). */
export function quarterStart(code: string): Date {
  const q = parseQuarterCode(code)!;
  return vietnamTime(q.year, (q.quarter - 1) * 3, 1);
}

/**
 * Parse a canonical period code into its quarters.
 * @example parsePeriod("2025S1") → { kind: "half", code: "2025S1", quarters: ["2025Q1", "2025Q2"] }
 */
export function parsePeriod(input: string): Period | null {
  const code = input.trim().toUpperCase();
  let m: RegExpExecArray | null;
  if ((m = QUARTER_RE.exec(code))) return { kind: "quarter", code, quarters: [code] };
  if ((m = /^(\d{4})S([12])$/.exec(code))) {
    const y = Number(m[1]);
    const first = m[2] === "1" ? 1 : 3;
    return { kind: "half", code, quarters: [quarterCode(y, first), quarterCode(y, first + 1)] };
  }
  if ((m = /^(\d{4})N9$/.exec(code))) {
    const y = Number(m[1]);
    return { kind: "nine", code, quarters: [1, 2, 3].map((q) => quarterCode(y, q)) };
  }
  if ((m = /^(\d{4})$/.exec(code))) {
    const y = Number(m[1]);
    return { kind: "year", code, quarters: [1, 2, 3, 4].map((q) => quarterCode(y, q)) };
  }
  if ((m = /^(\d{4}Q[1-4])\.\.(\d{4}Q[1-4])$/.exec(code))) {
    const [from, to] = [m[1], m[2]];
    if (quarterIndex(from) > quarterIndex(to)) return null;
    if (from === to) return { kind: "quarter", code: from, quarters: [from] };
    return { kind: "range", code, quarters: quarterRange(from, to) };
  }
  return null;
}

/** The administrative structures in force over time (see ../shared/data/admin-units/README.md). */
export const STRUCTURES = ["2025-06", "2025-07"] as const;
export type StructureCode = (typeof STRUCTURES)[number];

/** First quarter of the two-level structure (districts abolished on 1 July 2025). */
export const REFORM_QUARTER = "2025Q3";

/** The unit structure in which a quarter's unit codes are resolved. */
export function structureForQuarter(code: string): StructureCode {
  return quarterIndex(code) >= quarterIndex(REFORM_QUARTER) ? "2025-07" : "2025-06";
}
