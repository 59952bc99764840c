/**
 * Excel (.xlsx) → rows, read with exceljs (the whole workbook, bounded by the upload size limit). Row
 * numbers are Excel's own, so errors point at the row the user sees.
 */
import ExcelJS from "exceljs";
import { messages } from "./messages";
import type { IssueSink } from "./issues";
import { fold, nfc, type RawCell } from "./text";

export interface SheetRow {
  /** Excel row number. */
  line: number;
  cells: RawCell[];
}


/**
 * One Excel cell value → a plain cell: rich text joined, formulas by their cached result,
 * hyperlinks by their text, error values (#DIV/0!) as text so they fail as "not a number".
 * @example cellValue({ richText: [{ text: "2025" }, { text: "Q1" }] }) → "2025Q1"; cellValue({ formula: "A1+1", result: 3 }) → 3
 */
export function cellValue(v: unknown): RawCell {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return nfc(v);
  if (typeof v === "number" || typeof v === "boolean" || v instanceof Date) return v;
  if (typeof v === "object") {
    const o = v as Record<string, unknown>;
    if (Array.isArray(o.richText)) return nfc(o.richText.map((r: { text?: string }) => r.text ?? "").join(""));
    if ("formula" in o || "sharedFormula" in o) return o.result === undefined ? `=${String(o.formula ?? o.sharedFormula)}` : cellValue(o.result);
    if ("error" in o) return String(o.error);
    if ("text" in o) return cellValue(o.text);
  }
  return String(v);
}


/**
 * Rows of one sheet: the named one (case and diacritics aside), else the first visible one in tab order.
 * The workbook is read whole (uploads are bounded by the size limit): exceljs's streaming reader decided
 * which sheet came first by the order its parts happened to be parsed, so a two-sheet file did not always
 * give the same sheet. Problems opening the workbook or finding the sheet are reported to `sink`.
 * @example for await (const row of xlsxRows(chunks, undefined, sink)) console.log(row.line, row.cells)
 */
export async function* xlsxRows(chunks: AsyncIterable<Uint8Array>, sheetName: string | undefined, sink: IssueSink): AsyncGenerator<SheetRow> {
  const parts: Buffer[] = [];
  for await (const c of chunks) parts.push(Buffer.from(c.buffer, c.byteOffset, c.byteLength));
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(Buffer.concat(parts) as unknown as ArrayBuffer);
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    sink.error({ line: null, column: null }, "xlsx_invalid", null, messages.xlsx_invalid({ detail }));
    return;
  }
  const sheets = book.worksheets;
  const sheet =
    sheetName !== undefined
      ? sheets.find((s) => fold(s.name) === fold(sheetName))
      : sheets.find((s) => s.state !== "hidden" && s.state !== "veryHidden");
  if (!sheet) {
    if (sheetName !== undefined) sink.error({ line: null, column: null }, "sheet_not_found", sheetName, messages.sheet_not_found({ sheet: sheetName, available: sheets.map((s) => s.name) }));
    else sink.error({ line: null, column: null }, "xlsx_invalid", null, messages.xlsx_invalid({ detail: null }));
    return;
  }
  const rows: SheetRow[] = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const values = Array.isArray(row.values) ? row.values : [];
    const cells: RawCell[] = [];
    for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
    rows.push({ line: row.number, cells });
  });
  yield* rows;
}
