/**
 * A thin row-by-row layer over exceljs's streaming worksheet writer: rows are written in order and
 * committed as soon as they are complete, so a national table (10,000 communes) never sits in memory
 * as exceljs cell objects. Styles are shared objects: exceljs then resolves each one once.
 */
import ExcelJS from "exceljs";
import { neutralizeCell } from "./csv";

/**
 * exceljs 4's streaming writer hands its XML parts to archiver 5 as strings, and archiver-utils 2 turns
 * strings into bytes with the deprecated `new Buffer()` (DEP0005 in the server log at every export; its
 * successors do not accept exceljs's streams). Strings are handed over as Buffers instead: the writer's
 * `zip` is wrapped as the constructor assigns it, before it appends anything.
 */
function handStringsAsBuffers(): void {
  const proto = ExcelJS.stream.xlsx.WorkbookWriter.prototype as object;
  if (Object.getOwnPropertyDescriptor(proto, "zip")) return;
  const ZIP = Symbol("zip");
  type Zip = { append: (source: unknown, data: unknown) => unknown };
  Object.defineProperty(proto, "zip", {
    configurable: true,
    get(this: { [ZIP]?: Zip }) {
      return this[ZIP];
    },
    set(this: { [ZIP]?: Zip }, zip: Zip) {
      const append = zip.append.bind(zip);
      zip.append = (source, data) => append(typeof source === "string" ? Buffer.from(source, "utf8") : source, data);
      this[ZIP] = zip;
    },
  });
}

/** exceljs's streaming workbook writer, handing archiver Buffers (see handStringsAsBuffers). */
export function streamingWorkbook(
  options: Partial<ExcelJS.stream.xlsx.WorkbookStreamWriterOptions>,
): ExcelJS.stream.xlsx.WorkbookWriter {
  handStringsAsBuffers();
  return new ExcelJS.stream.xlsx.WorkbookWriter(options);
}

export type Style = Partial<ExcelJS.Style>;
export type CellValue = string | number | Date | null | undefined;

export interface Put {
  /** 1-based column. */
  col: number;
  value: CellValue;
  style: Style;
  /** Merge rightwards up to this column (inclusive). */
  to?: number;
  /** Merge downwards over this many rows (1 = this row only). */
  rows?: number;
  /** Text written by us from its first character (a "- " bullet): not neutralized. Anything else is. */
  trusted?: boolean;
}

const FONT = "Times New Roman";
const thin = { style: "thin" } as const;
const box = { top: thin, left: thin, bottom: thin, right: thin };
const center = { horizontal: "center", vertical: "middle", wrapText: true } as const;
const f = (o: Partial<ExcelJS.Font> = {}): Partial<ExcelJS.Font> => ({ name: FONT, size: 12, ...o });

/** Every style the exports use, created once. */
export const S = {
  issuer: { font: f({ bold: true }), alignment: center },
  nation: { font: f({ bold: true }), alignment: center },
  motto: { font: f({ bold: true, underline: true }), alignment: center },
  dateLine: { font: f({ italic: true }), alignment: center },
  title: { font: f({ bold: true, size: 14 }), alignment: center },
  subtitle: { font: f({ italic: true }), alignment: center },
  head: {
    font: f({ bold: true, size: 11 }),
    alignment: center,
    border: box,
    fill: { type: "pattern", pattern: "solid", fgColor: { argb: "FFEEF1F4" } },
  },
  headNo: { font: f({ italic: true, size: 10 }), alignment: center, border: box },
  text: { font: f(), alignment: { vertical: "middle" }, border: box },
  code: { font: f(), alignment: { horizontal: "center", vertical: "middle" }, border: box, numFmt: "@" },
  int: { font: f(), alignment: { horizontal: "right", vertical: "middle" }, border: box, numFmt: "#,##0" },
  pct: { font: f(), alignment: { horizontal: "right", vertical: "middle" }, border: box, numFmt: "0.0%" },
  date: { font: f(), alignment: { horizontal: "center", vertical: "middle" }, border: box, numFmt: "dd/mm/yyyy" },
  dateTime: {
    font: f(),
    alignment: { horizontal: "center", vertical: "middle" },
    border: box,
    numFmt: "dd/mm/yyyy hh:mm",
  },
  none: { font: f(), alignment: { horizontal: "right", vertical: "middle" }, border: box },
  totalText: { font: f({ bold: true }), alignment: { vertical: "middle" }, border: box },
  totalCode: {
    font: f({ bold: true }),
    alignment: { horizontal: "center", vertical: "middle" },
    border: box,
    numFmt: "@",
  },
  totalInt: {
    font: f({ bold: true }),
    alignment: { horizontal: "right", vertical: "middle" },
    border: box,
    numFmt: "#,##0",
  },
  totalPct: {
    font: f({ bold: true }),
    alignment: { horizontal: "right", vertical: "middle" },
    border: box,
    numFmt: "0.0%",
  },
  totalNone: { font: f({ bold: true }), alignment: { horizontal: "right", vertical: "middle" }, border: box },
  noteHead: { font: f({ bold: true, size: 11 }), alignment: { vertical: "top", wrapText: true } },
  note: { font: f({ size: 11 }), alignment: { vertical: "top", wrapText: true } },
  signTitle: { font: f({ bold: true }), alignment: center },
  signHint: { font: f({ italic: true }), alignment: center },
} satisfies Record<string, Style>;

export { NO_DATA } from "./summary-text";

