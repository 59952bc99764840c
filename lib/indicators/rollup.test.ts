import { describe, expect, it } from "vitest";
import { getIndicator } from "./catalogue";
import { compareWith } from "./rollup";
import { rollUpIndicator } from "./testing/oracle";

const online = getIndicator("online_rate")!; // procedures_online / procedures_received, rate
const petitions = getIndicator("petition_resolution_rate")!; // resolved / (carried_over + received)
const reception = getIndicator("reception")!; // count, 12 per commune and quarter

describe("rollUpIndicator", () => {
  it("rolls up communes and quarters: Σnum / Σden, target, and the commune-quarters not covered", () => {
    // A reported both quarters: 90 / 100. B reported Q1 only: 30 / 100. C reported nothing.
    const a = { sums: { procedures_online: 90, procedures_received: 100 }, quartersReported: ["2025Q1", "2025Q2"] };
    const b = { sums: { procedures_online: 30, procedures_received: 100 }, quartersReported: ["2025Q1"] };
    const c = { sums: {}, quartersReported: [] };
    const v = rollUpIndicator(online, [a, b, c], { target: 80, quarters: 2 });
    // (90 + 30) / (100 + 100) = 60 %, 20 points below 80: below. Missing: A 0 + B 1 + C 2 = 3.
    expect(v).toEqual({
      code: "online_rate",
      value: 60,
      numerator: 120,
      denominator: 200,
      target: 80,
      status: "below",
      missingQuarters: 3,
      contributors: 2,
    });
  });

  it("counts every quarter of a commune whose figures for the indicator are incomplete as missing", () => {
    // Reported both quarters but the stock element of the first is blank: contributes nothing, 2 missing.
    const noStock = { sums: { petitions_resolved: 5, petitions_received: 6 }, quartersReported: ["2025Q1", "2025Q2"] };
    const full = {
      sums: { petitions_resolved: 9, petitions_carried_over: 2, petitions_received: 8 },
      quartersReported: ["2025Q1", "2025Q2"],
    };
    expect(rollUpIndicator(petitions, [noStock, full], { target: 85, quarters: 2 })).toEqual({
      code: "petition_resolution_rate",
      value: 90, // 9 / (2 + 8)
      numerator: 9,
      denominator: 10,
      target: 85,
      status: "meets",
      missingQuarters: 2,
      contributors: 1,
    });
  });

  it("scales a count target with the communes expected and the quarters, reported or not", () => {
    const v = rollUpIndicator(
      reception,
      [
        { sums: { reception_sessions: 13 }, quartersReported: ["2025Q1"] },
        { sums: {}, quartersReported: [] },
      ],
      { target: 12, quarters: 2 },
    );
    // 12 × 2 communes × 2 quarters = 48; 13 is far below 90 % of 48 (43.2).
    expect(v).toEqual({
      code: "reception",
      value: 13,
      numerator: 13,
      denominator: null,
      target: 48,
      status: "below",
      missingQuarters: 3,
      contributors: 1,
    });
  });

  it("keeps a zero denominator as no data, but as covered (the commune did report)", () => {
    const v = rollUpIndicator(
      online,
      [{ sums: { procedures_online: 0, procedures_received: 0 }, quartersReported: ["2025Q1"] }],
      { target: 80, quarters: 1 },
    );
    expect(v).toEqual({
      code: "online_rate",
      value: null,
      numerator: 0,
      denominator: 0,
      target: 80,
      status: null,
      missingQuarters: 0,
      contributors: 1,
    });
  });
});

describe("compareWith", () => {
  it("gives the earlier value and the change, in percentage points for a rate", () => {
    const now = rollUpIndicator(
      online,
      [{ sums: { procedures_online: 170, procedures_received: 200 }, quartersReported: ["2025Q2"] }],
      { target: 80, quarters: 1 },
    );
    const before = rollUpIndicator(
      online,
      [{ sums: { procedures_online: 150, procedures_received: 200 }, quartersReported: ["2025Q1"] }],
      { target: 80, quarters: 1 },
    );
    // 85 % − 75 % = +10 points.
    expect(compareWith(now, before, "2025Q1")).toEqual({
      period: "2025Q1",
      value: 75,
      numerator: 150,
      denominator: 200,
      missingQuarters: 0,
      delta: 10,
    });
  });
  it("has no change when either side is no data", () => {
    const now = rollUpIndicator(reception, [{ sums: { reception_sessions: 12 }, quartersReported: ["2025Q1"] }], {
      target: 12,
      quarters: 1,
    });
    const none = rollUpIndicator(reception, [{ sums: {}, quartersReported: [] }], { target: 12, quarters: 1 });
    expect(compareWith(now, none, "2024Q1")).toEqual({
      period: "2024Q1",
      value: null,
      numerator: null,
      denominator: null,
      missingQuarters: 1,
      delta: null,
    });
    expect(compareWith(none, now, "2024Q4").delta).toBeNull();
    expect(compareWith(now, now, "2024Q4").delta).toBe(0);
  });
});
