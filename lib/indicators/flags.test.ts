import { describe, expect, it } from "vitest";
import { getIndicator } from "./catalogue";
import { incompleteNote, isOver100, over100Note, periodCompleteness } from "./flags";

const rate = (code: string) => getIndicator(code)!;

describe("flags", () => {
  it("flags a rate above 100 % with its cause, never a count or exactly 100 %", () => {
    expect(isOver100(rate("voter_answer_rate"), 158.3)).toBe(true);
    expect(isOver100(rate("voter_answer_rate"), 100)).toBe(false);
    expect(isOver100(rate("meetings"), 250)).toBe(false);
    expect(over100Note(rate("voter_answer_rate"), 158.3, "vi")).toBe(
      "Trên 100 %: gồm trả lời kiến nghị của các quý trước (số đã trả lời tính cả kiến nghị cử tri tiếp nhận từ trước kỳ)",
    );
    expect(over100Note(rate("petition_resolution_rate"), 120, "vi")).toContain(
      "số chuyển sang giữa các quý không khớp",
    );
    expect(over100Note(rate("online_rate"), 99.9, "vi")).toBeNull();
  });

  it("says how many commune-quarters an incomplete figure misses", () => {
    expect(incompleteNote({ missingQuarters: 4, contributors: 12 }, 16, "vi")).toBe(
      "Thiếu 4 báo cáo xã/quý: tính trên 12/16 xã",
    );
    expect(incompleteNote({ missingQuarters: 1, contributors: 16 }, 16, "vi")).toBe("Thiếu 1 báo cáo xã/quý");
    expect(incompleteNote({ missingQuarters: 0, contributors: 16 }, 16, "vi")).toBeNull();
    expect(incompleteNote({ missingQuarters: 1, contributors: 1 }, 1, "vi")).toBe("Thiếu 1 quý chưa báo cáo đủ");
  });

  it("states a quarter's completeness, and which quarter of a longer period is incomplete", () => {
    expect(periodCompleteness("2025Q3", [{ period: "2025Q3", reported: 12, expected: 16 }], "vi")).toEqual({
      complete: false,
      text: "12/16 xã đã báo cáo Quý III/2025: các con số chỉ gồm các báo cáo đã có.",
      incompleteQuarters: ["2025Q3"],
    });
    const nine = periodCompleteness(
      "2025N9",
      [
        { period: "2025Q1", reported: 16, expected: 16 },
        { period: "2025Q2", reported: 15, expected: 16 },
        { period: "2025Q3", reported: 0, expected: 16 },
      ],
      "vi",
    );
    expect(nine.complete).toBe(false);
    expect(nine.incompleteQuarters).toEqual(["2025Q2", "2025Q3"]);
    expect(nine.text).toBe(
      "Số liệu 9 tháng năm 2025 chưa đủ: Quý II/2025 mới có 15/16 xã báo cáo; Quý III/2025 mới có 0/16 xã báo cáo. " +
        "Các con số chỉ gồm các báo cáo đã có.",
    );
    expect(
      periodCompleteness(
        "2025S1",
        [
          { period: "2025Q1", reported: 16, expected: 16 },
          { period: "2025Q2", reported: 16, expected: 16 },
        ],
        "vi",
      ).text,
    ).toBe("Số liệu 6 tháng đầu năm 2025 đủ: 16/16 xã đã báo cáo cả 2 quý.");
  });
});