/** A4 landscape's printable width between the margins below (0.5 and 0.4 inch), in Excel's 96-per-inch pixels: 1036. */
export const PRINTABLE_PX = Math.floor((297 / 25.4 - 0.5 - 0.4) * 96);
/** Excel measures column widths in digits of the workbook's default font (Calibri 11: 7 pixels each). */
export const columnPx = (width: number) => Math.round(width * 7);
/** The smallest font on any sheet (column numbers, the footer), and the smallest size it may print at. */
export const SMALLEST_FONT_PT = 10;
export const MIN_PRINTED_PT = 8;
/** The lowest print scale (percent) that keeps SMALLEST_FONT_PT at MIN_PRINTED_PT or more: 80. */
export const MIN_SCALE = Math.ceil((100 * MIN_PRINTED_PT) / SMALLEST_FONT_PT);

/**
 * How a sheet prints: the scale that fits its columns on one page width, but never below MIN_SCALE (text
 * stays ≥ 8 pt); wider sheets continue on further pages, each starting with the `repeat` identity columns.
 * `pages` lists the 1-based columns each page shows besides the repeated ones (as Excel breaks them).
 * @example printPlan([5, 10, 20, 12, 12], 3) → { scale: 100, pages: [[1, 2, 3, 4, 5]], repeat: 3 }
 */
export interface PrintPlan {
  scale: number;
  pages: number[][];
  repeat: number;
}

export function printPlan(widths: readonly number[], repeat: number): PrintPlan {
  const px = widths.map(columnPx);
  const total = px.reduce((a, b) => a + b, 0);
  const scale = Math.max(MIN_SCALE, Math.min(100, Math.floor((100 * PRINTABLE_PX) / total)));
  const room = (PRINTABLE_PX * 100) / scale;
  const repeated = px.slice(0, repeat).reduce((a, b) => a + b, 0);
  const pages: number[][] = [[]];
  let used = 0;
  px.forEach((w, i) => {
    const page = pages[pages.length - 1];
    if (page.length > 0 && used + w > room) {
      pages.push([i + 1]);
      used = repeated + w;
    } else {
      page.push(i + 1);
      used += w;
    }
  });
  return { scale, pages, repeat };
}

/** Print setup shared by every sheet: A4 landscape at the plan's scale, header rows (and identity columns) repeated. */
export function pageSetup(printTitlesRow: string | undefined, plan: PrintPlan): Partial<ExcelJS.PageSetup> {
  const repeatColumns =
    plan.pages.length > 1 && plan.repeat > 0 ? `A:${String.fromCharCode(64 + plan.repeat)}` : undefined;
  return {
    paperSize: 9,
    orientation: "landscape",
    fitToPage: false,
    scale: plan.scale,
    horizontalCentered: true,
    margins: { left: 0.5, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 },
    ...(printTitlesRow ? { printTitlesRow } : {}),
    ...(repeatColumns ? { printTitlesColumn: repeatColumns } : {}),
  };
}

export const FOOTER = { oddFooter: '&C&"Times New Roman"&10Trang &P/&N' };

/** Display width of a text in Excel's character units (NFC, so a Vietnamese letter counts once). */
export function textWidth(s: string): number {
  return [...s.normalize("NFC")].length;
}

/**
 * A column width as exceljs writes it: 9 is its "default" and would be dropped from the file (Excel then
 * uses 8.43), so it is nudged.
 */
export function columnWidth(w: number): number {
  const r = Math.round(w * 10) / 10;
  return r === 9 ? 9.2 : r;
}

/** Rows needed to show `text` wrapped in `width` characters. */
export function linesFor(text: string, width: number): number {
  return text.split("\n").reduce((n, line) => n + Math.max(1, Math.ceil(textWidth(line) / Math.max(width - 1, 1))), 0);
}

/** Row-by-row writer over one streaming worksheet. */
export class SheetWriter {
  private next = 1;
  constructor(readonly ws: ExcelJS.Worksheet) {}

  /** Write one row (text is neutralized against formula injection unless `trusted`) and commit it. */
  row(puts: readonly Put[], height?: number): number {
    if (puts.some((p) => (p.rows ?? 1) > 1)) throw new Error(`Use block() for cells spanning rows (row ${this.next})`);
    const n = this.next++;
    this.place(n, puts, height);
    for (const p of puts) {
      if (p.to && p.to > p.col) this.ws.mergeCells(n, p.col, n, p.to);
      this.styleRange(n, p.col, n, p.to ?? p.col, p.style);
    }
    this.ws.getRow(n).commit();
    return n;
  }

  /** Several rows written together (for cells merged downwards), then committed. */
  block(rows: readonly { puts: readonly Put[]; height?: number }[]): void {
    const first = this.next;
    this.next += rows.length;
    rows.forEach((r, i) => this.place(first + i, r.puts, r.height));
    for (const [i, r] of rows.entries()) {
      for (const p of r.puts) {
        const bottom = first + i + (p.rows ?? 1) - 1;
        const right = p.to ?? p.col;
        if (bottom > first + i || right > p.col) this.ws.mergeCells(first + i, p.col, bottom, right);
        this.styleRange(first + i, p.col, bottom, right, p.style);
      }
    }
    for (let i = 0; i < rows.length; i++) this.ws.getRow(first + i).commit();
  }

  /** An empty row of the given height. */
  gap(height?: number): void {
    this.row([], height);
  }

  private place(n: number, puts: readonly Put[], height?: number): void {
    const row = this.ws.getRow(n);
    if (height) row.height = height;
    for (const p of puts) {
      const v = p.value;
      row.getCell(p.col).value = typeof v === "string" && !p.trusted ? neutralizeCell(v) : (v ?? null);
    }
  }

  private styleRange(top: number, left: number, bottom: number, right: number, style: Style): void {
    for (let r = top; r <= bottom; r++) for (let c = left; c <= right; c++) this.ws.getRow(r).getCell(c).style = style;
  }
}
