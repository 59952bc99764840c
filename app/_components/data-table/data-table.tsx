"use client";

import { useEffect, useId, useMemo, useRef, useState } from "react";
import { useTranslations } from "next-intl";
import {
  columnFilteringFeature,
  columnVisibilityFeature,
  createColumnHelper,
  createFilteredRowModel,
  createSortedRowModel,
  globalFilteringFeature,
  rowSortingFeature,
  tableFeatures,
  useTable,
  type SortingState,
} from "@tanstack/react-table";
import Link from "next/link";
import { FigureView } from "../ui/figure-view";
import { ExportButtons } from "./export-buttons";
import { foldName, hiddenFromParam, hiddenToParam, sortFromParam, sortToParam } from "./state";
import type { DataTableCell, DataTableColumn, DataTableRow, DataTableState } from "./types";
import { ScrollTable } from "../ui/scroll-table";

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  columnFilteringFeature,
  globalFilteringFeature,
  filteredRowModel: createFilteredRowModel(),
  columnVisibilityFeature,
});
const helper = createColumnHelper<typeof features, DataTableRow>();
const collator = new Intl.Collator("vi", { sensitivity: "base", numeric: true });
/** Rows on one page: a province's hundred communes stay quick to render and to read. */
export const PAGE_SIZE = 50;

/**
 * The generic table: sortable by any column (click or Enter on its header), filterable by name,
 * columns selectable, header kept in view while scrolling; "Tải CSV" / "Tải Excel" export exactly the
 * rows, columns and order on screen. Sorting, filter and hidden columns live in the address
 * (`urlState`), so a bookmark reopens the same table.
 */
export function DataTable({
  columns,
  rows,
  footer = [],
  caption,
  exportName,
  exportTitle,
  initialState = {},
  urlState = false,
  testId,
  rowNoun,
}: {
  columns: DataTableColumn[];
  rows: DataTableRow[];
  /** Rows kept below the others whatever the sort or filter (totals); exported last. */
  footer?: DataTableRow[];
  caption: string;
  /** File name without extension. */
  exportName: string;
  /** Title row of the Excel sheet. */
  exportTitle: string;
  initialState?: DataTableState;
  urlState?: boolean;
  testId?: string;
  /** What a row is, for the "16/16 xã" count. */
  rowNoun: string;
}) {
  const t = useTranslations("dashboard.table");
  const tStatus = useTranslations("status");
  const statusText = { meets: tStatus("meets"), near: tStatus("near"), below: tStatus("below") };
  const filterId = useId();
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const nameColumns = useMemo(() => new Set(columns.filter((c) => c.rowHeader).map((c) => c.id)), [columns]);

  const [sorting, setSorting] = useState<SortingState>(() => sortFromParam(initialState.sort, byId));
  const [globalFilter, setGlobalFilter] = useState<string>(initialState.q ?? "");
  const [columnVisibility, setColumnVisibility] = useState<Record<string, boolean>>(() =>
    hiddenFromParam(initialState.hide, columns),
  );

  const tableColumns = useMemo(
    () =>
      helper.columns(
        columns.map((c) =>
          helper.accessor((row: DataTableRow) => row.cells[c.id]?.value ?? undefined, {
            id: c.id,
            header: c.header,
            sortUndefined: "last",
            sortDescFirst: c.kind !== "text",
            enableHiding: !c.rowHeader,
            sortFn:
              c.kind === "text"
                ? (a, b, id) => collator.compare(String(a.getValue(id) ?? ""), String(b.getValue(id) ?? ""))
                : (a, b, id) => Number(a.getValue(id)) - Number(b.getValue(id)),
          }),
        ),
      ),
    [columns],
  );

  const table = useTable({
    features,
    columns: tableColumns,
    data: rows,
    getRowId: (r) => r.id,
    state: { sorting, globalFilter, columnVisibility },
    onSortingChange: setSorting,
    onGlobalFilterChange: setGlobalFilter,
    onColumnVisibilityChange: setColumnVisibility,
    enableMultiSort: false,
    getColumnCanGlobalFilter: (column) => nameColumns.has(column.id),
    globalFilterFn: (row, columnId, value) =>
      foldName(String(row.getValue(columnId) ?? "")).includes(foldName(String(value ?? ""))),
  });

  // Keep the address in step (replaceState: no reload, no history entry per keystroke).
  const first = useRef(true);
  useEffect(() => {
    if (!urlState) return;
    if (first.current) {
      first.current = false;
      return;
    }
    const url = new URL(window.location.href);
    const set = (k: string, v: string) => (v ? url.searchParams.set(k, v) : url.searchParams.delete(k));
    set("sort", sortToParam(sorting));
    set("q", globalFilter.trim());
    set("hide", hiddenToParam(columnVisibility, columns));
    window.history.replaceState(null, "", url);
  }, [urlState, sorting, globalFilter, columnVisibility, columns]);

  const visible = table.getVisibleLeafColumns();
  const bodyRows = table.getRowModel().rows;
  // Exports take every row that the sort and filter keep; the screen shows one page of them.
  const exportRows = () => [...bodyRows.map((r) => r.original), ...footer];
  const [page, setPage] = useState(0);
  const pages = Math.max(1, Math.ceil(bodyRows.length / PAGE_SIZE));
  const current = Math.min(page, pages - 1);
  const pageRows = bodyRows.slice(current * PAGE_SIZE, (current + 1) * PAGE_SIZE);

  return (
    <div className="data-table">
      <div className="table-toolbar">
        <div className="field">
          <label htmlFor={filterId}>{t("filterLabel")}</label>
          <input
            id={filterId}
            type="search"
            value={globalFilter}
            placeholder={t("filterPlaceholder")}
            onChange={(e) => {
              setGlobalFilter(e.target.value);
              setPage(0);
            }}
            autoComplete="off"
          />
        </div>
        <details className="column-menu">
          <summary>{t("columns")}</summary>
          <fieldset>
            <legend className="sr-only">{t("columnsLegend")}</legend>
            {table.getAllLeafColumns().map((col) => (
              <label key={col.id} className="check">
                <input
                  type="checkbox"
                  checked={col.getIsVisible()}
                  disabled={!col.getCanHide()}
                  onChange={col.getToggleVisibilityHandler()}
                />
                {byId.get(col.id)?.header}
              </label>
            ))}
          </fieldset>
        </details>
        <ExportButtons
          name={exportName}
          title={exportTitle}
          getTable={() => ({ columns: visible.map((c) => byId.get(c.id)!), rows: exportRows() })}
        />
      </div>
      <p className="muted table-count" aria-live="polite">
        {t("shown", { shown: bodyRows.length, total: rows.length, noun: rowNoun })}
      </p>
      <ScrollTable label={caption} className="table-scroll">
        <table className="data heat-table" data-testid={testId}>
          <caption>{caption}</caption>
          <thead>
            <tr>
              {visible.map((col) => {
                const def = byId.get(col.id)!;
                const dir = col.getIsSorted();
                return (
                  // oxlint-disable-next-line jsx-a11y/control-has-associated-label -- labelled by its sort button's text
                  <th
                    key={col.id}
                    scope="col"
                    className={`${def.kind === "text" ? "" : "num"}${def.rowHeader ? " sticky-col" : ""}`}
                    aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
                  >
                    <button
                      type="button"
                      className="sort-button"
                      onClick={col.getToggleSortingHandler()}
                      data-column={col.id}
                    >
                      <span className="th-label">{def.header}</span>
                      <span aria-hidden="true" className="sort-icon">
                        {dir === "asc" ? "▲" : dir === "desc" ? "▼" : "↕"}
                      </span>
                      <span className="sr-only">
                        {dir ? t(dir === "asc" ? "sortedAsc" : "sortedDesc") : t("sortable")}
                      </span>
                    </button>
                  </th>
                );
              })}
            </tr>
          </thead>
          <tbody>
            {pageRows.map((row) => (
              <BodyRow
                key={row.id}
                row={row.original}
                columns={visible.map((c) => byId.get(c.id)!)}
                statusText={statusText}
              />
            ))}
            {bodyRows.length === 0 && (
              <tr>
                <td colSpan={visible.length} className="muted">
                  {t("noMatch", { q: globalFilter })}
                </td>
              </tr>
            )}
          </tbody>
          {footer.length > 0 && (
            <tfoot>
              {footer.map((r) => (
                <BodyRow key={r.id} row={r} columns={visible.map((c) => byId.get(c.id)!)} statusText={statusText} />
              ))}
            </tfoot>
          )}
        </table>
      </ScrollTable>
      {pages > 1 && (
        <nav className="pager" aria-label={t("pager")}>
          <button type="button" onClick={() => setPage(current - 1)} disabled={current === 0}>
            {t("previousPage")}
          </button>
          <span aria-live="polite">{t("pageOf", { page: current + 1, pages })}</span>
          <button type="button" onClick={() => setPage(current + 1)} disabled={current >= pages - 1}>
            {t("nextPage")}
          </button>
        </nav>
      )}
    </div>
  );
}

