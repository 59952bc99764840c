import type { ReactNode } from "react";

/** One column of a ReportTable: its header, and each row's cell. */
export interface ReportColumn<R> {
  key: string;
  header: ReactNode;
  cell: (row: R) => ReactNode;
  /** Right-aligned numbers (header and cells). */
  num?: boolean;
  /** The row's header cell (`<th scope="row">`): the column that names the row. */
  rowHeader?: boolean;
  /** A class of each cell (e.g. its state). */
  cellClass?: (row: R) => string | undefined;
}

/**
 * The tables of the narrative report pages (the grid, the lists of versions, citations, figures and
 * sections): one markup, a scrollable wrapper, a `data` table with its caption, header and row headers.
 * No hooks: it renders on the server in the pages and on the client in the uploader's preview.
 * @example <ReportTable rows={refs} rowKey={(r) => r.number} columns={[{ key: "n", header: "Số", rowHeader: true, cell: (r) => r.number }]} />
 */
export function ReportTable<R>({
  columns,
  rows,
  rowKey,
  caption,
  className,
}: {
  columns: ReportColumn<R>[];
  rows: readonly R[];
  rowKey: (row: R, index: number) => string | number;
  caption?: ReactNode;
  className?: string;
}) {
  const classes = (...names: (string | false | undefined)[]) => names.filter(Boolean).join(" ") || undefined;
  return (
    <div className="table-wrap">
      <table className={classes("data", className)}>
        {caption ? <caption>{caption}</caption> : null}
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c.key} className={c.num ? "num" : undefined}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, i) => (
            <tr key={rowKey(row, i)}>
              {columns.map((c) => {
                const className = classes(c.num && "num", c.cellClass?.(row));
                return c.rowHeader ? (
                  <th scope="row" key={c.key} className={className}>
                    {c.cell(row)}
                  </th>
                ) : (
                  <td key={c.key} className={className}>
                    {c.cell(row)}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
