import { describe, expect, it } from "vitest";
import Papa from "papaparse";
import ExcelJS from "exceljs";
import { buildSummaryCsv } from "./summary-table";
import { buildSummaryWorkbook, SHEET_NAMES, SUMMARY_LAYOUT } from "./summary-workbook";
import { fixtureData, GENERATED_AT } from "./test-fixture";

describe("summary CSV", () => {
  const data = fixtureData();
  const csv = buildSummaryCsv(data);

  it("starts with a BOM and uses CRLF", () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    // Header, 4 communes, the total, the total row's rule, and the empty string after the last CRLF.
    expect(csv.split("\r\n")).toHaveLength(1 + 4 + 1 + 1 + 1);
  });

  it("round-trips through papaparse with the summary sheet's columns, rows then total", async () => {
    const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
    expect(parsed.errors).toEqual([]);
    const [header, ...rows] = parsed.data;
    const bytes = await buildSummaryWorkbook(data, { generatedAt: GENERATED_AT });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const sheetHeader = (
      wb.getWorksheet(SHEET_NAMES.summary)!.getRow(SUMMARY_LAYOUT.headerRow).values as unknown[]
    ).slice(1);
    expect(header).toEqual(sheetHeader);
    expect(rows).toHaveLength(6);
    expect(rows[5][2]).toMatch(/^Dòng “Toàn huyện Trà Bồng”: mỗi cột số liệu là tổng của mọi đơn vị đã báo cáo số đó/);
    const at = (r: string[], title: string) => r[header.indexOf(title)];
    expect(rows[0].slice(0, 3)).toEqual(["1", "21115", "Thị trấn Trà Xuân"]);
    expect(at(rows[0], "Số hồ sơ thủ tục hành chính tiếp nhận")).toBe("1000");
    expect(at(rows[0], "Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)")).toBe("85");
    expect(at(rows[1], "Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)")).toBe("67.7");
    // Trà Bùi did not report: empty cells, never 0.
    expect(rows[2].slice(3).every((c) => c === "")).toBe(true);
    const total = rows[4];
    expect(total.slice(0, 3)).toEqual(["", "525", "Toàn huyện Trà Bồng"]);
    expect(at(total, "Số hồ sơ tiếp nhận trực tuyến")).toBe("1210");
    // 1.210 / 1.532 = 78,98… %, rounded half up to one decimal as on screen.
    expect(at(total, "Tỷ lệ hồ sơ tiếp nhận trực tuyến (%)")).toBe("79");
    expect(at(total, "Tỷ lệ hồ sơ giải quyết đúng hạn (%)")).toBe("95.9");
  });

  it("neutralizes a name that would be a formula", () => {
    expect(csv).toContain("\r\n2,21118,'=1+2 Xã Độc,");
  });
});
