import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/format";
import { indicators } from "@/lib/indicators/catalogue";
import { GroupedBarChart } from "../../_components/charts/lazy";
import { DomTableExport } from "../../_components/data-table/dom-table-export";
import type { GroupedDatum } from "../../_components/charts/grouped-bar-chart";
import { SERIES_COLOURS } from "../../_components/charts/palette";
import { IndicatorFigure } from "../../_components/indicator-cell";
import { indicatorLabel } from "../../_components/indicator-labels";
import { StatusLegend } from "../../_components/ui/status-legend";
import type { CompareSeries } from "./compare-data";

/**
 * Side by side: a grouped bar chart for the rates and one for the counts (one bar per commune or
 * period), and the table of every indicator with how each figure was computed.
 */
export async function CompareResult({
  series,
  reference,
  title,
  exportName,
  locale,
}: {
  series: CompareSeries[];
  /** A column shown in the table only (the scope beside its communes). */
  reference?: CompareSeries;
  title: string;
  /** Base name of the table's downloads (tableFileName). */
  exportName: string;
  locale: Locale;
}) {
  const t = await getTranslations("dashboard.compare");
  const ts = await getTranslations("status");
  const statusText = { meets: ts("meets"), near: ts("near"), below: ts("below") };
  const chartSeries = series.map((s, i) => ({
    key: `s${i}`,
    name: s.name,
    colour: SERIES_COLOURS[i % SERIES_COLOURS.length],
  }));
  const groups = (["rate", "count"] as const).map((kind) => {
    const defs = indicators.filter((d) => d.kind === kind);
    const data: GroupedDatum[] = defs.map((d) => {
      const row: GroupedDatum = { label: indicatorLabel(d.code, locale) };
      series.forEach((s, i) => (row[`s${i}`] = s.values[d.code].value));
      return row;
    });
    return { kind, defs, data };
  });
  const columns = reference ? [...series, reference] : series;
  return (
    <>
      <div className="grid-2">
        {groups.map((g) => {
          const label = t(g.kind === "rate" ? "chartRates" : "chartCounts", {
            names: series.map((s) => s.name).join(", "),
          });
          return (
            <section key={g.kind} className="card" aria-labelledby={`compare-${g.kind}`}>
              <h2 id={`compare-${g.kind}`}>{t(g.kind === "rate" ? "ratesTitle" : "countsTitle")}</h2>
              <figure className="widget">
                <div role="img" aria-label={label} className="chart-box">
                  <GroupedBarChart data={g.data} series={chartSeries} percent={g.kind === "rate"} locale={locale} />
                </div>
                <figcaption>
                  {label} {t("tableBelow")}
                </figcaption>
              </figure>
            </section>
          );
        })}
      </div>
      <section className="card" aria-labelledby="compare-table-title">
        <h2 id="compare-table-title">{title}</h2>
        <div className="card-toolbar">
          <p className="muted small">
            <StatusLegend statusText={statusText} />
          </p>
          <DomTableExport tableId="compare-table" name={exportName} title={title} />
        </div>
        <div className="table-wrap">
          <table className="data compare-table" id="compare-table" data-testid="compare-table">
            <caption className="sr-only">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{t("colIndicator")}</th>
                {columns.map((s) => (
                  <th key={s.key} scope="col" className="num" data-series={s.key}>
                    {s.name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {indicators.map((d) => (
                <tr key={d.code} data-indicator={d.code}>
                  <th scope="row">{indicatorLabel(d.code, locale)}</th>
                  {columns.map((s) => (
                    <td
                      key={s.key}
                      className={`num${s.values[d.code].status ? ` heat heat-${s.values[d.code].status}` : ""}`}
                    >
                      <IndicatorFigure def={d} value={s.values[d.code]} locale={locale} statusText={statusText} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
