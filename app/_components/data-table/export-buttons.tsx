"use client";

import { useState } from "react";
import { useTranslations } from "next-intl";
import type { ExportRow } from "@/lib/export/table";
import type { DataTableColumn, DataTableRow } from "./types";

function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * "Tải CSV" / "Tải Excel": the table as shown. lib/export/table (and exceljs within it) is imported on
 * click, so neither weighs on the page's first load.
 */
export function ExportButtons({
  name,
  title,
  getTable,
}: {
  name: string;
  title: string;
  getTable: () => { columns: DataTableColumn[]; rows: DataTableRow[] };
}) {
  const t = useTranslations("dashboard.table");
  const [busy, setBusy] = useState<"csv" | "xlsx" | null>(null);
  const [error, setError] = useState(false);
  const run = async (format: "csv" | "xlsx") => {
    setBusy(format);
    setError(false);
    try {
      const { tableToCsv, tableToXlsx } = await import("@/lib/export/table");
      const { columns, rows } = getTable();
      const exportColumns = columns.map((c) => ({ key: c.id, header: c.header, kind: c.kind }));
      const exportRows: ExportRow[] = rows.map((r) => Object.fromEntries(columns.map((c) => [c.id, r.cells[c.id]?.value ?? null])));
      if (format === "csv") {
        download(new Blob([tableToCsv(exportColumns, exportRows)], { type: "text/csv;charset=utf-8" }), `${name}.csv`);
      } else {
        const bytes = await tableToXlsx(exportColumns, exportRows, { title, sheetName: name });
        download(new Blob([bytes as BlobPart], { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" }), `${name}.xlsx`);
      }
    } catch {
      setError(true);
    } finally {
      setBusy(null);
    }
  };
  return (
    <div className="export-buttons">
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
