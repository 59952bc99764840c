import { describe, expect, it } from "vitest";
import { DEFAULT_DEADLINE_DAY, isOnTime, parseDeadlineDay, reportingDeadline } from "./deadline";

describe("reportingDeadline: end of day N of the quarter's last month, Vietnam time (UTC+7)", () => {
  it("puts the default deadline of each quarter on the 18th of March, June, September, December", () => {
    expect(DEFAULT_DEADLINE_DAY).toBe(18);
    // 19 March 00:00 in Hà Nội is 18 March 17:00 UTC.
    expect(reportingDeadline("2025Q1")).toEqual({
      date: "2025-03-18",
      dueBefore: new Date("2025-03-18T17:00:00.000Z"),
    });
    expect(reportingDeadline("2025Q2").dueBefore.toISOString()).toBe("2025-06-18T17:00:00.000Z");
    expect(reportingDeadline("2024Q3").date).toBe("2024-09-18");
    expect(reportingDeadline("2024Q4", 5)).toEqual({
      date: "2024-12-05",
      dueBefore: new Date("2024-12-05T17:00:00.000Z"),
    });
    // Day 30 of June is its last day: the next instant is 1 July 00:00 Vietnam time.
    expect(reportingDeadline("2025Q2", 30).dueBefore.toISOString()).toBe("2025-06-30T17:00:00.000Z");
  });
  it("is on time up to the last instant of the day in Vietnam, whatever the server's time zone", () => {
    const d = reportingDeadline("2025Q2", 18);
    expect(isOnTime(new Date("2025-06-18T23:59:59.999+07:00"), d)).toBe(true);
    expect(isOnTime(new Date("2025-06-19T00:00:00.000+07:00"), d)).toBe(false);
    // 18 June 20:00 in Hà Nội is 13:00 UTC: on time; 19 June 06:00 in Hà Nội is still 18 June UTC, but late.
    expect(isOnTime(new Date("2025-06-18T13:00:00Z"), d)).toBe(true);
    expect(isOnTime(new Date("2025-06-18T23:00:00Z"), d)).toBe(false);
  });
  it("reads a stored day, falling back to 18 on anything unusable", () => {
    expect(parseDeadlineDay("25")).toBe(25);
    for (const bad of [null, undefined, "", "0", "31", "12.5", "x"])
      expect(parseDeadlineDay(bad), String(bad)).toBe(18);
  });
});
