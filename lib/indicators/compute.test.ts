import { describe, expect, it } from "vitest";
import { getIndicator, indicators, type IndicatorDef } from "./catalogue";
import { computeIndicator, contribution, scaledTarget, statusOf, valueFrom } from "./compute";
import { aggregateIndicator } from "./testing/oracle";

// Every expected number below is worked out by hand in the comment beside it.
const def = (code: string): IndicatorDef => {
  const d = getIndicator(code);
  if (!d) throw new Error(`no indicator ${code}`);
  return d;
};
const online = def("online_rate"); // procedures_online / procedures_received, target 80
const petitions = def("petition_resolution_rate"); // resolved / (carried_over + received), target 85
const reception = def("reception"); // count of reception_sessions, target 12 per commune and quarter
const meetings = def("meetings"); // count, no target
const one = { target: null, communes: 1, quarters: 1 };

describe("computeIndicator: one commune", () => {
  it("computes a rate as 100 × numerator / denominator, unrounded: 152 / 180 = 84.444… %", () => {
    const v = computeIndicator(
      online,
      { procedures_online: 152, procedures_received: 180 },
      { target: 80, communes: 1, quarters: 1 },
    );
    expect(v).toEqual({
      code: "online_rate",
      value: 15200 / 180,
      numerator: 152,
      denominator: 180,
      target: 80,
      status: "meets",
    });
    expect(v.value).toBeCloseTo(84.44444444444444, 12);
    expect(v.value).not.toBe(84.4); // not rounded
  });

  it("sums several denominator elements: 7 resolved of 2 carried over + 8 received = 70 %", () => {
    const v = computeIndicator(
      petitions,
      { petitions_resolved: 7, petitions_carried_over: 2, petitions_received: 8 },
      { target: 85, communes: 1, quarters: 1 },
    );
    expect(v).toMatchObject({ value: 70, numerator: 7, denominator: 10, target: 85, status: "below" });
  });

  it("gives no data (null value, null status) for a zero denominator, never 0 %, NaN or ∞", () => {
    const v = computeIndicator(
      online,
      { procedures_online: 0, procedures_received: 0 },
      { target: 80, communes: 1, quarters: 1 },
    );
    expect(v).toEqual({ code: "online_rate", value: null, numerator: 0, denominator: 0, target: 80, status: null });
    expect(valueFrom(online, 5, 0)).toBeNull();
    expect(valueFrom(online, 0, 0)).toBeNull();
  });

  it("gives no data when an element of the rate is missing, on either side", () => {
    expect(computeIndicator(online, { procedures_online: 152 }, one)).toMatchObject({
      value: null,
      numerator: null,
      denominator: null,
      status: null,
    });
    expect(computeIndicator(online, { procedures_received: 180 }, one)).toMatchObject({
      value: null,
      numerator: null,
      denominator: null,
    });
    // One of two denominator elements missing is enough.
    expect(contribution(petitions, { petitions_resolved: 3, petitions_received: 4 })).toEqual({
      numerator: null,
      denominator: null,
    });
    // An explicit undefined is the same as absent.
    expect(contribution(online, { procedures_online: 1, procedures_received: undefined })).toEqual({
      numerator: null,
      denominator: null,
    });
  });

  it("counts a count indicator and has no denominator; a zero count is 0, not no data", () => {
    expect(computeIndicator(meetings, { meetings_held: 14 }, one)).toEqual({
      code: "meetings",
      value: 14,
      numerator: 14,
      denominator: null,
      target: null,
      status: null,
    });
    expect(computeIndicator(meetings, { meetings_held: 0 }, one).value).toBe(0);
    expect(computeIndicator(meetings, {}, one).value).toBeNull();
    expect(contribution(reception, { reception_sessions: 13, meetings_held: 99 })).toEqual({
      numerator: 13,
      denominator: null,
    });
  });

  it("has no status for an indicator without a target, whatever its value", () => {
    const v = computeIndicator(
      meetings,
      { meetings_held: 1000 },
      { target: meetings.target?.value ?? null, communes: 16, quarters: 2 },
    );
    expect(v.target).toBeNull();
    expect(v.status).toBeNull();
    for (const d of indicators.filter((i) => i.target === null)) {
      expect(statusOf(d, 5, null)).toBeNull();
    }
  });
});

