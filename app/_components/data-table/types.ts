/**
 * What a server page hands the generic table (plain data, so it crosses to the client): columns that
 * say what their cells are (for sorting and exports), and rows of pre-formatted cells.
 */
import type { ExportColumnKind } from "@/lib/export/table";
import type { Status } from "@/lib/indicators/compute";
import type { FigureFlag } from "../ui/figure-view";

export interface DataTableColumn {
  id: string;
  header: string;
  /** What the cells hold: text sorts alphabetically (Vietnamese order), the others numerically. */
  kind: ExportColumnKind;
  /** The row's name: a row header, kept at the left while scrolling sideways; the name filter searches it. */
  rowHeader?: boolean;
  /** Hidden until chosen in the column menu. */
  hidden?: boolean;
  /** The data-testid of every figure in the column, said once here rather than in each of its cells. */
  cellTestId?: string;
}

export interface DataTableCell {
  /** The value sorted on and exported (unrounded; percentages on the 0–100 scale); null = no data. */
  value: string | number | null;
  /** What the cell shows ("84,4 %", "–"). */
  text: string;
  /** How the figure was computed, shown on hover and focus. Absent fields (no status, no flags) are left out, so the rows crossing to the browser stay small. */
  explanation?: string;
  status?: Status | null;
  /** Marks for an incomplete figure or a rate above 100 %, with their reasons. */
  flags?: FigureFlag[];
  testId?: string;
  href?: string;
  /** A short remark after the text (e.g. "not reported"). */
  note?: string;
}

export interface DataTableRow {
  id: string;
  /** Value of the row's data-unit-code attribute (end-to-end tests find rows by it). */
  unitCode?: string;
  cells: Record<string, DataTableCell>;
}

/** Sorting, name filter and hidden columns: the table's state, kept in the address. */
export interface DataTableState {
  sort?: string;
  q?: string;
  hide?: string;
}
