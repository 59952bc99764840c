import { getTranslations } from "next-intl/server";
import type { Locale } from "@/lib/format";
import { indicators } from "@/lib/indicators/catalogue";
import { formatIndicatorValue } from "@/lib/indicators/explain";
import { isOver100 } from "@/lib/indicators/flags";
import { CompareBars } from "../../_components/charts/lazy";
import type { ComparePanel } from "../../_components/charts/compare-bars";
import { SERIES_COLOURS } from "../../_components/charts/palette";
import { DomTableExport } from "../../_components/data-table/dom-table-export";
import { IndicatorFigure } from "../../_components/indicator-cell";
import { indicatorLabel } from "../../_components/indicator-labels";
import { FLAG_MARK } from "../../_components/ui/figure-view";
import { FlagLegend } from "../../_components/ui/flag-legend";
import { StatusLegend } from "../../_components/ui/status-legend";
import type { CompareSeries } from "./compare-data";

/** One colour per series while the Okabe–Ito set lasts; beyond, one colour (the names are on the axes). */
export function seriesColour(index: number, count: number): string {
  return count <= SERIES_COLOURS.length ? SERIES_COLOURS[index] : SERIES_COLOURS[0];
}

/**
 * Side by side: for the rates and for the counts, one small bar chart per indicator (one bar per commune
 * or period, in the legend's order, each with its value; the target dashed), and the table of every
 * indicator with how each figure was computed. Incomplete figures and rates above 100 % are marked.
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
  const vi = locale === "vi";
  const colours = series.map((_, i) => seriesColour(i, series.length));
  const groups = (["rate", "count"] as const).map((kind) => {
    const panels: ComparePanel[] = indicators
      .filter((d) => d.kind === kind)
      .map((d) => {
        const targets = [...new Set(series.map((s) => s.values[d.code].target))];
        const shared = targets.length === 1 ? targets[0] : null;
        return {
          code: d.code,
          title: indicatorLabel(d.code, locale),
          percent: kind === "rate",
          target: shared,
          targetLabel:
            shared === null ? "" : `${vi ? "Mục tiêu" : "Target"} ${formatIndicatorValue(d, shared, locale)}`,
          bars: series.map((s, i) => {
            const v = s.values[d.code];
            const incomplete = v.value !== null && v.missingQuarters > 0;
            // Targets that differ by series (periods of different lengths) are written on each bar.
            const own =
              shared === null && v.target !== null
                ? ` (${vi ? "mục tiêu" : "target"} ${formatIndicatorValue(d, v.target, locale)})`
                : "";
            return {
              key: s.key,
              name: s.name,
              value: v.value,
              label:
                formatIndicatorValue(d, v.value, locale) +
                own +
                (incomplete ? ` ${FLAG_MARK.incomplete}` : "") +
                (isOver100(d, v.value) ? ` ${FLAG_MARK.over100}` : ""),
              colour: colours[i],
              incomplete,
            };
          }),
        };
      });
    return { kind, panels };
  });
  const columns = reference ? [...series, reference] : series;
  const allFigures = columns.flatMap((s) => Object.values(s.values));
  return (
    <>
      <section className="card" aria-labelledby="compare-legend-title">
        <h2 id="compare-legend-title">{t("legendTitle")}</h2>
        <ol className="series-legend" data-testid="series-legend">
          {series.map((s, i) => (
            <li key={s.key} data-series={s.key}>
              <span className="swatch" style={{ background: colours[i] }} aria-hidden="true" />
              {s.name}
            </li>
          ))}
        </ol>
        <p className="muted small">{t("legendHelp")}</p>
        <FlagLegend figures={allFigures} locale={locale} chart="bar" />
      </section>
      {groups.map((g) => {
        const label = t(g.kind === "rate" ? "chartRates" : "chartCounts", {
          names: series.map((s) => s.name).join(", "),
        });
        return (
          <section key={g.kind} className="card" aria-labelledby={`compare-${g.kind}`}>
            <h2 id={`compare-${g.kind}`}>{t(g.kind === "rate" ? "ratesTitle" : "countsTitle")}</h2>
            <figure className="widget">
              <div role="img" aria-label={label} className="chart-box">
                <CompareBars panels={g.panels} locale={locale} />
              </div>
              <figcaption>
                {label} {t("tableBelow")}
              </figcaption>
            </figure>
          </section>
        );
      })}
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
                      <IndicatorFigure
                        def={d}
                        value={s.values[d.code]}
                        communes={s.communes}
                        locale={locale}
                        statusText={statusText}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <FlagLegend figures={allFigures} locale={locale} />
      </section>
    </>
  );
}
