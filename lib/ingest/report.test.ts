import { describe, expect, test } from "vitest";
import { errorsToCsv } from "./report";
import type { IngestIssue } from "./types";

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
      issue(2, "meetings_held", '=HYPERLINK("http://x")', "a"),
      issue(3, "meetings_held", "-3", "b"),
      issue(4, "+x", "@SUM(A1)", "c"),
      issue(5, "\tcol", "\rv", 'say "hi"'),
      issue(null, null, null, "Tệp trống."),
    ]);
    expect(csv).toBe(
      "\uFEFFline,column,value,message\r\n" +
        '14,procedures_online,130,"Dòng 14, cột procedures_online: 130 lớn hơn procedures_received (120)"\r\n' +
        '2,meetings_held,"\'=HYPERLINK(""http://x"")",a\r\n' +
        "3,meetings_held,'-3,b\r\n" +
        "4,'+x,'@SUM(A1),c\r\n" +
        '5,\'\tcol,"\'\rv","say ""hi"""\r\n' +
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
