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

/**
 * A number whose kind differs from its column's (a table whose rows are indicators of different kinds:
 * a rate in one row, a count in the next).
 */
export interface TypedNumber {
  value: number | null;
  kind: Exclude<ExportColumnKind, "text">;
}

export type ExportCell = string | number | null | undefined | TypedNumber;

/** An ExportRow whose numbers may carry their own kind. */
export type TypedExportRow = Record<string, ExportCell>;

/** The cell as a plain value and the kind it is written with. */
function resolve(
  columnKind: ExportColumnKind,
  cell: ExportCell,
): { kind: ExportColumnKind; v: string | number | null } {
  if (cell === null || cell === undefined || cell === "") return { kind: columnKind, v: null };
  if (typeof cell === "object")
    return { kind: cell.kind, v: cell.value !== null && Number.isFinite(cell.value) ? cell.value : null };
  if (typeof cell === "number" && !Number.isFinite(cell)) return { kind: columnKind, v: null };
  return { kind: columnKind, v: cell };
}

function csvValue(columnKind: ExportColumnKind, cell: ExportCell): CsvCell {
  const { kind, v } = resolve(columnKind, cell);
  if (v === null) return "";
  if (typeof v === "string") return v;
  if (kind === "integer") return Math.round(v);
  // What the screen shows: one decimal, rounded half up.
  return roundHalfUp(v, 1);
}

/**
 * CSV: UTF-8 with BOM, CRLF; numbers with a point as decimal separator (machine-readable), text neutralized.
 * @example tableToCsv([{ key: "name", header: "Đơn vị", kind: "text" }, { key: "rate", header: "Tỷ lệ (%)", kind:
 * "percent" }], [{ name: "Xã Trà Tân", rate: 84.444 }])
 *   → "\uFEFFĐơn vị,Tỷ lệ (%)\r\nXã Trà Tân,84.4\r\n"
 */
export function tableToCsv(columns: readonly ExportColumn[], rows: readonly TypedExportRow[]): string {
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
export async function tableToXlsx(
  columns: readonly ExportColumn[],
  rows: readonly TypedExportRow[],
  options: XlsxOptions = {},
): Promise<Uint8Array> {
  const { default: ExcelJS } = await import("exceljs");
  const wb = new ExcelJS.Workbook();
  wb.created = new Date(0); // deterministic files: the same table gives the same bytes' content
  const ws = wb.addWorksheet((options.sheetName ?? "Sheet1").slice(0, 31));
  let headerRow = 1;
  if (options.title) {
    ws.addRow([neutralizeCell(options.title)]).font = { bold: true, size: 13 };
    headerRow = 2;
  }
  // Headers may be data too (a commune's name heading its column).
  const header = ws.addRow(columns.map((c) => neutralizeCell(c.header)));
  header.font = { bold: true };
  header.alignment = { vertical: "middle", wrapText: true };
  const added = rows.map((r) =>
    ws.addRow(
      columns.map((c) => {
        const { kind, v } = resolve(c.kind, r[c.key]);
        if (v === null) return null;
        if (typeof v === "string") return neutralizeCell(v);
        return kind === "percent" ? v / 100 : v;
      }),
    ),
  );
  columns.forEach((c, i) => {
    const col = ws.getColumn(i + 1);
    const fmt = NUMBER_FORMAT[c.kind];
    if (fmt && c.kind !== "text") col.numFmt = fmt;
    const widest = Math.max(
      displayWidth(c.header),
      ...rows.map((r) => {
        const { v } = resolve(c.kind, r[c.key]);
        return displayWidth(typeof v === "number" ? roundHalfUp(v, 1) : v);
      }),
    );
    col.width = Math.min(Math.max(widest + 2, 8), 60);
  });
  // A number of another kind than its column's keeps its own format (after the columns', which would overwrite it).
  rows.forEach((r, ri) =>
    columns.forEach((c, i) => {
      const cell = r[c.key];
      if (cell !== null && typeof cell === "object" && cell.kind !== c.kind)
        added[ri].getCell(i + 1).numFmt = NUMBER_FORMAT[cell.kind]!;
    }),
  );
  ws.views = [{ state: "frozen", ySplit: headerRow }];
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
