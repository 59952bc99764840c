import { describe, expect, it } from "vitest";
import { addQuarters, parsePeriod, quarterOfDate, quarterRange, structureForQuarter } from "./periods";
import { reportingDeadline } from "./indicators/deadline";

describe("periods", () => {
  it("expands roll-ups into quarters", () => {
    expect(parsePeriod("2025Q1")?.quarters).toEqual(["2025Q1"]);
    expect(parsePeriod("2025S1")?.quarters).toEqual(["2025Q1", "2025Q2"]);
    expect(parsePeriod("2025S2")?.quarters).toEqual(["2025Q3", "2025Q4"]);
    expect(parsePeriod("2025N9")?.quarters).toEqual(["2025Q1", "2025Q2", "2025Q3"]);
    expect(parsePeriod("2025")?.quarters).toEqual(["2025Q1", "2025Q2", "2025Q3", "2025Q4"]);
    expect(parsePeriod("2024Q3..2025Q2")).toEqual({
      kind: "range",
      code: "2024Q3..2025Q2",
      quarters: ["2024Q3", "2024Q4", "2025Q1", "2025Q2"],
    });
    expect(parsePeriod("2025Q2..2025Q1")).toBeNull();
    expect(parsePeriod("2025Q5")).toBeNull();
  });
  it("does quarter arithmetic across years", () => {
    expect(addQuarters("2025Q1", -1)).toBe("2024Q4");
    expect(addQuarters("2024Q4", 1)).toBe("2025Q1");
    expect(quarterRange("2024Q4", "2025Q1")).toEqual(["2024Q4", "2025Q1"]);
  });
  it("picks the unit structure in force", () => {
    expect(structureForQuarter("2025Q2")).toBe("2025-06");
    expect(structureForQuarter("2025Q3")).toBe("2025-07");
  });
  it("puts the default deadline on day 18 of the quarter's last month", () => {
    // The first instant past the deadline: midnight after day 18 in Vietnam = 17:00 UTC on day 18.
    expect(reportingDeadline("2025Q1").dueBefore.toISOString()).toBe("2025-03-18T17:00:00.000Z");
    expect(reportingDeadline("2025Q4", 20).dueBefore.toISOString()).toBe("2025-12-20T17:00:00.000Z");
  });
  it("reads the current quarter on Vietnam's calendar", () => {
    expect(quarterOfDate(new Date("2025-03-31T16:59:59Z"))).toBe("2025Q1"); // 23:59 on 31/3 in Hà Nội
    expect(quarterOfDate(new Date("2025-03-31T17:00:00Z"))).toBe("2025Q2"); // already 1/4 there
  });
});
