import { describe, expect, test } from "vitest";
import { parsePeriodText, parseYearQuarter, periodRangeProblem, periodSpellings } from "./period-parse";

describe("parsePeriodText", () => {
  test.each([
    ["2025Q1", "2025Q1"],
    ["2025-Q1", "2025Q1"],
    ["2025 Q2", "2025Q2"],
    ["2025q3", "2025Q3"],
    ["Q1/2025", "2025Q1"],
    ["Q1 2025", "2025Q1"],
    ["q4-2024", "2024Q4"],
    ["Quý I/2025", "2025Q1"],
    ["Quý IV/2024", "2024Q4"],
    ["quý iii/2025", "2025Q3"],
    ["QUÝ II / 2025", "2025Q2"],
    ["Quy II/2025", "2025Q2"],
    ["Quý 1 năm 2025", "2025Q1"],
    ["Quý I năm 2025", "2025Q1"],
    ["quy 3 nam 2025", "2025Q3"],
    ["Quý 2/2025", "2025Q2"],
    ["I/2025", "2025Q1"],
    ["IV/2025", "2025Q4"],
    ["ii/2025", "2025Q2"],
    // Decomposed (Windows-1258 style) input reads the same.
    ["Qu\u0079\u0301 I/2025", "2025Q1"],
    ["  2025Q1  ", "2025Q1"],
  ])("%j → %s", (input, expected) => {
    expect(parsePeriodText(input)).toBe(expected);
  });

  test.each([
    "2025Q5",
    "2025Q0",
    "Q5/2025",
    "Quý V/2025",
    "V/2025",
    "2025",
    "2025S1",
    "25Q1",
    "1/2025",
    "Quý",
    "",
    "2025-13",
  ])("%j is not a quarter", (input) => {
    expect(parsePeriodText(input)).toBeNull();
  });

  test("every documented spelling of every quarter parses back", () => {
    for (const code of ["2000Q1", "2024Q4", "2025Q2", "2025Q3"]) {
      expect(periodSpellings(code).map((s) => parsePeriodText(s))).toEqual(periodSpellings(code).map(() => code));
    }
  });
});

describe("parseYearQuarter", () => {
  test.each([
    [2025, 1, "2025Q1"],
    ["2025", "4", "2025Q4"],
    [2025, "III", "2025Q3"],
    ["2025", "iv", "2025Q4"],
    ["Năm 2025", "Quý 2", "2025Q2"],
    ["2025", "Q3", "2025Q3"],
  ] as const)("%j + %j → %s", (year, quarter, expected) => {
    expect(parseYearQuarter(year, quarter)).toBe(expected);
  });

  test.each([
    [2025, 5],
    [25, 1],
    ["2025", "V"],
    ["2025", ""],
    [null, 1],
    [2025.5, 1],
  ] as const)("%j + %j → null", (year, quarter) => {
    expect(parseYearQuarter(year, quarter)).toBeNull();
  });
});

describe("periodRangeProblem", () => {
  test("from 2000Q1 up to the current quarter", () => {
    expect(periodRangeProblem("2000Q1", "2025Q4")).toBeNull();
    expect(periodRangeProblem("2025Q4", "2025Q4")).toBeNull();
    expect(periodRangeProblem("1999Q4", "2025Q4")).toBe("period_too_early");
    expect(periodRangeProblem("2026Q1", "2025Q4")).toBe("period_future");
  });
});
