import { describe, expect, it } from "vitest";
import {
  calendarNow,
  currentQuarter,
  defaultViewQuarter,
  lastClosedQuarter,
  lastDueQuarter,
  parseToday,
  quartersOfStructure,
  reportingCalendar,
  structureFor,
  vietnamDate,
} from "./calendar";

const at = (iso: string) => new Date(iso);

describe("calendar: the quarter of an instant, in Vietnam time", () => {
  it.each([
    // [instant (UTC), Vietnam date, current, last closed]
    ["2026-09-30T16:59:59.999Z", "2026-09-30", "2026Q3", "2026Q2"], // 23:59:59.999 on 30 Sep in Vietnam
    ["2026-09-30T17:00:00.000Z", "2026-10-01", "2026Q4", "2026Q3"], // midnight: Q4 starts in Vietnam
    ["2026-09-30T17:30:00.000Z", "2026-10-01", "2026Q4", "2026Q3"], // still 30 Sep in UTC
    ["2026-12-01T00:00:00.000Z", "2026-12-01", "2026Q4", "2026Q3"],
    ["2026-12-31T16:59:59.999Z", "2026-12-31", "2026Q4", "2026Q3"],
    ["2026-12-31T17:00:00.000Z", "2027-01-01", "2027Q1", "2026Q4"], // new year in Vietnam, last closed crosses the year
    ["2027-01-01T00:00:00.000Z", "2027-01-01", "2027Q1", "2026Q4"],
    ["2026-03-31T16:59:59.999Z", "2026-03-31", "2026Q1", "2025Q4"],
    ["2026-03-31T17:00:00.000Z", "2026-04-01", "2026Q2", "2026Q1"],
    ["2026-06-30T17:00:00.000Z", "2026-07-01", "2026Q3", "2026Q2"],
    ["2025-06-30T16:59:59.999Z", "2025-06-30", "2025Q2", "2025Q1"], // last moment of the three-level structure
    ["2025-06-30T17:00:00.000Z", "2025-07-01", "2025Q3", "2025Q2"], // 1 July 2025, 00:00 in Vietnam
  ])("%s is %s in Vietnam: current %s, last closed %s", (iso, day, current, closed) => {
    expect(vietnamDate(at(iso))).toBe(day);
    expect(currentQuarter(at(iso))).toBe(current);
    expect(lastClosedQuarter(at(iso))).toBe(closed);
  });

  it("does not depend on the process time zone (the instant alone decides)", () => {
    const before = process.env.TZ;
    try {
      for (const tz of ["UTC", "America/Los_Angeles", "Asia/Ho_Chi_Minh", "Pacific/Kiritimati"]) {
        process.env.TZ = tz;
        expect(currentQuarter(at("2026-09-30T17:30:00Z"))).toBe("2026Q4");
        expect(vietnamDate(at("2026-09-30T17:30:00Z"))).toBe("2026-10-01");
      }
    } finally {
      process.env.TZ = before;
    }
  });
});

describe("calendar: the deadline-based quarter (day 18 of the quarter's last month)", () => {
  it.each([
    ["2026-12-18T16:59:59.999Z", "2026Q3"], // 23:59:59 on 18 Dec in Vietnam: Q4 still due today
    ["2026-12-18T17:00:00.000Z", "2026Q4"], // 00:00 on 19 Dec: Q4's deadline has passed
    ["2026-12-01T00:00:00.000Z", "2026Q3"],
    ["2027-01-05T00:00:00.000Z", "2026Q4"], // Q1 2027's deadline (18 March) is far off
    ["2027-03-18T17:00:00.000Z", "2027Q1"],
  ])("at %s the last quarter past its deadline is %s", (iso, q) => {
    expect(lastDueQuarter(at(iso))).toBe(q);
  });
  it("follows a configured deadline day", () => {
    expect(lastDueQuarter(at("2026-12-05T17:00:00Z"), 5)).toBe("2026Q4");
    expect(lastDueQuarter(at("2026-12-05T16:59:59Z"), 5)).toBe("2026Q3");
  });
  it("a closed quarter's deadline has always passed, so last closed is never later than last due", () => {
    for (let t = Date.UTC(2025, 0, 1); t < Date.UTC(2028, 0, 1); t += 6 * 3600 * 1000 + 1234) {
      const now = new Date(t);
      expect(lastClosedQuarter(now) <= lastDueQuarter(now)).toBe(true);
    }
  });
});

