import { describe, expect, it } from "vitest";
import { buildCompleteness } from "./completeness";

const A = { id: 1, code: "21115", name: "A" };
const B = { id: 2, code: "21118", name: "B" };
const C = { id: 3, code: "21121", name: "C" };
const at = (iso: string) => new Date(iso);

describe("buildCompleteness", () => {
  // 2025Q2 deadline (day 18): before 2025-06-18T17:00Z. A on time, B late (19 June 08:00 in Hà Nội), C missing.
  // 2025Q1: all three reported, on time.
  const input = {
    communes: [C, B, A], // sorted by code in the output
    quarters: ["2025Q1", "2025Q2"],
    deadlineDay: 18,
    reported: [
      { unitId: 1, period: "2025Q1" },
      { unitId: 2, period: "2025Q1" },
      { unitId: 3, period: "2025Q1" },
      { unitId: 1, period: "2025Q2" },
      { unitId: 2, period: "2025Q2" },
    ],
    arrivals: [
      { unitId: 1, period: "2025Q1", firstAt: at("2025-03-10T03:00:00Z") },
      { unitId: 2, period: "2025Q1", firstAt: at("2025-03-18T16:59:59.999Z") },
      { unitId: 3, period: "2025Q1", firstAt: at("2025-03-12T03:00:00Z") },
      { unitId: 1, period: "2025Q2", firstAt: at("2025-06-17T03:00:00Z") },
      { unitId: 2, period: "2025Q2", firstAt: at("2025-06-19T01:00:00Z") },
    ],
    activity: new Map([
      [1, { lastReportedAt: at("2025-06-17T03:00:00Z"), lastPeriod: "2025Q2" }],
      [2, { lastReportedAt: at("2025-06-19T01:00:00Z"), lastPeriod: "2025Q2" }],
      [3, { lastReportedAt: at("2025-03-12T03:00:00Z"), lastPeriod: "2025Q1" }],
    ]),
  };

  it("counts expected, reported, on time, late and missing per quarter and in total", () => {
    const r = buildCompleteness(input);
    expect(
      r.quarters.map(({ period, deadline, expected, reported, onTime, late, missing, reportingRate, onTimeRate }) => ({
        period,
        deadline,
        expected,
        reported,
        onTime,
        late,
        missing,
        reportingRate,
        onTimeRate,
      })),
    ).toEqual([
      {
        period: "2025Q1",
        deadline: "2025-03-18",
        expected: 3,
        reported: 3,
        onTime: 3,
        late: 0,
        missing: 0,
        reportingRate: 100,
        onTimeRate: 100,
      },
      {
        period: "2025Q2",
        deadline: "2025-06-18",
        expected: 3,
        reported: 2,
        onTime: 1,
        late: 1,
        missing: 1,
        reportingRate: 200 / 3,
        onTimeRate: 100 / 3,
      },
    ]);
    // Six commune-quarters expected, five reported (83.3 %), four on time.
    expect(r.total).toEqual({
      expected: 6,
      reported: 5,
      onTime: 4,
      late: 1,
      missing: 1,
      reportingRate: 500 / 6,
      onTimeRate: 400 / 6,
    });
  });

  it("lists the missing and late communes with when they last reported", () => {
    const [, q2] = buildCompleteness(input).quarters;
    expect(q2.missingCommunes).toEqual([
      { ...C, firstArrivalAt: null, lastReportedAt: at("2025-03-12T03:00:00Z"), lastPeriod: "2025Q1" },
    ]);
    expect(q2.lateCommunes).toEqual([
      {
        ...B,
        firstArrivalAt: at("2025-06-19T01:00:00Z"),
        lastReportedAt: at("2025-06-19T01:00:00Z"),
        lastPeriod: "2025Q2",
      },
    ]);
  });

  it("moves the deadline with the deadline day", () => {
    // Day 20: B's 19 June report is on time.
    const r = buildCompleteness({ ...input, deadlineDay: 20 });
    expect([r.quarters[1].onTime, r.quarters[1].late, r.quarters[1].deadline]).toEqual([2, 0, "2025-06-20"]);
    // Day 10: A's 17 June and every 2025Q1 report after 10 March 23:59 in Hà Nội (B, C) are late.
    const early = buildCompleteness({ ...input, deadlineDay: 10 });
    expect(early.quarters.map((q) => q.lateCommunes.map((c) => c.code))).toEqual([
      ["21118", "21121"],
      ["21115", "21118"],
    ]);
  });

  it("counts figures stored without any recorded arrival as late, and nothing expected as no rate", () => {
    const r = buildCompleteness({ ...input, arrivals: [] });
    expect(r.quarters[0]).toMatchObject({ reported: 3, onTime: 0, late: 3 });
    expect(buildCompleteness({ ...input, communes: [] }).total).toEqual({
      expected: 0,
      reported: 0,
      onTime: 0,
      late: 0,
      missing: 0,
      reportingRate: null,
      onTimeRate: null,
    });
  });
});
