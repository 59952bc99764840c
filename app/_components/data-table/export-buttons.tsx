"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ExportColumn, TypedExportRow } from "@/lib/export/table";
import type { DataTableColumn, DataTableRow } from "./types";
import { downloadBlob } from "../download";

/** What a download writes: the columns and rows of the table as shown. */
export interface TableDownload {
  columns: ExportColumn[];
  rows: TypedExportRow[];
}

/**
 * "Tải CSV" / "Tải Excel" for any table: `getTable` is called on click (so it sees the table as it is
 * then) and lib/export/table (and exceljs within it) is imported only then, so neither weighs on the
 * page's first load. `label` names the pair for screen readers when a page has several tables.
 */
export function DownloadButtons({
  name,
  title,
  label,
  getTable,
}: {
  name: string;
  title: string;
  label?: string;
  getTable: () => TableDownload;
}) {
  const t = useTranslations("dashboard.table");
  const [busy, setBusy] = useState<"csv" | "xlsx" | null>(null);
  const [error, setError] = useState(false);
  const run = async (format: "csv" | "xlsx") => {
    setBusy(format);
    setError(false);
    try {
      // Read the table before anything is awaited: the file is what was on screen at the click.
      const { columns, rows } = getTable();
      const { tableToCsv, tableToXlsx } = await import("@/lib/export/table");
      if (format === "csv") {
        downloadBlob(new Blob([tableToCsv(columns, rows)], { type: "text/csv;charset=utf-8" }), `${name}.csv`);
      } else {
        const bytes = await tableToXlsx(columns, rows, { title, sheetName: name });
        downloadBlob(
          new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }),
          `${name}.xlsx`,
        );
      }
    } catch (e) {
      console.error("table export failed", e);
      setError(true);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="export-buttons" role={label ? "group" : undefined} aria-label={label}>
      <button type="button" className="secondary" onClick={() => run("csv")} disabled={busy !== null}>
        {busy === "csv" ? t("exporting") : t("csv")}
      </button>
      <button type="button" className="secondary" onClick={() => run("xlsx")} disabled={busy !== null}>
        {busy === "xlsx" ? t("exporting") : t("xlsx")}
      </button>
      {error && (
        <p role="alert" className="error-text">
          {t("exportError")}
        </p>
      )}
    </div>
  );
}

/** The generic DataTable's buttons: its visible columns and its rows in the order shown. */
export function ExportButtons({
  name,
  title,
  getTable,
}: {
  name: string;
  title: string;
  getTable: () => { columns: DataTableColumn[]; rows: DataTableRow[] };
}) {
  return (
    <DownloadButtons
      name={name}
      title={title}
      getTable={() => {
        const { columns, rows } = getTable();
        return {
          columns: columns.map((c) => ({ key: c.id, header: c.header, kind: c.kind })),
          rows: rows.map((r) => Object.fromEntries(columns.map((c) => [c.id, r.cells[c.id]?.value ?? null]))),
        };
      }}
    />
  );
}
