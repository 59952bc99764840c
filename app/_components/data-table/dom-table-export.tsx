"use client";

import { DownloadButtons } from "./export-buttons";
import { tableFromDom } from "./table-from-dom";

/**
 * "Tải CSV" / "Tải Excel" for a table rendered anywhere on the page (server-rendered ones included): on
 * click, the <table id={tableId}> is read as shown — header, shown rows in order, numbers from
 * `data-export-value` / `data-export-kind`, text otherwise (see table-from-dom.ts).
 * @example <DomTableExport tableId="rank-table" name="thu-hang-21136-2025Q2" title="Thứ hạng…" />
 */
export function DomTableExport({
  tableId,
  name,
  title,
  label,
}: {
  tableId: string;
  name: string;
  title: string;
  label?: string;
}) {
  return (
    <DownloadButtons
      name={name}
      title={title}
      label={label ?? title}
      getTable={() => {
        // The <table> of that id (a heading sharing the id by mistake would otherwise be found first).
        const table = document.querySelector(`table[id="${CSS.escape(tableId)}"]`);
        if (!(table instanceof HTMLTableElement)) throw new Error(`no table #${tableId}`);
        return tableFromDom(table);
      }}
    />
  );
}
