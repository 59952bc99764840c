/**
 * Excel (.xlsx) → rows, streamed with exceljs's WorkbookReader so a large workbook is never held in
 * memory whole. Row numbers are Excel's own, so errors point at the row the user sees.
 */
import { Readable } from "node:stream";
import ExcelJS from "exceljs";
import { messages } from "./messages";
import type { IssueSink } from "./issues";
import { fold, nfc, type RawCell } from "./text";

export interface SheetRow {
  /** Excel row number. */
  line: number;
  cells: RawCell[];
}

interface SheetInfo {
  name: string;
  state?: string;
}
interface StreamedSheet extends AsyncIterable<{ number: number; values: unknown[] | Record<string, unknown> }> {
  name?: string;
}
interface StreamedBook extends AsyncIterable<StreamedSheet> {
  model?: { sheets?: SheetInfo[] };
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

function toNodeStream(chunks: AsyncIterable<Uint8Array>): Readable {
  return Readable.from(
    (async function* () {
      for await (const c of chunks) yield Buffer.from(c.buffer, c.byteOffset, c.byteLength);
    })(),
    { objectMode: false },
  );
}

/** Pick the sheet: the named one (case and diacritics aside), else the first visible one in tab order. */
function isTarget(sheet: StreamedSheet, book: StreamedBook, wanted: string | undefined, firstSeen: boolean): boolean {
  if (wanted !== undefined) return sheet.name !== undefined && fold(sheet.name) === fold(wanted);
  const first = book.model?.sheets?.find((s) => s.state !== "hidden" && s.state !== "veryHidden");
  // Without the workbook's sheet list (workbook.xml stored after the sheets) take the first sheet in the file.
  return first ? sheet.name === first.name : firstSeen;
}

/**
 * Stream the rows of one sheet. Problems opening the workbook or finding the sheet are reported to
 * `sink` and end the stream.
 * @example for await (const row of xlsxRows(chunks, undefined, sink)) console.log(row.line, row.cells)
 */
export async function* xlsxRows(chunks: AsyncIterable<Uint8Array>, sheetName: string | undefined, sink: IssueSink): AsyncGenerator<SheetRow> {
  const book = new ExcelJS.stream.xlsx.WorkbookReader(toNodeStream(chunks), {
    worksheets: "emit",
    sharedStrings: "cache",
    hyperlinks: "ignore",
    styles: "ignore",
    entries: "ignore",
  }) as unknown as StreamedBook;
  let found = false;
  let firstSeen = true;
  try {
    for await (const sheet of book) {
      if (!isTarget(sheet, book, sheetName, firstSeen)) {
        firstSeen = false;
        continue;
      }
      found = true;
      for await (const row of sheet) {
        const values = Array.isArray(row.values) ? row.values : [];
        const cells: RawCell[] = [];
        for (let i = 1; i < values.length; i++) cells.push(cellValue(values[i]));
        yield { line: row.number, cells };
      }
      break;
    }
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    sink.error({ line: null, column: null }, "xlsx_invalid", null, messages.xlsx_invalid({ detail }));
    return;
  }
  if (!found) {
    const available = (book.model?.sheets ?? []).map((s) => s.name);
    if (sheetName !== undefined) sink.error({ line: null, column: null }, "sheet_not_found", sheetName, messages.sheet_not_found({ sheet: sheetName, available }));
    else sink.error({ line: null, column: null }, "xlsx_invalid", null, messages.xlsx_invalid({ detail: null }));
  }
}