describe("aggregateIndicator: several communes", () => {
  it("recomputes a rate as Σ numerators / Σ denominators, not the mean of the rates", () => {
    // A: 9 / 10 = 90 %, B: 10 / 100 = 10 %. The mean of the rates would be 50 %;
    // the district's rate is (9 + 10) / (10 + 100) = 19 / 110 = 17.2727… %.
    const a = { procedures_online: 9, procedures_received: 10 };
    const b = { procedures_online: 10, procedures_received: 100 };
    const v = aggregateIndicator(online, [a, b], { target: 80, communes: 2, quarters: 1 });
    expect(v).toEqual({
      code: "online_rate",
      value: 1900 / 110,
      numerator: 19,
      denominator: 110,
      target: 80,
      status: "below",
    });
    expect(v.value).toBeCloseTo(17.272727272727273, 12);
    const meanOfRates = (computeIndicator(online, a, one).value! + computeIndicator(online, b, one).value!) / 2;
    expect(meanOfRates).toBe(50);
    expect(v.value).not.toBeCloseTo(meanOfRates, 0);
  });

  it("leaves out a commune that misses one element of a rate, on either side", () => {
    // Only A (120 / 150) is complete: 80 %. B has no denominator, C no numerator.
    const a = { procedures_online: 120, procedures_received: 150 };
    const b = { procedures_online: 500 };
    const c = { procedures_received: 1000 };
    expect(aggregateIndicator(online, [a, b, c], { target: 80, communes: 3, quarters: 1 })).toMatchObject({
      value: 80,
      numerator: 120,
      denominator: 150,
      status: "meets",
    });
    // Petition rate: B lacks the stock element, so only A counts: 9 / (1 + 9) = 90 %.
    const pa = { petitions_resolved: 9, petitions_carried_over: 1, petitions_received: 9 };
    const pb = { petitions_resolved: 0, petitions_received: 20 };
    expect(aggregateIndicator(petitions, [pa, pb], { target: 85, communes: 2, quarters: 1 })).toMatchObject({
      value: 90,
      numerator: 9,
      denominator: 10,
    });
  });

  it("leaves out a commune that misses a count element, and gives no data when nobody reported", () => {
    const v = aggregateIndicator(reception, [{ reception_sessions: 12 }, {}, { reception_sessions: 9 }], {
      target: 12,
      communes: 3,
      quarters: 1,
    });
    expect(v).toMatchObject({ value: 21, numerator: 21, denominator: null, target: 36 });
    expect(aggregateIndicator(reception, [{}, {}], { target: 12, communes: 2, quarters: 1 })).toMatchObject({
      value: null,
      numerator: null,
      status: null,
    });
    expect(aggregateIndicator(online, [], { target: 80, communes: 0, quarters: 1 })).toMatchObject({
      value: null,
      numerator: null,
      denominator: null,
      status: null,
    });
  });

  it("gives no data when every contributing denominator is zero", () => {
    const v = aggregateIndicator(
      online,
      [
        { procedures_online: 0, procedures_received: 0 },
        { procedures_online: 0, procedures_received: 0 },
      ],
      { target: 80, communes: 2, quarters: 1 },
    );
    expect(v).toMatchObject({ value: null, numerator: 0, denominator: 0, status: null });
  });

  it("is the same as computeIndicator on the added-up sums when every commune is complete", () => {
    const units = [
      { procedures_online: 152, procedures_received: 180 },
      { procedures_online: 61, procedures_received: 97 },
      { procedures_online: 0, procedures_received: 3 },
    ];
    const total = { procedures_online: 213, procedures_received: 280 };
    const options = { target: 80, communes: 3, quarters: 1 };
    expect(aggregateIndicator(online, units, options)).toEqual(computeIndicator(online, total, options));
    expect(aggregateIndicator(online, units, options).value).toBe(21300 / 280); // 76.071… %
  });
});

describe("targets and statuses", () => {
  it("scales a count target with communes and quarters: reception 12 × 16 communes × 2 quarters = 384", () => {
    expect(scaledTarget(reception, 12, 16, 2)).toBe(384);
    expect(scaledTarget(reception, 12, 1, 1)).toBe(12);
    expect(scaledTarget(reception, 12, 16, 4)).toBe(768);
    expect(scaledTarget(reception, null, 16, 2)).toBeNull();
    // A rate target does not scale.
    expect(scaledTarget(online, 80, 16, 2)).toBe(80);
    const v = aggregateIndicator(
      reception,
      Array.from({ length: 16 }, () => ({ reception_sessions: 24 })),
      { target: 12, communes: 16, quarters: 2 },
    );
    expect(v).toMatchObject({ value: 384, target: 384, status: "meets" });
  });

  it("rates: meets at the target, near within 10 points below, below under that (target 80)", () => {
    expect(statusOf(online, 80, 80)).toBe("meets");
    expect(statusOf(online, 100, 80)).toBe("meets");
    expect(statusOf(online, 79.99, 80)).toBe("near");
    expect(statusOf(online, 70, 80)).toBe("near");
    expect(statusOf(online, 69.9, 80)).toBe("below");
    expect(statusOf(online, 0, 80)).toBe("below");
    // The same through computeIndicator with exact fractions: 160/200 = 80, 140/200 = 70, 699/1000 = 69.9.
    const at = (n: number, d: number) =>
      computeIndicator(
        online,
        { procedures_online: n, procedures_received: d },
        { target: 80, communes: 1, quarters: 1 },
      ).status;
    expect([at(160, 200), at(140, 200), at(699, 1000)]).toEqual(["meets", "near", "below"]);
  });

  it("counts: meets at the target, near within 10 % below, below under that (target 12)", () => {
    expect(statusOf(reception, 12, 12)).toBe("meets");
    expect(statusOf(reception, 13, 12)).toBe("meets");
    expect(statusOf(reception, 11, 12)).toBe("near");
    expect(statusOf(reception, 10.8, 12)).toBe("near");
    expect(statusOf(reception, 10.7, 12)).toBe("below");
    expect(statusOf(reception, 10, 12)).toBe("below");
    // Scaled: 384 × 0.9 = 345.6 for 16 communes over a half-year.
    const district = (n: number) =>
      aggregateIndicator(reception, [{ reception_sessions: n }], { target: 12, communes: 16, quarters: 2 }).status;
    expect([district(384), district(346), district(345)]).toEqual(["meets", "near", "below"]);
  });

  it("has no status without a value or without a target", () => {
    expect(statusOf(online, null, 80)).toBeNull();
    expect(statusOf(online, 90, null)).toBeNull();
    expect(statusOf(reception, 0, null)).toBeNull();
  });
});
