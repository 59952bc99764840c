import { describe, expect, it } from "vitest";
import { exportPeriods } from "./period-options";
import { documentDate, flattenQuery, summaryQuery } from "./summary-query";

describe("summary export parameters", () => {
  it("accepts indicators comma-separated or repeated, and drops empty values", () => {
    expect(
      flattenQuery(new URLSearchParams("period=2025Q1&indicators=meetings&indicators=online_rate&date=&format=csv")),
    ).toEqual({
      period: "2025Q1",
      indicators: "meetings,online_rate",
      format: "csv",
    });
    expect(flattenQuery({ period: "2025S1", indicators: ["a", "b"], scope: undefined })).toEqual({
      period: "2025S1",
      indicators: "a,b",
    });
    const q = summaryQuery.parse({ period: "2025Q1", indicators: "meetings,online_rate" });
    expect(q).toEqual({ period: "2025Q1", indicators: ["meetings", "online_rate"], format: "xlsx" });
  });

  it("refuses what it cannot use, saying what is accepted", () => {
    const bad = summaryQuery.safeParse({
      period: "2025Q5",
      indicators: "nope",
      format: "pdf",
      date: "2025-02-30",
      scope: "abc",
    });
    expect(bad.success).toBe(false);
    const byPath = Object.fromEntries(bad.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byPath.period).toMatch(/^kỳ báo cáo không hợp lệ; dùng quý 2025Q1/);
    expect(byPath.indicators).toMatch(/^không có chỉ tiêu nope; các chỉ tiêu: meetings,/);
    expect(byPath.format).toBe("format phải là xlsx, docx hoặc csv");
    expect(byPath.date).toBe("ngày văn bản không tồn tại");
    expect(byPath.scope).toBe("mã đơn vị là một dãy số, ví dụ 525");
    expect(summaryQuery.safeParse({}).error!.issues[0].message).toMatch(/^thiếu kỳ báo cáo/);
  });

  it("puts the document's date at noon in Vietnam", () => {
    expect(documentDate("2026-11-26")!.toISOString()).toBe("2026-11-26T05:00:00.000Z");
    expect(documentDate(undefined)).toBeUndefined();
  });

  it("offers the periods of the last years, none starting after the latest quarter", () => {
    expect(exportPeriods("2025Q2", 2)).toEqual({
      quarter: ["2025Q2", "2025Q1", "2024Q4", "2024Q3", "2024Q2", "2024Q1"],
      half: ["2025S1", "2024S2", "2024S1"],
      nine: ["2025N9", "2024N9"],
      year: ["2025", "2024"],
    });
  });
});
