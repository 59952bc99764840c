import { describe, expect, it } from "vitest";
import {
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatQuarter,
  roundHalfUp,
} from "./format";

describe("format", () => {
  it("formats numbers the Vietnamese way", () => {
    expect(formatNumber(1234.5)).toBe("1.234,5");
    expect(formatNumber(1234567)).toBe("1.234.567");
    expect(formatNumber(1234.5, "en")).toBe("1,234.5");
    expect(formatNumber(null)).toBe("–");
    expect(formatNumber(Number.NaN)).toBe("–");
  });
  it("rounds half up to one decimal despite floating point", () => {
    expect(roundHalfUp(84.45)).toBe(84.5);
    expect(roundHalfUp(84.44999)).toBe(84.4);
    expect(roundHalfUp(0.05)).toBe(0.1);
    expect(formatPercent((152 / 180) * 100)).toBe("84,4 %");
    expect(formatPercent(80)).toBe("80,0 %");
    expect(formatPercent(80, "en")).toBe("80.0%");
  });
  it("formats dates as dd/mm/yyyy", () => {
    expect(formatDate(new Date("2026-11-26T03:00:00Z"))).toBe("26/11/2026");
    expect(formatDate(new Date("2025-01-04T17:30:00Z"))).toBe("05/01/2025"); // 00:30 on 5/1 in Vietnam
    expect(formatDateTime(new Date("2025-06-18T02:05:00Z"))).toBe("18/06/2025 09:05");
  });
  it("formats periods in words", () => {
    expect(formatQuarter("2025Q1")).toBe("Quý I/2025");
    expect(formatQuarter("2025Q4")).toBe("Quý IV/2025");
    expect(formatQuarter("2025Q1", "en")).toBe("Q1 2025");
    expect(formatPeriod("2025S1")).toBe("6 tháng đầu năm 2025");
    expect(formatPeriod("2025N9")).toBe("9 tháng năm 2025");
    expect(formatPeriod("2025")).toBe("Năm 2025");
    expect(formatPeriod("2024Q3..2025Q2")).toBe("Quý III/2024 – Quý II/2025");
    expect(formatPeriod("2025S1", "en")).toBe("First half of 2025");
  });
});
