import { documentFrame, MOTTO, SIGNATURE, summaryTitle } from "@/lib/export/document";
import { buildSummaryTable, type SummaryColumn, type SummaryExportData } from "@/lib/export/summary-table";
import { NO_DATA, SUMMARY_WORDS, summaryNotes, summaryStatusLines, summarySubtitle } from "@/lib/export/summary-text";
import { formatNumber, formatPercent } from "@/lib/format";

/** A cell as the workbook shows it: Vietnamese separators, one decimal for rates, "–" for no data. */
function shown(c: SummaryColumn, v: string | number | null | undefined): string {
  if (v === null || v === undefined || v === "") return NO_DATA;
  if (typeof v === "string") return v;
  return c.kind === "percent" ? formatPercent(v, "vi") : formatNumber(v, "vi", 0);
}

/**
 * The summary ("Biểu tổng hợp") as an HTML document: the same header block, table, reporting status,
 * notes and signatures as the workbook's first sheet, built from the same lib/export functions.
 */
export function SummaryDocument({ data, generatedAt, date, labels }: { data: SummaryExportData; generatedAt: Date; date?: Date; labels: { caption: string } }) {
  const frame = documentFrame(data.scope.name, { generatedAt, date });
  const table = buildSummaryTable(data);
  const cols = table.columns;
  const ids = cols.filter((c) => c.group === "id");
  const elements = cols.filter((c) => c.group === "element");
  const figures = cols.filter((c) => c.group !== "id");
  const indicators = cols.filter((c) => c.group === "indicator");
  const cell = (c: SummaryColumn, v: string | number | null | undefined) => {
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
      {/* Focusable so a keyboard can scroll a table wider than the screen. */}
      <div className="table-wrap doc-table-wrap" tabIndex={0} role="region" aria-label={labels.caption}>
        <table className="doc-table" data-testid="summary-table">
          <caption className="sr-only">{labels.caption}</caption>
          <thead>
            <tr>
              {ids.map((c) => (
                <th key={c.key} scope="col" rowSpan={2}>
                  {c.header}
                </th>
              ))}
              {elements.length > 0 && (
                <th scope="colgroup" colSpan={elements.length}>
                  {SUMMARY_WORDS.elementGroup}
                </th>
              )}
              {indicators.length > 0 && (
                <th scope="colgroup" colSpan={indicators.length}>
                  {SUMMARY_WORDS.indicatorGroup}
                </th>
              )}
            </tr>
            <tr>
              {figures.map((c) => (
                <th key={c.key} scope="col">
                  {c.header}
                </th>
              ))}
            </tr>
            <tr className="doc-col-numbers" aria-hidden="true">
              {cols.map((c, i) => (
                <td key={c.key}>({i + 1})</td>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((r) => (
              <tr key={String(r.code)} data-unit-code={String(r.code)}>
                {cols.map((c) =>
                  c.key === "name" ? (
                    <th key={c.key} scope="row">
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
            <tr data-testid="summary-total">
              {cols.map((c) =>
                c.key === "name" ? (
                  <th key={c.key} scope="row">
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
