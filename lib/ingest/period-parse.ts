/**
 * Reporting periods as people write them → quarter codes (`2025Q1`).
 */
import { quarterCode, quarterIndex } from "../periods";
import { cellText, fold, isBlank, type RawCell } from "./text";

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };
const Q = "(iv|i{1,3}|[1-4])";

/** Quarter number from "1".."4" or "I".."IV" (already folded to lower case). */
function quarterNumber(s: string): number | null {
  if (/^[1-4]$/.test(s)) return Number(s);
  return ROMAN[s] ?? null;
}

// Tried in order on the folded text ("Quý" → "quy", "năm" → "nam").
const PATTERNS: readonly { re: RegExp; year: number; quarter: number }[] = [
  { re: /^(\d{4})\s*[-/ ]?\s*q\s*([1-4])$/, year: 1, quarter: 2 }, // 2025Q1, 2025-Q1, 2025 Q1
  { re: /^q\s*([1-4])\s*[-/ ]\s*(\d{4})$/, year: 2, quarter: 1 }, // Q1/2025, Q1 2025, Q1-2025
  { re: new RegExp(`^quy\\s*${Q}\\s*(?:[-/]|nam|\\s)\\s*(\\d{4})$`), year: 2, quarter: 1 }, // Quý I/2025, Quý 1 năm 2025
  { re: /^(iv|i{1,3})\s*[-/]\s*(\d{4})$/, year: 2, quarter: 1 }, // I/2025
];

/**
 * Parse a period cell; null when it is not a recognizable quarter.
 * @example parsePeriodText("Quý IV/2024") → "2024Q4"; parsePeriodText("q1 2025") → "2025Q1"; parsePeriodText("2025Q5") → null
 */
export function parsePeriodText(raw: RawCell): string | null {
  if (typeof raw !== "string") return null;
  const s = fold(raw);
  for (const p of PATTERNS) {
    const m = p.re.exec(s);
    if (!m) continue;
    const quarter = quarterNumber(m[p.quarter]);
    if (quarter !== null) return quarterCode(Number(m[p.year]), quarter);
  }
  return null;
}

/**
 * Parse separate year and quarter cells (text or Excel numbers); quarter 1–4 or I–IV, optionally
 * prefixed "Q" or "Quý"; year optionally prefixed "Năm".
 * @example parseYearQuarter(2025, "III") → "2025Q3"; parseYearQuarter("Năm 2025", "Quý 2") → "2025Q2"
 */
export function parseYearQuarter(year: RawCell, quarter: RawCell): string | null {
  if (isBlank(year) || isBlank(quarter) || year instanceof Date || quarter instanceof Date) return null;
  const y = fold(cellText(year)).replace(/^nam\s*/, "");
  const q = fold(cellText(quarter)).replace(/^(quy|q)\s*/, "");
  const qn = quarterNumber(q);
  if (!/^\d{4}$/.test(y) || qn === null) return null;
  return quarterCode(Number(y), qn);
}

/** Too early (before 2000) or after the current quarter; null when acceptable. */
export function periodRangeProblem(code: string, currentQuarter: string): "period_too_early" | "period_future" | null {
  const i = quarterIndex(code);
  if (i < quarterIndex("2000Q1")) return "period_too_early";
  if (i > quarterIndex(currentQuarter)) return "period_future";
  return null;
}

/** The period in the spellings the import accepts, for tests and documentation. */
export function periodSpellings(code: string): string[] {
  const year = code.slice(0, 4);
  const q = Number(code.slice(5));
  const roman = ["I", "II", "III", "IV"][q - 1];
  return [
    `${year}Q${q}`,
    `${year}-Q${q}`,
    `Q${q}/${year}`,
    `Q${q} ${year}`,
    `Quý ${roman}/${year}`,
    `Quý ${q} năm ${year}`,
    `${roman}/${year}`,
    `quy ${roman.toLowerCase()}/${year}`,
    `QUÝ ${q}/${year}`,
  ];
}
