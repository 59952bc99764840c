import type { ReactNode } from "react";
import { documentFrame, MOTTO, SIGNATURE, summaryTitle } from "@/lib/export/document";
import {
  buildSummaryTable,
  type SummaryColumn,
  type SummaryExportData,
  type SummaryTable,
} from "@/lib/export/summary-table";
import { NO_DATA, SUMMARY_WORDS, summaryNotes, summaryStatusLines, summarySubtitle } from "@/lib/export/summary-text";
import { formatNumber, formatPercent } from "@/lib/format";

/** A cell as the workbook shows it: Vietnamese separators, one decimal for rates, "–" for no data. */
function shown(c: SummaryColumn, v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === "") return NO_DATA;
  if (typeof v === "string") return v;
  // A rate above 100 % is marked; the notes say why (over100Lines).
  return c.kind === "percent" ? formatPercent(v, "vi") + (v > 100 ? " ⚠" : "") : formatNumber(v, "vi", 0);
}

/**
 * The summary ("Biểu tổng hợp") as an HTML document: the same header block, table, reporting status,
 * notes and signatures as the workbook's first sheet, built from the same lib/export functions.
 */
export function SummaryDocument({
  data,
  generatedAt,
  date,
  labels,
}: {
  data: SummaryExportData;
  generatedAt: Date;
  date?: Date;
  labels: { caption: string };
}) {
  const frame = documentFrame(data.scope.name, { generatedAt, date });
  const table = buildSummaryTable(data);
  const cols = table.columns;
  const ids = cols.filter((c) => c.group === "id");
  // Raw figures and indicators as two tables, each as wide as a page, numbered as one (columns (1)…(n)).
  const groups = [
    {
      key: "element",
      title: SUMMARY_WORDS.elementGroup,
      testId: "summary-elements",
      columns: cols.filter((c) => c.group === "element"),
    },
    {
      key: "indicator",
      title: SUMMARY_WORDS.indicatorGroup,
      testId: "summary-table",
      columns: cols.filter((c) => c.group === "indicator"),
    },
  ].filter((g) => g.columns.length > 0);
  const cell = (c: SummaryColumn, v: string | number | null | undefined): ReactNode => {
    const text = shown(c, v);
    return c.kind === "text" ? text : <span className={text === NO_DATA ? "no-data" : undefined}>{text}</span>;
  };
  return (
    <article className="print-doc" lang="vi" data-testid="summary-document">
      <header className="doc-head">
        <div className="doc-issuer">
          <p className="doc-strong">{frame.issuer}</p>
        </div>
        <div className="doc-motto">
          <p className="doc-strong">{MOTTO.nation}</p>
          <p className="doc-strong doc-underline">{MOTTO.motto}</p>
          <p className="doc-date">{frame.dateLine}</p>
        </div>
      </header>
      <h1 className="doc-title">{summaryTitle(data.period)}</h1>
      <p className="doc-subtitle">{summarySubtitle(data)}</p>
      {groups.map((g) => (
        <SummaryTablePart
          key={g.key}
          title={g.title}
          testId={g.testId}
          ids={ids}
          figures={g.columns}
          table={table}
          caption={`${labels.caption} ${g.title}`}
          cell={cell}
        />
      ))}
      <section className="doc-notes">
        <p className="doc-strong">{SUMMARY_WORDS.status}</p>
        <ul>
          {summaryStatusLines(data, 20).map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
        <p className="doc-strong">{SUMMARY_WORDS.notes}</p>
        <ul>
          {summaryNotes(data, generatedAt).map((l) => (
            <li key={l}>{l}</li>
          ))}
        </ul>
      </section>
      <footer className="doc-sign">
        <div>
          <p className="doc-strong">{SIGNATURE.preparer}</p>
          <p className="doc-hint">{SIGNATURE.signHint}</p>
        </div>
        <div>
          <p className="doc-strong">{SIGNATURE.onBehalf}</p>
          <p className="doc-strong">{SIGNATURE.chair}</p>
          <p className="doc-hint">{SIGNATURE.signHint}</p>
        </div>
      </footer>
    </article>
  );
}

/** One column group (raw figures or indicators) beside the identity columns, with its own header and total. */
function SummaryTablePart({
  title,
  testId,
  ids,
  figures,
  table,
  caption,
  cell,
}: {
  title: string;
  testId: string;
  ids: SummaryColumn[];
  figures: SummaryColumn[];
  table: SummaryTable;
  caption: string;
  cell: (c: SummaryColumn, v: string | number | null | undefined) => ReactNode;
}) {
  const cols = [...ids, ...figures];
  const number = (c: SummaryColumn) => table.columns.indexOf(c) + 1;
  return (
    // Focusable so a keyboard can scroll it should a narrow screen need to.
    <div className="table-wrap doc-table-wrap" tabIndex={0} role="region" aria-label={caption}>
      <table className="doc-table" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead>
          <tr>
            {ids.map((c) => (
              <th key={c.key} scope="col" rowSpan={2} className={c.key === "name" ? "doc-name" : undefined}>
                {c.header}
              </th>
            ))}
            <th scope="colgroup" colSpan={figures.length}>
              {title}
            </th>
          </tr>
          <tr>
            {figures.map((c) => (
              <th key={c.key} scope="col">
                {c.header}
              </th>
            ))}
          </tr>
          <tr className="doc-col-numbers" aria-hidden="true">
            {cols.map((c) => (
              <td key={c.key}>({number(c)})</td>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((r) => (
            <tr key={String(r.code)} data-unit-code={String(r.code)}>
              {cols.map((c) =>
                c.key === "name" ? (
                  <th key={c.key} scope="row" className="doc-name">
                    {String(r.name)}
                  </th>
                ) : (
                  <td key={c.key} className={c.kind === "text" ? undefined : "num"} data-col={c.key}>
                    {cell(c, r[c.key])}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr data-testid={testId === "summary-table" ? "summary-total" : `${testId}-total`}>
            {cols.map((c) =>
              c.key === "name" ? (
                <th key={c.key} scope="row" className="doc-name">
                  {String(table.total.name)}
                </th>
              ) : (
                <td key={c.key} className={c.kind === "text" ? undefined : "num"} data-col={c.key}>
                  {c.key === "stt" ? "" : cell(c, table.total[c.key])}
                </td>
              ),
            )}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
