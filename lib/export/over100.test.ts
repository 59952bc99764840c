import { describe, expect, it } from "vitest";
import { buildSummaryCsv, over100Lines } from "./summary-table";
import { summaryNotes } from "./summary-text";
import { fixtureData } from "./test-fixture";

describe("rates above 100 % in the exports", () => {
  it("says nothing when no rate is above 100 %", () => {
    expect(over100Lines(fixtureData())).toEqual([]);
  });

  it("names where a rate is above 100 % and why, in the notes and under the CSV", () => {
    const data = fixtureData();
    // Trà Xuân answered 36 voters' requests of 30 received (answers to earlier quarters' requests).
    const row = data.rows.find((r) => r.unit.code === "21115")!;
    row.values.voter_answer_rate = { ...row.values.voter_answer_rate, numerator: 36, denominator: 30, value: 120 };
    const expected =
      "Tỷ lệ trả lời kiến nghị cử tri trên 100 % ở Thị trấn Trà Xuân (120,0 %): gồm trả lời kiến nghị của các " +
      "quý trước (số đã trả lời tính cả kiến nghị cử tri tiếp nhận từ trước kỳ).";
    expect(over100Lines(data)).toEqual([expected]);
    expect(summaryNotes(data, new Date("2025-04-20T03:00:00Z"))).toContain(expected);
    expect(buildSummaryCsv(data)).toContain(expected);
  });
});
