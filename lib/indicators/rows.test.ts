import { describe, expect, it } from "vitest";
import { parsePeriod } from "../periods";
import { getIndicator } from "./catalogue";
import { resolveIndicators, windowsNeeded } from "./rows";
import { buildIndicatorRows, type UnitWindowSums, type WindowSums } from "./testing/oracle";

const online = getIndicator("online_rate")!;
const reception = getIndicator("reception")!;
const scope = { id: 1, code: "525", name: "Huyện" };
const A = { id: 10, code: "A", name: "Xã A" };
const B = { id: 11, code: "B", name: "Xã B" };
const u = (online: number, received: number, sessions: number, ...quartersReported: string[]): UnitWindowSums => ({
  sums: { procedures_online: online, procedures_received: received, reception_sessions: sessions },
  quartersReported,
});
const none: UnitWindowSums = { sums: {}, quartersReported: [] };

// Figures per quarter, written out: A reports every quarter, B misses 2025Q2.
const perQuarter: Record<string, Record<number, UnitWindowSums>> = {
  "2024Q1": { 10: u(50, 100, 12, "2024Q1"), 11: u(20, 50, 10, "2024Q1") },
  "2024Q2": { 10: u(60, 100, 12, "2024Q2"), 11: u(25, 50, 11, "2024Q2") },
  "2024Q4": { 10: u(70, 100, 13, "2024Q4"), 11: u(30, 50, 12, "2024Q4") },
  "2025Q1": { 10: u(80, 100, 12, "2025Q1"), 11: u(40, 50, 12, "2025Q1") },
  "2025Q2": { 10: u(90, 100, 13, "2025Q2"), 11: none },
};
/** A window's sums added up by hand from perQuarter (flows only here). */
function windowSums(quarters: string[]): Map<number, UnitWindowSums> {
  const out = new Map<number, UnitWindowSums>();
  for (const id of [10, 11]) {
    const parts = quarters.map((q) => perQuarter[q]?.[id] ?? none).filter((x) => x.quartersReported.length);
    if (!parts.length) continue;
    const sums: Record<string, number> = {};
    for (const p of parts) for (const [k, v] of Object.entries(p.sums)) sums[k] = (sums[k] ?? 0) + (v ?? 0);
    out.set(id, { sums, quartersReported: parts.flatMap((p) => p.quartersReported) });
  }
  return out;
}

describe("windowsNeeded", () => {
  it("lists each set of quarters once", () => {
    expect(windowsNeeded(parsePeriod("2025S1")!, "unit").map((w) => w.code)).toEqual(["2025S1", "2024S2", "2024S1"]);
    // A year's previous period is the year before, which is also its year-ago period.
    expect(windowsNeeded(parsePeriod("2025")!, "unit").map((w) => w.code)).toEqual(["2025", "2024"]);
    expect(windowsNeeded(parsePeriod("2025S1")!, "period").map((w) => w.code)).toEqual([
      "2025S1",
      "2024S2",
      "2024S1",
      "2025Q1",
      "2024Q4",
      "2024Q1",
      "2025Q2",
      "2024Q2",
    ]);
  });
});

