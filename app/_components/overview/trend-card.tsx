import { getTranslations } from "next-intl/server";
import { tableFileName } from "@/lib/export/filename";
import { formatPeriod, formatQuarter, type Locale } from "@/lib/format";
import { formatIndicatorValue } from "@/lib/indicators/explain";
import { LineChartView } from "../charts/lazy";
import { DomTableExport } from "../data-table/dom-table-export";
import { indicatorExportAttrs } from "../data-table/export-attrs";
import type { LinePoint } from "../charts/line-chart";
import { IndicatorFigure } from "../indicator-cell";
import { indicatorLabel } from "../indicator-labels";
import { trailingQuarters } from "../period-options";
import { ChartFigure } from "../ui/chart-figure";
import { FlagLegend } from "../ui/flag-legend";
import { cachedIndicatorRows, type ViewContext } from "../view-context";

export const TREND_QUARTERS = 8;

/** The scope's value of the chosen indicator over the last eight quarters, with its target. */
export async function TrendCard({ view, locale }: { view: ViewContext; locale: Locale }) {
  const t = await getTranslations("dashboard.trend");
  const ts = await getTranslations("status");
  const statusText = { meets: ts("meets"), near: ts("near"), below: ts("below") };
  const def = view.indicator;
  const range = trailingQuarters(view.period!, TREND_QUARTERS);
  const result = await cachedIndicatorRows(view.scope.id, range, "period");
  const quarterRows = result.rows.filter((r) => r.kind === "quarter");
  // Quarters before the first report are not a trend, only an empty stretch.
  const firstWithData = quarterRows.findIndex((r) => r.reportedQuarters > 0);
  const rows = firstWithData < 0 ? [] : quarterRows.slice(firstWithData);
  const label = indicatorLabel(def.code, locale);
  const hasTarget = rows.some((r) => r.values[def.code].target !== null);
  const points: LinePoint[] = rows.map((r) => ({
    label: formatQuarter(r.period, locale),
    value: r.values[def.code].value,
    target: r.values[def.code].target,
    "value:incomplete": r.values[def.code].missingQuarters > 0 ? 1 : 0,
  }));
  const first = rows[0]?.period;
  const last = rows[rows.length - 1]?.period;
  const span = first && last ? formatPeriod(first === last ? first : `${first}..${last}`, locale) : "–";
  const description = t("description", { indicator: label, scope: view.scope.name, span });
  const exportName = tableFileName(
    "xu-huong",
    def.code,
    view.scope.code,
    first && last ? (first === last ? first : `${first}..${last}`) : undefined,
  );
  return (
    <section className="card" aria-labelledby="trend-title">
      <h2 id="trend-title">{t("title", { indicator: label })}</h2>
      <ChartFigure
        ariaLabel={description}
        caption={
          <>
            {description}
            <FlagLegend figures={rows.map((r) => r.values[def.code])} locale={locale} chart="line" />
          </>
        }
        dataLabel={t("showData")}
        chart={
          <LineChartView
            data={points}
            series={[
              { key: "value", name: view.scope.name, colour: "#0072B2" },
              ...(hasTarget ? [{ key: "target", name: t("target"), colour: "#1b1f24", dashed: true }] : []),
            ]}
            percent={def.kind === "rate"}
            locale={locale}
            height={380}
          />
        }
        tableExport={<DomTableExport tableId="trend-table" name={exportName} title={description} />}
        table={
          <table className="data compact" id="trend-table" data-testid="trend-table">
            <caption className="sr-only">{description}</caption>
            <thead>
              <tr>
                <th scope="col">{t("colQuarter")}</th>
                <th scope="col" className="num">
                  {label}
                </th>
                <th scope="col" className="num">
                  {t("target")}
                </th>
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.period}>
                  <th scope="row">{formatQuarter(r.period, locale)}</th>
                  <td className="num">
                    <IndicatorFigure
                      def={def}
                      value={r.values[def.code]}
                      communes={r.communes}
                      locale={locale}
                      statusText={statusText}
                    />
                  </td>
                  <td className="num" {...indicatorExportAttrs(def, r.values[def.code].target)}>
                    {formatIndicatorValue(def, r.values[def.code].target, locale)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        }
      />
    </section>
  );
}
