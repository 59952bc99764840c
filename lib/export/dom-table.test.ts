import { describe, expect, it } from "vitest";
import ExcelJS from "exceljs";
import { layoutRows, tableFromCells, type TableCellInput } from "./dom-table";
import { tableToCsv, tableToXlsx } from "./table";

const th = (text: string, more: Partial<TableCellInput> = {}): TableCellInput => ({ text, ...more });
const pct = (value: number | null, text: string): TableCellInput => ({
  text,
  value: value === null ? "" : String(value),
  kind: "percent",
});
const int = (value: number | null, text: string): TableCellInput => ({
  text,
  value: value === null ? "" : String(value),
  kind: "integer",
});

describe("tableFromCells (a table as shown → export columns and rows)", () => {
  it("names columns from the last head row and reads numbers from data-export-value, text otherwise", () => {
    const out = tableFromCells({
      head: [[th("Chỉ số", { colSpan: 3 })], [th("Xã"), th("Tỷ lệ trực tuyến"), th("Hội nghị")]],
      body: [
        [th("Xã Trà Tân"), pct(84.44444, "84,4 %"), int(12, "12")],
        [th("Xã Trà Bùi"), pct(null, "–"), int(null, "–")],
      ],
    });
    expect(out.columns).toEqual([
      { key: "c0", header: "Xã", kind: "text" },
      { key: "c1", header: "Tỷ lệ trực tuyến", kind: "percent" },
      { key: "c2", header: "Hội nghị", kind: "integer" },
    ]);
    expect(out.rows).toEqual([
      { c0: "Xã Trà Tân", c1: 84.44444, c2: 12 },
      { c0: "Xã Trà Bùi", c1: null, c2: null },
    ]);
    expect(tableToCsv(out.columns, out.rows)).toBe(
      "\uFEFFXã,Tỷ lệ trực tuyến,Hội nghị\r\nXã Trà Tân,84.4,12\r\nXã Trà Bùi,,\r\n",
    );
  });

  it("repeats a row header spanning rows, so the cells after it do not shift", () => {
    // The commune profile's trend table: the indicator over its three series.
    const out = tableFromCells({
      head: [[th("Chỉ tiêu"), th("Số liệu"), th("Quý I/2025"), th("Quý II/2025")]],
      body: [
        [th("Tỷ lệ trực tuyến", { rowSpan: 3 }), th("Xã Trà Tân"), pct(80, "80,0 %"), pct(90.05, "90,1 %")],
        [th("Huyện Trà Bồng"), pct(70, "70,0 %"), pct(75, "75,0 %")],
        [th("Mục tiêu"), pct(null, "–"), pct(85, "85,0 %")],
      ],
    });
    expect(out.columns.map((c) => c.kind)).toEqual(["text", "text", "percent", "percent"]);
    expect(out.rows).toEqual([
      { c0: "Tỷ lệ trực tuyến", c1: "Xã Trà Tân", c2: 80, c3: 90.05 },
      { c0: "Tỷ lệ trực tuyến", c1: "Huyện Trà Bồng", c2: 70, c3: 75 },
      { c0: "Tỷ lệ trực tuyến", c1: "Mục tiêu", c2: null, c3: 85 },
    ]);
  });

  it("pads the columns a cell spans, pads short rows, and repeats a header spanning columns", () => {
    const out = tableFromCells({
      head: [[th("Xã"), th("Cũ → mới", { colSpan: 2 })]],
      body: [
        [th("Không có dòng nào khớp", { colSpan: 3 })],
        [th("Xã Trà Tân"), int(1, "1")],
        [th("Xã Trà Bùi", { colSpan: 2 }), int(3, "3")],
      ],
    });
    expect(out.columns.map((c) => c.header)).toEqual(["Xã", "Cũ → mới", "Cũ → mới"]);
    expect(out.rows).toEqual([
      { c0: "Không có dòng nào khớp", c1: null, c2: null },
      { c0: "Xã Trà Tân", c1: 1, c2: null },
      { c0: "Xã Trà Bùi", c1: null, c2: 3 },
    ]);
  });

  it("keeps a column of mixed kinds as text, each number with its own kind", async () => {
    // The rank card: one row per indicator, rates and counts in the same column.
    const out = tableFromCells({
      head: [[th("Chỉ tiêu"), th("Xã Trà Tân"), th("Hạng")]],
      body: [
        [th("Tỷ lệ trực tuyến"), pct(84.44444, "84,4 % ✓ Đạt"), int(3, "3/16")],
        [th("Hội nghị"), { text: "12", value: "12", kind: "integer" }, int(1, "1/16")],
        [th("Bình quân"), { text: "12,3", value: "12.25", kind: "number" }, int(null, "–")],
      ],
    });
    expect(out.columns.map((c) => c.kind)).toEqual(["text", "text", "integer"]);
    expect(out.rows[0]).toEqual({ c0: "Tỷ lệ trực tuyến", c1: { value: 84.44444, kind: "percent" }, c2: 3 });
    expect(out.rows[1].c1).toEqual({ value: 12, kind: "integer" });
    expect(tableToCsv(out.columns, out.rows)).toBe(
      "\uFEFFChỉ tiêu,Xã Trà Tân,Hạng\r\nTỷ lệ trực tuyến,84.4,3\r\nHội nghị,12,1\r\nBình quân,12.3,\r\n",
    );
    const bytes = await tableToXlsx(out.columns, out.rows, { title: "Thứ hạng", sheetName: "thu-hang" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    const ws = wb.getWorksheet("thu-hang")!;
    expect(ws.getCell("B3").value).toBeCloseTo(0.8444444, 9);
    expect(ws.getCell("B3").numFmt).toBe("0.0%");
    expect(ws.getCell("B4").numFmt).toBe("#,##0");
    expect(ws.getCell("C3").value).toBe(3);
  });

  it("exports text as text: a number-looking text stays a string, a formula is neutralized", () => {
    const out = tableFromCells({
      head: [[th("Mã"), th("Tên")]],
      body: [
        [th("00004"), th('=HYPERLINK("http://x")')],
        [th("21136"), { text: "abc", value: "not a number", kind: "integer" }],
      ],
    });
    expect(out.columns.map((c) => c.kind)).toEqual(["text", "text"]);
    expect(out.rows[0]).toEqual({ c0: "00004", c1: '=HYPERLINK("http://x")' });
    expect(out.rows[1]).toEqual({ c0: "21136", c1: "abc" });
    expect(tableToCsv(out.columns, out.rows)).toBe(
      '\uFEFFMã,Tên\r\n00004,"\'=HYPERLINK(""http://x"")"\r\n21136,abc\r\n',
    );
  });

  it("treats an unknown kind as a number, and a table without a head as unnamed columns", () => {
    const out = tableFromCells({ head: [], body: [[th("a"), { text: "1,5", value: "1.5", kind: "weird" }]] });
    expect(out.columns).toEqual([
      { key: "c0", header: "", kind: "text" },
      { key: "c1", header: "", kind: "number" },
    ]);
    expect(out.rows).toEqual([{ c0: "a", c1: 1.5 }]);
  });

  it("an empty table has no columns and no rows", () => {
    expect(tableFromCells({ head: [], body: [] })).toEqual({ columns: [], rows: [] });
  });
});

describe("layoutRows", () => {
  it("places cells in the first free slot, rowspan 0 running to the end of the group", () => {
    const grid = layoutRows([
      [th("a", { rowSpan: 0 }), th("b", { colSpan: 2 })],
      [th("c"), th("d")],
      [th("e", { rowSpan: 5 }), th("f")],
    ]);
    expect(
      grid.map((r) => r.map((s) => (s ? `${s.cell.text}${s.firstColumn ? "" : "›"}${s.firstRow ? "" : "↓"}` : "·"))),
    ).toEqual([
      ["a", "b", "b›"],
      ["a↓", "c", "d"],
      ["a↓", "e", "f"],
    ]);
  });

  it("ignores nonsense spans", () => {
    const grid = layoutRows([[th("a", { colSpan: -3, rowSpan: Number.NaN }), th("b", { colSpan: 1e9 })]]);
    expect(grid[0].length).toBe(1 + 1000);
  });
});
