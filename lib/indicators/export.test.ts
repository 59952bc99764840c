import { describe, expect, it } from "vitest";
import { indicatorRowsToCsv } from "./export";
import type { IndicatorRow } from "./rows";

const cell = (value: number | null, numerator: number | null, denominator: number | null) => ({
  code: "online_rate",
  value,
  numerator,
  denominator,
  target: 80,
  status: value === null ? null : value >= 80 ? ("meets" as const) : ("near" as const),
  missingQuarters: 0,
  contributors: value === null ? 0 : 1,
  previous: {
    period: "2024Q4",
    value: 70,
    numerator: 70,
    denominator: 100,
    missingQuarters: 0,
    delta: value === null ? null : value - 70,
  },
  yearAgo: { period: "2024Q1", value: null, numerator: null, denominator: null, missingQuarters: 1, delta: null },
});

describe("indicatorRowsToCsv", () => {
  it("writes one line per row and indicator, UTF-8 BOM and CRLF, figures rounded half up to one decimal", () => {
    const rows: IndicatorRow[] = [
      // 152 / 180 = 84.444… → 84.4; delta 14.444… → 14.4.
      {
        kind: "commune",
        unit: { id: 1, code: "21136", name: "Xã Trà Tân" },
        period: "2025Q1",
        quarters: ["2025Q1"],
        communes: 1,
        expectedQuarters: 1,
        reportedQuarters: 1,
        values: { online_rate: cell(15200 / 180, 152, 180) },
      },
      // 0 / 0: no data, empty cells.
      {
        kind: "total",
        unit: { id: 2, code: "525", name: '=Huyện, "Trà Bồng"' },
        period: "2025Q1",
        quarters: ["2025Q1"],
        communes: 1,
        expectedQuarters: 1,
        reportedQuarters: 1,
        values: { online_rate: cell(null, 0, 0) },
      },
    ];
    expect(indicatorRowsToCsv(rows, ["online_rate"])).toBe(
      "\uFEFFrow_kind,unit_code,unit_name,period,indicator,value,numerator,denominator,target,status,missing_quarters," +
        "previous_period,previous_value,previous_delta,year_ago_period,year_ago_value,year_ago_delta\r\n" +
        "commune,21136,Xã Trà Tân,2025Q1,online_rate,84.4,152,180,80,meets,0,2024Q4,70,14.4,2024Q1,,\r\n" +
        // A name starting with "=" is neutralized against formula injection, and quoted for its comma.
        'total,525,"\'=Huyện, ""Trà Bồng""",2025Q1,online_rate,,0,0,80,,0,2024Q4,70,,2024Q1,,\r\n',
    );
  });
});
