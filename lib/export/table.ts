/**
 * Any table on screen as CSV or XLSX, with exactly the columns, rows and order shown. Columns say what
 * their cells are, so XLSX gets real numbers (percentages as numbers formatted 0.0%), and text cells
 * from data are neutralized against formula injection in both formats.
 */
import { csvLine, neutralizeCell, type CsvCell } from "./csv";
import { roundHalfUp } from "../format";

export type ExportColumnKind = "text" | "integer" | "number" | "percent";

export interface ExportColumn {
  key: string;
  header: string;
  kind: ExportColumnKind;
}

/** A row's cells by column key. Percent cells are on the 0–100 scale (84.4 = 84.4 %); null = no data. */
export type ExportRow = Record<string, string | number | null | undefined>;

function csvValue(kind: ExportColumnKind, v: string | number | null | undefined): CsvCell {
  if (v === null || v === undefined || v === "") return "";
  if (typeof v === "string") return v;
  if (kind === "integer") return Math.round(v);
  // What the screen shows: one decimal, rounded half up.
  return roundHalfUp(v, 1);
}

/**
 * CSV: UTF-8 with BOM, CRLF; numbers with a point as decimal separator (machine-readable), text neutralized.
 * @example tableToCsv([{ key: "name", header: "Đơn vị", kind: "text" }, { key: "rate", header: "Tỷ lệ (%)", kind: "percent" }], [{ name: "Xã Trà Tân", rate: 84.444 }])
 *   → "\uFEFFĐơn vị,Tỷ lệ (%)\r\nXã Trà Tân,84.4\r\n"
 */
export function tableToCsv(columns: readonly ExportColumn[], rows: readonly ExportRow[]): string {
  let out = "\uFEFF" + csvLine(columns.map((c) => c.header));
  for (const r of rows) out += csvLine(columns.map((c) => csvValue(c.kind, r[c.key])));
  return out;
}

const NUMBER_FORMAT: Record<ExportColumnKind, string | undefined> = {
  text: "@",
  integer: "#,##0",
  number: "#,##0.0",
  percent: "0.0%",
};

export interface XlsxOptions {
  sheetName?: string;
  /** A title row above the header (e.g. the scope and period). */
  title?: string;
}

function displayWidth(v: unknown): number {
  return String(v ?? "").length;
}

/**
 * XLSX: real numbers with number formats (Excel shows them with the reader's own separators: 84,4 % in
 * Vietnamese Excel), percentages stored as fractions, header bold and frozen, widths fitted.
 * exceljs is loaded on demand so pages that never export do not carry it.
 */
export async function tableToXlsx(columns: readonly ExportColumn[], rows: readonly ExportRow[], options: XlsxOptions = {}): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0); // deterministic files: the same table gives the same bytes' content
  const ws = wb.addWorksheet((options.sheetName ?? "Sheet1").slice(0, 31));
  let headerRow = 1;
  if (options.title) {
    ws.addRow([neutralizeCell(options.title)]).font = { bold: true, size: 13 };
    headerRow = 2;
  }
  const header = ws.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  for (const r of rows) {
    ws.addRow(
      columns.map((c) => {
        const v = r[c.key];
        if (v === null || v === undefined || v === "") return null;
        if (typeof v === "string") return neutralizeCell(v);
        return c.kind === "percent" ? v / 100 : v;
      }),
    );
  }
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    const fmt = NUMBER_FORMAT[c.kind];
    if (fmt && c.kind !== "text") col.numFmt = fmt;
    const widest = Math.max(displayWidth(c.header), ...rows.map((r) => displayWidth(typeof r[c.key] === "number" ? roundHalfUp(r[c.key] as number, 1) : r[c.key])));
    col.width = Math.min(Math.max(widest + 2, 8), 60);
  });
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