describe("calendar: the structure in force for a quarter", () => {
  it("is 2025-06 up to 2025Q2 and 2025-07 from 2025Q3", () => {
    expect(structureFor("2024Q1")).toBe("2025-06");
    expect(structureFor("2025Q2")).toBe("2025-06");
    expect(structureFor("2025Q3")).toBe("2025-07");
    expect(structureFor("2026Q4")).toBe("2025-07");
    expect(() => structureFor("2025-07")).toThrow();
  });
  it("clips a quarter range to a structure", () => {
    expect(quartersOfStructure("2025-06", "2024Q1", "2026Q3")).toEqual({ from: "2024Q1", to: "2025Q2" });
    expect(quartersOfStructure("2025-07", "2024Q1", "2026Q3")).toEqual({ from: "2025Q3", to: "2026Q3" });
    expect(quartersOfStructure("2025-06", "2025Q3", "2026Q3")).toBeNull();
    expect(quartersOfStructure("2025-07", "2024Q1", "2025Q2")).toBeNull();
  });
  it("summarizes today's calendar", () => {
    expect(reportingCalendar(at("2026-12-01T03:00:00Z"))).toEqual({
      today: "2026-12-01",
      current: "2026Q4",
      lastClosed: "2026Q3",
      lastDue: "2026Q3",
      structure: "2025-07",
    });
    expect(reportingCalendar(at("2025-05-01T03:00:00Z")).structure).toBe("2025-06");
  });
});

describe("calendar: the default quarter of a view", () => {
  it("is the latest quarter with figures that has closed", () => {
    expect(defaultViewQuarter(["2024Q1", "2025Q2"], "2026Q3")).toBe("2025Q2"); // a district of 2025-06
    expect(defaultViewQuarter(["2025Q3", "2026Q3", "2026Q4"], "2026Q3")).toBe("2026Q3"); // early Q4 uploads wait
    expect(defaultViewQuarter(["2026Q4"], "2026Q3")).toBe("2026Q4"); // nothing closed yet: what there is
    expect(() => defaultViewQuarter([], "2026Q3")).toThrow();
  });
});

describe("calendar: DVCQ_TODAY pins now", () => {
  it("reads a Vietnamese date as noon that day in Vietnam", () => {
    expect(parseToday("2026-12-01")?.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(parseToday("2026-10-01")).toSatisfy((d: Date) => currentQuarter(d) === "2026Q4");
    expect(parseToday(" 2026-12-01T10:00:00Z ")?.toISOString()).toBe("2026-12-01T10:00:00.000Z");
    expect(parseToday(undefined)).toBeNull();
    expect(parseToday("  ")).toBeNull();
  });
  it("refuses an unusable value instead of silently using the clock", () => {
    expect(() => parseToday("2026-02-30")).toThrow(/DVCQ_TODAY/);
    expect(() => parseToday("01/12/2026")).toThrow(/DVCQ_TODAY/);
    expect(() => parseToday("2026-13-01")).toThrow(/DVCQ_TODAY/);
  });
  it("uses the env when set, else the clock", () => {
    const clock = () => at("2030-01-01T00:00:00Z");
    expect(calendarNow({ DVCQ_TODAY: "2026-12-01" }, clock).toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(calendarNow({}, clock).toISOString()).toBe("2030-01-01T00:00:00.000Z");
    expect(calendarNow({ DVCQ_TODAY: "" }, clock).toISOString()).toBe("2030-01-01T00:00:00.000Z");
  });
});