function BodyRow({
  row,
  columns,
  statusText,
}: {
  row: DataTableRow;
  columns: DataTableColumn[];
  statusText: Record<"meets" | "near" | "below", string>;
}) {
  return (
    <tr data-unit-code={row.unitCode}>
      {columns.map((c) => {
        const cell = row.cells[c.id];
        if (c.rowHeader) {
          return (
            <th key={c.id} scope="row" className="sticky-col">
              <CellContent cell={cell} testId={cell?.testId ?? c.cellTestId} statusText={statusText} />
            </th>
          );
        }
        const heat = cell?.status ? ` heat heat-${cell.status}` : "";
        return (
          <td key={c.id} className={`${c.kind === "text" ? "" : "num"}${heat}`}>
            <CellContent cell={cell} testId={cell?.testId ?? c.cellTestId} statusText={statusText} />
          </td>
        );
      })}
    </tr>
  );
}

function CellContent({
  cell,
  testId,
  statusText,
}: {
  cell: DataTableCell | undefined;
  testId: string | undefined;
  statusText: Record<"meets" | "near" | "below", string>;
}) {
  if (!cell) return <>–</>;
  const body = cell.explanation ? (
    <FigureView
      text={cell.text}
      explanation={cell.explanation}
      testId={testId}
      status={cell.status}
      statusText={statusText}
      flags={cell.flags}
    />
  ) : cell.href ? (
    <Link href={cell.href}>{cell.text}</Link>
  ) : (
    <span data-testid={testId}>{cell.text}</span>
  );
  return (
    <>
      {body}
      {cell.note && <span className="cell-note">{cell.note}</span>}
    </>
  );
}
