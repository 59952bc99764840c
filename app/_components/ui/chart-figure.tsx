import type { ReactNode } from "react";

/**
 * A chart with its text alternatives: role="img" with a label saying what it shows, a caption, and the
 * same figures as a table one click away (the table is in the page, so screen readers reach it too),
 * with its downloads (`tableExport`, a <DomTableExport> of that table) beside it.
 */
export function ChartFigure({
  ariaLabel,
  caption,
  dataLabel,
  chart,
  table,
  tableExport,
}: {
  ariaLabel: string;
  caption: ReactNode;
  dataLabel: string;
  chart: ReactNode;
  table: ReactNode;
  tableExport?: ReactNode;
}) {
  return (
    <figure className="widget">
      <div role="img" aria-label={ariaLabel} className="chart-box">
        {chart}
      </div>
      <figcaption>{caption}</figcaption>
      <details className="chart-data">
        <summary>{dataLabel}</summary>
        {tableExport && <div className="card-toolbar">{tableExport}</div>}
        <div className="table-wrap">{table}</div>
      </details>
    </figure>
  );
}