describe("buildIndicatorRows", () => {
  const period = parsePeriod("2025S1")!;
  const sums: WindowSums = new Map(windowsNeeded(period, "period").map((w) => [w.code, windowSums(w.quarters)]));
  const targets = new Map([
    ["online_rate", 80],
    ["reception", 12],
  ]);

  it("by unit: a row per commune, then the total, each with comparisons", () => {
    const rows = buildIndicatorRows({
      scope,
      communes: [A, B],
      period,
      by: "unit",
      defs: [online, reception],
      targets,
      sums,
    });
    expect(
      rows.map((r) => [r.kind, r.unit.code, r.period, r.communes, r.expectedQuarters, r.reportedQuarters]),
    ).toEqual([
      ["commune", "A", "2025S1", 1, 2, 2],
      ["commune", "B", "2025S1", 1, 2, 1],
      ["total", "525", "2025S1", 2, 4, 3],
    ]);
    // A: (80 + 90) / 200 = 85 %; previous 2024S2 = 2024Q4 only: 70 / 100 = 70 % (2024Q3 not reported: 1 missing);
    // a year ago 2024S1: (50 + 60) / 200 = 55 %.
    expect(rows[0].values.online_rate).toEqual({
      code: "online_rate",
      value: 85,
      numerator: 170,
      denominator: 200,
      target: 80,
      status: "meets",
      missingQuarters: 0,
      contributors: 1,
      previous: { period: "2024S2", value: 70, numerator: 70, denominator: 100, missingQuarters: 1, delta: 15 },
      yearAgo: { period: "2024S1", value: 55, numerator: 110, denominator: 200, missingQuarters: 0, delta: 30 },
    });
    // Total: (170 + 40) / (200 + 50) = 84 %; missing: B's 2025Q2. 2024S2: (70 + 30) / 150; 2024S1: (110 + 45) / 300.
    const t = rows[2].values.online_rate;
    expect([t.value, t.numerator, t.denominator, t.missingQuarters, t.status]).toEqual([84, 210, 250, 1, "meets"]);
    expect(t.previous).toEqual({
      period: "2024S2",
      value: 10000 / 150,
      numerator: 100,
      denominator: 150,
      missingQuarters: 2,
      delta: 84 - 10000 / 150,
    });
    expect(t.yearAgo).toEqual({
      period: "2024S1",
      value: 15500 / 300,
      numerator: 155,
      denominator: 300,
      missingQuarters: 0,
      delta: 84 - 15500 / 300,
    });
    // Reception: A 25 sessions against 12 × 2 = 24; the total 37 against 12 × 2 × 2 = 48 (near is ≥ 43.2): below.
    expect(rows[0].values.reception).toMatchObject({ value: 25, target: 24, status: "meets" });
    expect(rows[2].values.reception).toMatchObject({ value: 37, target: 48, status: "below", missingQuarters: 1 });
  });

  it("by period: a row per quarter for the whole scope, then the total", () => {
    const rows = buildIndicatorRows({ scope, communes: [A, B], period, by: "period", defs: [online], targets, sums });
    expect(rows.map((r) => [r.kind, r.unit.code, r.period, r.expectedQuarters, r.reportedQuarters])).toEqual([
      ["quarter", "525", "2025Q1", 2, 2],
      ["quarter", "525", "2025Q2", 2, 1],
      ["total", "525", "2025S1", 4, 3],
    ]);
    // 2025Q1: 120 / 150 = 80 %; previous 2024Q4: 100 / 150; a year ago 2024Q1: 70 / 150.
    expect(rows[0].values.online_rate).toMatchObject({
      value: 80,
      missingQuarters: 0,
      previous: { period: "2024Q4", value: 10000 / 150 },
      yearAgo: { period: "2024Q1", value: 7000 / 150 },
    });
    // 2025Q2: A alone, 90 %, B missing; previous is 2025Q1 (80 %): +10 points. A year ago 2024Q2: 85 / 150.
    expect(rows[1].values.online_rate).toMatchObject({
      value: 90,
      missingQuarters: 1,
      previous: { period: "2025Q1", value: 80, delta: 10 },
      yearAgo: { period: "2024Q2", value: 8500 / 150 },
    });
    expect(rows[2].values.online_rate.value).toBe(84);
  });

  it("refuses to build a row from a window it was not given", () => {
    expect(() =>
      buildIndicatorRows({
        scope,
        communes: [A],
        period: parsePeriod("2025Q3")!,
        by: "unit",
        defs: [online],
        targets,
        sums,
      }),
    ).toThrow(/2025Q3/);
  });
});

describe("resolveIndicators", () => {
  it("returns the indicators asked for in catalogue order, all when none, and refuses unknown codes", () => {
    expect(resolveIndicators(["online_rate", "meetings", "online_rate"]).map((d) => d.code)).toEqual([
      "meetings",
      "online_rate",
    ]);
    expect(resolveIndicators().length).toBe(11);
    expect(resolveIndicators([]).length).toBe(11);
    expect(() => resolveIndicators(["online_rate", "nope", "x"])).toThrow(/Unknown indicator nope, x/);
  });
});
