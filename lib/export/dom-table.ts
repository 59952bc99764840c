/**
 * An HTML table as it is shown, turned into export columns and rows (tableToCsv / tableToXlsx). The
 * browser part (app/_components/data-table/table-from-dom.ts) only reads the rendered cells into the
 * plain structure below; everything else — spans, numbers, kinds — is decided here, without a DOM.
 *
 * A cell is a number when its markup carries `data-export-value` (unrounded; percentages on the 0–100
 * scale; an empty attribute = no data) with `data-export-kind` integer | number | percent; otherwise it
 * is the text a reader sees, exported as text (and neutralized against formula injection by the writers).
 */
import type { ExportColumn, ExportColumnKind, TypedExportRow, TypedNumber } from "./table";

export interface TableCellInput {
  /** The visible text of the cell (screen-reader-only text left out), whitespace collapsed. */
  text: string;
  /** The `data-export-value` attribute, when the cell (or something in it) has one; "" = no data. */
  value?: string | null;
  /** The `data-export-kind` attribute beside it. */
  kind?: string | null;
  colSpan?: number;
  rowSpan?: number;
}

export interface TableInput {
  /** The rows of the table head, top to bottom (the last one names the columns). */
  head: TableCellInput[][];
  /** The shown rows of the body and the foot, in the order displayed. */
  body: TableCellInput[][];
}

export interface TableExport {
  columns: ExportColumn[];
  rows: TypedExportRow[];
}

type NumericKind = TypedNumber["kind"];
const NUMERIC_KINDS: readonly string[] = ["integer", "number", "percent"];

/** Up to what HTML itself allows, so a stray attribute cannot blow the grid up. */
const MAX_COLSPAN = 1000;
const MAX_ROWSPAN = 65534;

interface Slot {
  cell: TableCellInput;
  /** The cell's own first column (later columns of a colspan are padding). */
  firstColumn: boolean;
  /** The cell's own row (later rows of a rowspan repeat it). */
  firstRow: boolean;
}

function span(n: number | undefined, max: number): number {
  return n === undefined || !Number.isFinite(n) || n < 1 ? 1 : Math.min(Math.floor(n), max);
}

/**
 * The HTML table model for one row group: each cell takes the first free slot of its row and covers
 * colSpan × rowSpan slots, so a cell spanning rows above does not shift the cells after it. A rowspan
 * of 0 ("to the end of the group") and spans running past the group stop at its last row.
 */
export function layoutRows(rows: readonly (readonly TableCellInput[])[]): (Slot | undefined)[][] {
  const grid: (Slot | undefined)[][] = rows.map(() => []);
  rows.forEach((cells, r) => {
    let col = 0;
    for (const cell of cells) {
      while (grid[r][col]) col++;
      const cs = span(cell.colSpan, MAX_COLSPAN);
      const rs = cell.rowSpan === 0 ? rows.length - r : span(cell.rowSpan, MAX_ROWSPAN);
      for (let dr = 0; dr < rs && r + dr < rows.length; dr++) {
        for (let dc = 0; dc < cs; dc++) grid[r + dr][col + dc] = { cell, firstColumn: dc === 0, firstRow: dr === 0 };
      }
      col += cs;
    }
  });
  return grid;
}

type Parsed = { text: string } | { number: number | null; kind: NumericKind };

function parse(cell: TableCellInput): Parsed {
  if (cell.value !== undefined && cell.value !== null) {
    const kind: NumericKind = NUMERIC_KINDS.includes(cell.kind ?? "") ? (cell.kind as NumericKind) : "number";
    const raw = cell.value.trim();
    if (raw === "") return { number: null, kind };
    const n = Number(raw);
    if (Number.isFinite(n)) return { number: n, kind };
  }
  return { text: cell.text };
}

/**
 * Columns and rows of a table as shown. Header: the last head row (a header cell spanning columns names
 * each of them; no head at all gives empty headers). Body: every row, every column; a cell spanning rows
 * repeats in each (a row header over three rows labels all three), a cell spanning columns fills the
 * first and leaves the others empty, and a short row is padded.
 * A column whose numbers share one kind gets that kind; otherwise it is a text column and each number
 * carries its own kind (a table of indicators: a rate in one row, a count in the next).
 */
export function tableFromCells(input: TableInput): TableExport {
  const head = layoutRows(input.head);
  const body = layoutRows(input.body);
  const width = Math.max(0, ...head.map((r) => r.length), ...body.map((r) => r.length));
  const headerRow = head[head.length - 1] ?? [];
  const cells: Parsed[][] = body.map((row) =>
    Array.from({ length: width }, (_, c): Parsed => {
      const slot = row[c];
      if (!slot || !slot.firstColumn) return { text: "" };
      return parse(slot.cell);
    }),
  );

  const columns: ExportColumn[] = Array.from({ length: width }, (_, c) => {
    const kinds = new Set<NumericKind>();
    let hasText = false;
    for (const row of cells) {
      const p = row[c];
      if ("kind" in p) kinds.add(p.kind);
      else if (p.text !== "") hasText = true;
    }
    const kind: ExportColumnKind = !hasText && kinds.size === 1 ? [...kinds][0] : "text";
    return { key: `c${c}`, header: headerRow[c]?.cell.text ?? "", kind };
  });

  const rows: TypedExportRow[] = cells.map((row) => {
    const out: TypedExportRow = {};
    row.forEach((p, c) => {
      const key = `c${c}`;
      if ("text" in p) out[key] = p.text === "" ? null : p.text;
      else out[key] = columns[c].kind === p.kind ? p.number : { value: p.number, kind: p.kind };
    });
    return out;
  });
  return { columns, rows };
}
