import { createHash } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { consistencyRules, elementCodes } from "../indicators/catalogue";
import { generateDemoReports, type DemoReport } from "./generate";
import { generateProvinceDemo, parseProvinceFixture, provinceDemoReports } from "./province";
import { lastClosedQuarter, parseToday } from "../calendar";
import { quarterRange } from "../periods";

// Captured from generateDemoReports() before the province demo existed (commit a8ace76): sha256 of
// JSON.stringify of the 94 reports, submission instants included. Trà Bồng's figures must never move.
const TRA_BONG_DIGEST = "d9f988e3bd9fb7a9a02937fb5130284a9de5aad3fb80f3516f7ee6ab8c016fdd";
const TRA_BONG = [
  "21115",
  "21118",
  "21121",
  "21124",
  "21127",
  "21130",
  "21133",
  "21136",
  "21139",
  "21142",
  "21145",
  "21148",
  "21154",
  "21157",
  "21163",
  "21166",
];
const OLD_QUARTERS = ["2024Q1", "2024Q2", "2024Q3", "2024Q4", "2025Q1", "2025Q2"];

const LAST = lastClosedQuarter(parseToday("2026-12-01")!); // 2026Q3
const NEW_QUARTERS = quarterRange("2025Q3", LAST);
const read = (f: string) => fs.readFileSync(path.join("db/fixtures/quang-ngai", f), "utf8");
const fixture = parseProvinceFixture({
  old: read("units-2025-06.csv"),
  current: read("units-2025-07.csv"),
  merges: read("merges-2025-07.csv"),
});
const demoReports = (o: { lastQuarter: string }) => provinceDemoReports(fixture, o.lastQuarter);
const all = demoReports({ lastQuarter: LAST });
const isOld = (r: DemoReport) => r.period <= "2025Q2";
const digest = (rs: DemoReport[]) => createHash("sha256").update(JSON.stringify(rs)).digest("hex");

