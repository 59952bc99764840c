/**
 * A hand-made district for the export tests: four communes, one quarter, figures written out below.
 * The engine's own pure functions (buildIndicatorRows, buildCompleteness) turn them into the rows the
 * exports receive, exactly as the database path does; the tests then check against sums done by hand.
 *   21115 Thị trấn Trà Xuân  reported on time
 *   21118 "=1+2 Xã Độc"      reported on time (a name that would be a formula: injection test)
 *   21142 Xã Trà Bùi         did not report
 *   21145 Xã Trà Thanh       reported late; every procedure and petition figure is 0 (rates: no data)
 */
import { elementCodes, indicators } from "../indicators/catalogue";
import { buildCompleteness } from "../indicators/completeness";
import type { ElementSums } from "../indicators/compute";
import { comparisonWindows, type UnitRef } from "../indicators/rows";
import { buildIndicatorRows, type UnitWindowSums } from "../indicators/testing/oracle";
import { parsePeriod, vietnamTime } from "../periods";
import type { SummaryExportData } from "./summary-table";

export const SCOPE = { id: 2, code: "525", name: "Huyện Trà Bồng", level: "district" };

export const COMMUNES: UnitRef[] = [
  { id: 10, code: "21115", name: "Thị trấn Trà Xuân" },
  { id: 11, code: "21118", name: "=1+2 Xã Độc" },
  { id: 12, code: "21142", name: "Xã Trà Bùi" },
  { id: 13, code: "21145", name: "Xã Trà Thanh" },
];

// Columns: the 23 elements in catalogue order.
// directive propaganda participants broadcast meetings attendees dialogues voter_contacts models reception citizens
// carried received resolved vreq_recv vreq_ans proc_recv proc_online proc_resolved on_time paid digitized supervisions
const FIGURES: Record<number, number[]> = {
  10: [2, 10, 500, 20, 120, 3000, 2, 3, 1, 13, 40, 3, 17, 18, 30, 28, 1000, 850, 980, 960, 600, 900, 2],
  11: [1, 5, 200, 8, 94, 1500, 0, 1, 0, 11, 12, 1, 4, 3, 10, 9, 532, 360, 500, 460, 150, 400, 1],
  13: [1, 3, 90, 5, 0, 0, 1, 0, 0, 12, 7, 0, 0, 0, 5, 5, 0, 0, 0, 0, 0, 0, 0],
};

export function figuresOf(unitId: number): ElementSums {
  const v = FIGURES[unitId];
  return v ? Object.fromEntries(elementCodes.map((e, i) => [e, v[i]])) : {};
}

/** The fixture for 2025Q1, every indicator unless some are named. */
export function fixtureData(indicatorCodes: readonly string[] = indicators.map((d) => d.code)): SummaryExportData {
  const period = parsePeriod("2025Q1")!;
  const { previous, yearAgo } = comparisonWindows(period);
  const current = new Map<number, UnitWindowSums>(
    COMMUNES.map((c) => [c.id, { sums: figuresOf(c.id), quartersReported: FIGURES[c.id] ? ["2025Q1"] : [] }]),
  );
  const empty = new Map<number, UnitWindowSums>();
  const defs = indicators.filter((d) => indicatorCodes.includes(d.code));
  const targets = new Map(indicators.map((d) => [d.code, d.target?.value ?? null]));
  const rows = buildIndicatorRows({
    scope: { id: SCOPE.id, code: SCOPE.code, name: SCOPE.name },
    communes: COMMUNES,
    period,
    by: "unit",
    defs,
    targets,
    sums: new Map([
      [period.code, current],
      [previous.code, empty],
      [yearAgo.code, empty],
    ]),
    elements: elementCodes,
  });
  const reported = COMMUNES.filter((c) => FIGURES[c.id]).map((c) => ({ unitId: c.id, period: "2025Q1" }));
  const arrivals = [
    { unitId: 10, period: "2025Q1", firstAt: vietnamTime(2025, 2, 10, 9) },
    { unitId: 11, period: "2025Q1", firstAt: vietnamTime(2025, 2, 18, 16, 30) },
    { unitId: 13, period: "2025Q1", firstAt: vietnamTime(2025, 2, 25, 14, 5) },
  ];
  const activity = new Map<number, { lastReportedAt: Date | null; lastPeriod: string | null }>([
    [10, { lastReportedAt: vietnamTime(2025, 2, 10, 9), lastPeriod: "2025Q1" }],
    [11, { lastReportedAt: vietnamTime(2025, 2, 18, 16, 30), lastPeriod: "2025Q1" }],
    [12, { lastReportedAt: vietnamTime(2024, 11, 10, 8), lastPeriod: "2024Q4" }],
    [13, { lastReportedAt: vietnamTime(2025, 2, 25, 14, 5), lastPeriod: "2025Q1" }],
  ]);
  const completeness = buildCompleteness({
    communes: COMMUNES,
    quarters: period.quarters,
    deadlineDay: 18,
    reported,
    arrivals,
    activity,
  });
  return {
    scope: SCOPE,
    period,
    indicators: defs.map((d) => d.code),
    rows,
    completeness: { deadlineDay: 18, ...completeness },
  };
}

/** The document's date and the generation time used by the tests: 26/11/2026 14:05 in Vietnam. */
export const GENERATED_AT = vietnamTime(2026, 10, 26, 14, 5);
