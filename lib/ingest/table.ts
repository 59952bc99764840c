/**
 * Rows of a table (CSV or an Excel sheet) → records for the engine: finds the header row below any
 * title rows, maps its columns, skips empty rows, and turns each data row into a record.
 */
import { mapHeader, isHeaderRow, type HeaderMap } from "./columns";
import type { IngestEngine, RecordInput } from "./engine";
import { messages } from "./messages";
import { cellText, columnLetter, isBlank, type RawCell } from "./text";

/** Title rows tolerated above the header before giving up. */
const MAX_TITLE_ROWS = 50;

export class TableReader {
  header: HeaderMap | null = null;
  /** True once reading must stop (no header found, or a header without commune/period/elements). */
  stopped = false;
  private titleRows = 0;
  /** Whether any row had content at all: an all-blank input is "empty", not "headerless". */
  private sawContent = false;

  constructor(private readonly engine: IngestEngine) {}

  get layout(): "wide" | "long" | null {
    return this.header?.layout ?? null;
  }

  /**
   * Feed one row in file order.
   * @example reader.row(3, ["Mã xã", "Kỳ báo cáo", "meetings_held"]); reader.row(4, ["21115", "2025Q1", "12"])
   */
  row(line: number, cells: readonly RawCell[]): void {
    if (this.stopped) return;
    if (!this.header) {
      if (cells.every(isBlank)) return;
      this.sawContent = true;
      if (isHeaderRow(cells)) {
        this.header = mapHeader(cells, line, this.engine.sink);
        // Long layouts spread one commune-quarter over many rows: rules must wait for the end.
        this.engine.accumulate = this.header.layout === "long";
        this.stopped = !this.header.usable;
      } else if (++this.titleRows >= MAX_TITLE_ROWS) {
        this.fail();
      }
      return;
    }
    const { columns } = this.header;
    // Template rows with only a row number (STT) filled in count as empty.
    const meaningful = (i: number) => !isBlank(cells[i]) && columns[i]?.role.kind !== "ignore";
    if (!cells.some((_, i) => meaningful(i))) return;
    const rec: RecordInput = { line, items: [] };
    for (let i = 0; i < cells.length; i++) {
      const raw = cells[i];
      const col = columns[i];
      if (!col || col.role.kind === "blank") {
        if (!isBlank(raw)) {
          const column = col?.header ?? columnLetter(i);
          this.engine.sink.error({ line, column }, "unexpected_cell", cellText(raw), messages.unexpected_cell());
        }
        continue;
      }
      const ref = { raw, column: col.header };
      switch (col.role.kind) {
        case "code":
        case "name":
        case "period":
        case "year":
        case "quarter":
          rec[col.role.kind] = ref;
          break;
        case "element":
          rec.items.push({ element: col.role.element, column: col.header, raw });
          break;
        default:
          break;
      }
    }
    if (this.header.layout === "long") {
      const el = columns.find((c) => c.role.kind === "elementName")!;
      const val = columns.find((c) => c.role.kind === "value")!;
      rec.items.push({ elementText: cells[el.index], elementColumn: el.header, raw: cells[val.index] });
    }
    // Identity columns that exist but are empty in this row still name their column in errors.
    for (const c of columns) {
      const k = c.role.kind;
      if ((k === "code" || k === "name" || k === "period" || k === "year" || k === "quarter") && !rec[k])
        rec[k] = { raw: null, column: c.header };
    }
    this.engine.process(rec);
  }

  /** End of input: report a missing header or an empty table. */
  finish(): void {
    if (!this.header && !this.stopped && !this.sawContent) {
      this.engine.sink.error({ line: null, column: null }, "file_empty", null, messages.file_empty());
    } else if (!this.header && !this.stopped) this.fail();
    else if (this.header?.usable && this.engine.rowsRead === 0) {
      this.engine.sink.error({ line: null, column: null }, "no_rows", null, messages.no_rows());
    }
  }

  private fail(): void {
    this.engine.sink.error({ line: null, column: null }, "header_not_found", null, messages.header_not_found());
    this.stopped = true;
  }
}