describe("province demo (Quảng Ngãi, both structures)", () => {
  it("reads the fixture: old 51 + 62 with 272 communes, new 51 with 96 communes, Lý Sơn's island district", () => {
    expect(LAST).toBe("2026Q3");
    expect(fixture.oldCommunes).toHaveLength(272);
    expect(fixture.oldCommunes.filter((c) => c.districtCode === "525").map((c) => c.code)).toEqual(TRA_BONG);
    expect(fixture.newCommunes).toHaveLength(96);
    expect(fixture.merges).toContainEqual({ oldCode: "536", newCode: "21548" });
  });

  it("contains the small Trà Bồng fixture row for row (both are filters of the official lists)", () => {
    const lines = (f: string) => new Set(fs.readFileSync(path.join("db/fixtures", f), "utf8").trim().split("\n"));
    for (const [small, big] of [
      ["units-demo-2025-06.csv", "quang-ngai/units-2025-06.csv"],
      ["units-demo-2025-07.csv", "quang-ngai/units-2025-07.csv"],
      ["merges-demo.csv", "quang-ngai/merges-2025-07.csv"],
    ]) {
      const b = lines(big);
      expect(
        [...lines(small)].filter((l) => !b.has(l)),
        small,
      ).toEqual([]);
    }
  });

  it("keeps Trà Bồng's 94 reports byte-identical to before (values and submission instants)", () => {
    expect(digest(generateDemoReports())).toBe(TRA_BONG_DIGEST);
    const traBong = all.filter((r) => isOld(r) && TRA_BONG.includes(r.unitCode));
    expect(traBong).toHaveLength(94);
    expect(digest(traBong)).toBe(TRA_BONG_DIGEST);
    // And they come first, in the same order, so the demo imports of Trà Bồng keep their ids 1..94.
    expect(digest(all.slice(0, 94))).toBe(TRA_BONG_DIGEST);
  });

  it("is deterministic", () => {
    expect(digest(demoReports({ lastQuarter: LAST }))).toBe(digest(all));
    const other = generateProvinceDemo({
      ...fixture,
      existing: generateDemoReports(),
      lastQuarter: LAST,
      seed: 1,
    }).reports;
    expect(digest(other)).not.toBe(digest(all.slice(94)));
  });

  it("covers every old commune 2024Q1..2025Q2 with a few gaps, never in 2025Q2", () => {
    const old = all.filter((r) => isOld(r) && !TRA_BONG.includes(r.unitCode));
    const expected = 256 * OLD_QUARTERS.length;
    const gaps = expected - old.length;
    expect(gaps).toBeGreaterThan(0);
    expect(gaps / expected).toBeLessThan(0.05);
    expect(new Set(old.map((r) => r.period))).toEqual(new Set(OLD_QUARTERS));
    expect(old.filter((r) => r.period === "2025Q2")).toHaveLength(256);
  });

  it("covers the 96 new communes from 2025Q3 up to the last closed quarter, with a few gaps", () => {
    const fresh = all.filter((r) => !isOld(r));
    expect(new Set(fresh.map((r) => r.period))).toEqual(new Set(NEW_QUARTERS));
    expect(new Set(fresh.map((r) => r.unitCode))).toEqual(new Set(fixture.newCommunes.map((c) => c.code)));
    expect(fresh.filter((r) => r.period === "2025Q3")).toHaveLength(96); // no gap right after the reform
    const expected = 96 * NEW_QUARTERS.length;
    expect(expected - fresh.length).toBeGreaterThan(0);
    expect((expected - fresh.length) / expected).toBeLessThan(0.05);
    expect(fresh.some((r) => r.unitCode === "21548")).toBe(true); // Đặc khu Lý Sơn
    // Later calendars reach further; before the reform there is nothing new.
    expect(demoReports({ lastQuarter: "2027Q1" }).some((r) => r.period === "2027Q1")).toBe(true);
    expect(demoReports({ lastQuarter: "2025Q2" }).filter((r) => !isOld(r))).toHaveLength(0);
  });

  it("continues the predecessors across the reform (first quarter within 15 % volume and 5 points online rate)", () => {
    const { baselines } = generateProvinceDemo({ ...fixture, existing: generateDemoReports(), lastQuarter: LAST });
    expect(baselines.size).toBe(95); // all but Lý Sơn
    const q3 = new Map(all.filter((r) => r.period === "2025Q3").map((r) => [r.unitCode, r.values]));
    for (const [code, b] of baselines) {
      const v = q3.get(code)!;
      expect(Math.abs(v.procedures_received / b.procedures_received - 1), code).toBeLessThan(0.15);
      expect(
        Math.abs(v.procedures_online / v.procedures_received - b.procedures_online / b.procedures_received),
        code,
      ).toBeLessThan(0.05);
    }
    // The province as a whole: 2025Q3 within 10 % of 2025Q2 (every old commune reported 2025Q2 but one of Trà Bồng's).
    const total = (p: string) =>
      all.filter((r) => r.period === p).reduce((s, r) => s + r.values.procedures_received, 0);
    expect(Math.abs(total("2025Q3") / total("2025Q2") - 1)).toBeLessThan(0.1);
    // Cà Đam (21136) continues Trà Tân (whole) and half of Trà Bùi (split in two).
    const traTan = all.find((r) => r.unitCode === "21136" && r.period === "2025Q2")!.values.procedures_received;
    const traBui = all.find((r) => r.unitCode === "21142" && r.period === "2025Q1")!.values.procedures_received; // Trà Bùi missed 2025Q2
    expect(baselines.get("21136")!.procedures_received).toBeCloseTo(traTan + traBui / 2, 6);
  });

  it("obeys the consistency rules, the carried-over chain and the voter backlog in both structures", () => {
    const problems: string[] = [];
    for (const r of all) {
      const v = r.values;
      if (Object.keys(v).join() !== elementCodes.join()) problems.push(`${r.unitCode} ${r.period}: elements`);
      for (const rule of consistencyRules)
        if (v[rule.lhs] > rule.rhs.reduce((s, e) => s + v[e], 0))
          problems.push(`${r.unitCode} ${r.period}: ${rule.code}`);
    }
    const byUnit = new Map<string, DemoReport[]>();
    for (const r of all)
      byUnit.set(`${isOld(r)}|${r.unitCode}`, [...(byUnit.get(`${isOld(r)}|${r.unitCode}`) ?? []), r]);
    const qi = (p: string) => Number(p.slice(0, 4)) * 4 + Number(p.slice(5));
    for (const [key, rs] of byUnit) {
      let backlog = 0;
      rs.forEach((r, i) => {
        const v = r.values;
        if (v.voter_requests_answered > v.voter_requests_received + backlog)
          problems.push(`${key} ${r.period}: voter backlog`);
        backlog += v.voter_requests_received - v.voter_requests_answered;
        const prev = rs[i - 1];
        if (prev && qi(prev.period) + 1 === qi(r.period)) {
          const open =
            prev.values.petitions_carried_over + prev.values.petitions_received - prev.values.petitions_resolved;
          if (v.petitions_carried_over !== open) problems.push(`${key} ${r.period}: carried over`);
        }
      });
    }
    expect(problems).toEqual([]);
  });

  it("has a few late reports, and reports of the same quarter and day share one instant (one import per day)", () => {
    const rest = all.slice(94);
    const late = rest.filter(
      (r) =>
        r.submittedAt.getTime() >= Date.UTC(Number(r.period.slice(0, 4)), Number(r.period.slice(5)) * 3 - 1, 18, 17),
    );
    expect(late.length / rest.length).toBeGreaterThan(0.02);
    expect(late.length / rest.length).toBeLessThan(0.12);
    // At most five arrival instants a quarter: 11 quarters → at most 55 imports besides Trà Bồng's 94.
    const instants = new Set(rest.map((r) => `${r.period}|${r.submittedAt.toISOString()}`));
    expect(instants.size).toBeLessThanOrEqual(5 * 11);
    expect(instants.size).toBeGreaterThanOrEqual(3 * 11);
  });
});
