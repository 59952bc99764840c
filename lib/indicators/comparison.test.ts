import { describe, expect, it } from "vitest";
import { parsePeriod, type Period } from "../periods";
import { MAX_PERIOD_QUARTERS, parseReportingPeriod, previousPeriod, quarterPeriods, yearAgoPeriod } from "./comparison";

const p = (code: string): Period => {
  const x = parsePeriod(code);
  if (!x) throw new Error(code);
  return x;
};

describe("previousPeriod: the period of the same kind just before", () => {
  it("quarter → the quarter before, across a year boundary", () => {
    expect(previousPeriod(p("2025Q2"))).toEqual({ kind: "quarter", code: "2025Q1", quarters: ["2025Q1"] });
    expect(previousPeriod(p("2025Q1"))).toEqual({ kind: "quarter", code: "2024Q4", quarters: ["2024Q4"] });
  });
  it("half-year → the half-year before: S1 → S2 of the year before, S2 → S1 of the same year", () => {
    expect(previousPeriod(p("2025S1"))).toEqual({ kind: "half", code: "2024S2", quarters: ["2024Q3", "2024Q4"] });
    expect(previousPeriod(p("2025S2"))).toEqual({ kind: "half", code: "2025S1", quarters: ["2025Q1", "2025Q2"] });
  });
  it("nine months → the nine months of the year before", () => {
    expect(previousPeriod(p("2025N9"))).toEqual({
      kind: "nine",
      code: "2024N9",
      quarters: ["2024Q1", "2024Q2", "2024Q3"],
    });
  });
  it("year → the year before", () => {
    expect(previousPeriod(p("2025"))).toEqual({
      kind: "year",
      code: "2024",
      quarters: ["2024Q1", "2024Q2", "2024Q3", "2024Q4"],
    });
  });
  it("range of n quarters → the n quarters just before it", () => {
    expect(previousPeriod(p("2024Q3..2025Q2"))).toEqual({
      kind: "range",
      code: "2023Q3..2024Q2",
      quarters: ["2023Q3", "2023Q4", "2024Q1", "2024Q2"],
    });
    expect(previousPeriod(p("2025Q2..2025Q3"))).toEqual({
      kind: "range",
      code: "2024Q4..2025Q1",
      quarters: ["2024Q4", "2025Q1"],
    });
    // Three quarters not aligned on a year: 2024Q4..2025Q2 → 2024Q1..2024Q3.
    expect(previousPeriod(p("2024Q4..2025Q2")).code).toBe("2024Q1..2024Q3");
  });
});

describe("yearAgoPeriod: the same period a year earlier", () => {
  it("shifts every kind by four quarters and keeps its kind and code form", () => {
    expect(yearAgoPeriod(p("2025Q1"))).toEqual({ kind: "quarter", code: "2024Q1", quarters: ["2024Q1"] });
    expect(yearAgoPeriod(p("2025S1"))).toEqual({ kind: "half", code: "2024S1", quarters: ["2024Q1", "2024Q2"] });
    expect(yearAgoPeriod(p("2025S2"))).toEqual({ kind: "half", code: "2024S2", quarters: ["2024Q3", "2024Q4"] });
    expect(yearAgoPeriod(p("2025N9"))).toEqual({
      kind: "nine",
      code: "2024N9",
      quarters: ["2024Q1", "2024Q2", "2024Q3"],
    });
    expect(yearAgoPeriod(p("2025"))).toEqual({
      kind: "year",
      code: "2024",
      quarters: ["2024Q1", "2024Q2", "2024Q3", "2024Q4"],
    });
    expect(yearAgoPeriod(p("2024Q3..2025Q2"))).toEqual({
      kind: "range",
      code: "2023Q3..2024Q2",
      quarters: ["2023Q3", "2023Q4", "2024Q1", "2024Q2"],
    });
    expect(yearAgoPeriod(p("2025Q2..2025Q3")).code).toBe("2024Q2..2024Q3");
  });
  it("is the previous period for nine months and years, not for quarters, halves or short ranges", () => {
    for (const code of ["2025N9", "2025"]) expect(yearAgoPeriod(p(code))).toEqual(previousPeriod(p(code)));
    for (const code of ["2025Q1", "2025S1", "2025Q2..2025Q3"])
      expect(yearAgoPeriod(p(code)).code).not.toBe(previousPeriod(p(code)).code);
  });
});

describe("parseReportingPeriod and quarterPeriods", () => {
  it("accepts every form, canonicalizes case, and refuses the rest", () => {
    expect(parseReportingPeriod("2025s1")?.code).toBe("2025S1");
    expect(parseReportingPeriod(" 2025n9 ")?.code).toBe("2025N9");
    expect(parseReportingPeriod("2025Q1..2025Q1")).toEqual({ kind: "quarter", code: "2025Q1", quarters: ["2025Q1"] });
    for (const bad of ["2025Q5", "2025S3", "2025N6", "25Q1", "2025Q2..2025Q1", "", "0999", "1899Q4"])
      expect(parseReportingPeriod(bad), bad).toBeNull();
  });
  it(`refuses a range longer than ${MAX_PERIOD_QUARTERS} quarters`, () => {
    expect(parseReportingPeriod("2006Q1..2025Q4")?.quarters.length).toBe(80);
    expect(parseReportingPeriod("2005Q4..2025Q4")).toBeNull();
  });
  it("splits a period into its quarters", () => {
    expect(quarterPeriods(p("2025S1"))).toEqual([
      { kind: "quarter", code: "2025Q1", quarters: ["2025Q1"] },
      { kind: "quarter", code: "2025Q2", quarters: ["2025Q2"] },
    ]);
  });
});
