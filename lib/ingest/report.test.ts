import { describe, expect, test } from "vitest";
import { errorsToCsv, unusualValueWarnings } from "./report";
import type { IngestIssue, IngestValue } from "./types";

const issue = (line: number | null, column: string | null, value: string | null, vi: string): IngestIssue => ({
  line,
  column,
  value,
  code: "value_not_number",
  messageVi: vi,
  messageEn: `EN ${vi}`,
});

describe("errorsToCsv", () => {
  test("UTF-8 BOM, CRLF, quoting, formula injection neutralized", () => {
    const csv = errorsToCsv([
      issue(14, "procedures_online", "130", "Dòng 14, cột procedures_online: 130 lớn hơn procedures_received (120)"),
      issue(2, "meetings_held", "=HYPERLINK(\"http://x\")", "a"),
      issue(3, "meetings_held", "-3", "b"),
      issue(4, "+x", "@SUM(A1)", "c"),
      issue(5, "\tcol", "\rv", 'say "hi"'),
      issue(null, null, null, "Tệp trống."),
    ]);
    expect(csv).toBe(
      "\uFEFFline,column,value,message\r\n" +
        '14,procedures_online,130,"Dòng 14, cột procedures_online: 130 lớn hơn procedures_received (120)"\r\n' +
        "2,meetings_held,\"'=HYPERLINK(\"\"http://x\"\")\",a\r\n" +
        "3,meetings_held,'-3,b\r\n" +
        "4,'+x,'@SUM(A1),c\r\n" +
        "5,'\tcol,\"'\rv\",\"say \"\"hi\"\"\"\r\n" +
        ",,,Tệp trống.\r\n",
    );
  });

  test("English messages on request", () => {
    expect(errorsToCsv([issue(1, "a", "b", "x")], "en")).toBe("\uFEFFline,column,value,message\r\n1,a,b,EN x\r\n");
  });

  test("no errors: just the header", () => {
    expect(errorsToCsv([])).toBe("\uFEFFline,column,value,message\r\n");
  });
});

describe("unusualValueWarnings", () => {
  const v = (unitCode: string, element: string, value: number, line: number): IngestValue => ({ unitCode, structure: "2025-06", period: "2025Q2", element, value, line });

  test("more than 3× the commune's own median of earlier quarters", () => {
    const medians = new Map([
      ["21115|meetings_held", 20],
      ["21118|meetings_held", 20],
      ["21121|skilled_models", 0],
    ]);
    const warnings = unusualValueWarnings(
      [v("21115", "meetings_held", 90, 7), v("21118", "meetings_held", 60, 8), v("21121", "skilled_models", 2, 9), v("21124", "meetings_held", 1000, 10)],
      medians,
    );
    // 60 is exactly 3× (not more); a median of 0 gives no baseline; 21124 has no history.
    expect(warnings).toEqual([
      {
        line: 7,
        column: "meetings_held",
        value: "90",
        code: "unusual_value",
        messageVi: "Dòng 7, cột meetings_held: 90 lớn hơn 3 lần trung vị các quý trước của xã (20); hãy kiểm tra lại số liệu.",
        messageEn: "Line 7, column meetings_held: 90 is more than 3 times the commune's median of earlier quarters (20); please check the figure.",
      },
    ]);
  });
});
