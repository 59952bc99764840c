import type { ReactNode } from "react";

/**
 * A chart with its text alternatives: role="img" with a label saying what it shows, a caption, and the
 * same figures as a table one click away (the table is in the page, so screen readers reach it too).
 */
export function ChartFigure({
  ariaLabel,
  caption,
  dataLabel,
  chart,
  table,
}: {
  ariaLabel: string;
  caption: ReactNode;
  dataLabel: string;
  chart: ReactNode;
  table: ReactNode;
}) {
  return (
    <figure className="widget">
      <div role="img" aria-label={ariaLabel} className="chart-box">
        {chart}
      </div>
      <figcaption>{caption}</figcaption>
      <details className="chart-data">
        <summary>{dataLabel}</summary>
        <div className="table-wrap">{table}</div>
      </details>
    </figure>
  );
}
