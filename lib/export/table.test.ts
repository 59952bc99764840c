import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { tableToCsv, tableToXlsx, type ExportColumn, type TypedExportRow } from "./table";

const columns: ExportColumn[] = [
  { key: "name", header: "Đơn vị", kind: "text" },
  { key: "meetings", header: "Hội nghị", kind: "integer" },
  { key: "online", header: "Tỷ lệ trực tuyến", kind: "percent" },
];
const rows = [
  { name: "Xã Trà Tân", meetings: 1234, online: (100 * 152) / 180 },
  { name: "=cmd|' /C calc'!A0", meetings: null, online: null },
];

describe("table export", () => {
  it("writes CSV with a BOM, the shown rounding and neutralized text", () => {
    expect(tableToCsv(columns, rows)).toBe(
      "\uFEFFĐơn vị,Hội nghị,Tỷ lệ trực tuyến\r\nXã Trà Tân,1234,84.4\r\n'=cmd|' /C calc'!A0,,\r\n",
    );
  });

  it("writes XLSX with real numbers, percent format, frozen header and neutralized text", async () => {
    const bytes = await tableToXlsx(columns, rows, { title: "Quý II/2025", sheetName: "Bảng" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet("Bảng")!;
    expect(ws.getCell("A1").value).toBe("Quý II/2025");
    expect(ws.getRow(2).values).toEqual([undefined, "Đơn vị", "Hội nghị", "Tỷ lệ trực tuyến"]);
    expect(ws.getCell("B3").value).toBe(1234);
    expect(ws.getCell("B3").numFmt).toBe("#,##0");
    expect(ws.getCell("C3").value).toBeCloseTo(152 / 180, 12);
    expect(ws.getCell("C3").numFmt).toBe("0.0%");
    expect(ws.getCell("A4").value).toBe("'=cmd|' /C calc'!A0");
    expect(ws.getCell("B4").value).toBeNull();
    expect(ws.views[0]).toMatchObject({ state: "frozen", ySplit: 2 });
    expect(ws.getColumn(1).width).toBeGreaterThanOrEqual(12);
  });
});

describe("table export with numbers of their own kind", () => {
  // A table of indicators: a rate in one row, a count in the next, in the same column.
  const mixed: ExportColumn[] = [
    { key: "name", header: "Chỉ tiêu", kind: "text" },
    { key: "value", header: "=Xã Trà Tân", kind: "text" },
  ];
  const mixedRows: TypedExportRow[] = [
    { name: "Tỷ lệ trực tuyến", value: { value: (100 * 152) / 180, kind: "percent" } },
    { name: "Hội nghị", value: { value: 12, kind: "integer" } },
    { name: "Bình quân", value: { value: 12.25, kind: "number" } },
    { name: "Chưa báo cáo", value: { value: null, kind: "percent" } },
  ];

  it("writes each number as its kind in CSV", () => {
    expect(tableToCsv(mixed, mixedRows)).toBe(
      "\uFEFFChỉ tiêu,'=Xã Trà Tân\r\nTỷ lệ trực tuyến,84.4\r\nHội nghị,12\r\nBình quân,12.3\r\nChưa báo cáo,\r\n",
    );
  });

  it("gives each number its own format in XLSX, and neutralizes headers", async () => {
    const bytes = await tableToXlsx(mixed, mixedRows, { sheetName: "Bảng" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet("Bảng")!;
    expect(ws.getCell("B1").value).toBe("'=Xã Trà Tân");
    expect(ws.getCell("B2").value).toBeCloseTo(152 / 180, 12);
    expect(ws.getCell("B2").numFmt).toBe("0.0%");
    expect(ws.getCell("B3").value).toBe(12);
    expect(ws.getCell("B3").numFmt).toBe("#,##0");
    expect(ws.getCell("B4").value).toBe(12.25);
    expect(ws.getCell("B4").numFmt).toBe("#,##0.0");
    expect(ws.getCell("B5").value).toBeNull();
  });
});
