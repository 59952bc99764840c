import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { tableFileName } from "@/lib/export/filename";
import { formatPeriod, type Locale } from "@/lib/format";
import { formatIndicatorValue } from "@/lib/indicators/explain";
import { rankOf } from "../change-text";
import { RankingBarChart } from "../charts/lazy";
import { DomTableExport } from "../data-table/dom-table-export";
import { exportAttrs } from "../data-table/export-attrs";
import type { RankingDatum } from "../charts/ranking-bar-chart";
import { IndicatorFigure } from "../indicator-cell";
import { indicatorLabel } from "../indicator-labels";
import { hrefWith } from "../params";
import { ChartFigure } from "../ui/chart-figure";
import { FlagLegend } from "../ui/flag-legend";
import { StatusLegend } from "../ui/status-legend";
import { isOver100 } from "@/lib/indicators/flags";
import { cachedIndicatorRows, type ViewContext } from "../view-context";

/** Up to this many communes, every one is a bar; beyond, the best and worst EDGE. */
const SHOW_ALL = 24;
const EDGE = 10;

/** Communes ranked by the chosen indicator, bars coloured by status, the target as a line; the data as a table too. */
export async function RankingCard({ view, locale }: { view: ViewContext; locale: Locale }) {
  const t = await getTranslations("dashboard.ranking");
  const ts = await getTranslations("status");
  const statusText = { meets: ts("meets"), near: ts("near"), below: ts("below") };
  const def = view.indicator;
  const result = await cachedIndicatorRows(view.scope.id, view.period!.code, "unit");
  const communes = result.rows.filter((r) => r.kind === "commune");
  const target = communes[0]?.values[def.code].target ?? null;
  const label = indicatorLabel(def.code, locale);
  const period = formatPeriod(view.period!.code, locale);
  const targetText =
    target === null ? t("noTarget") : t("targetLine", { target: formatIndicatorValue(def, target, locale) });
  const data: RankingDatum[] = communes.map((r) => {
    const v = r.values[def.code];
    return {
      code: r.unit.code,
      name: r.unit.name,
      value: v.value,
      label: formatIndicatorValue(def, v.value, locale),
      status: v.status,
      statusLabel: v.status ? statusText[v.status] : v.value === null ? t("noData") : ts("none"),
      incomplete: v.value !== null && v.missingQuarters > 0,
      over100: isOver100(def, v.value),
    };
  });
  const values = data.map((d) => d.value);
  // A province's hundred communes: the chart shows the best and the worst, the table (and search) all of them.
  const byValue = [...data].sort((a, b) => (b.value ?? -Infinity) - (a.value ?? -Infinity));
  const withValue = byValue.filter((d) => d.value !== null);
  const chartData =
    data.length > SHOW_ALL
      ? [...withValue.slice(0, EDGE), ...withValue.slice(-EDGE).filter((d) => !withValue.slice(0, EDGE).includes(d))]
      : data;
  const ranked = [...communes].sort(
    (a, b) => (b.values[def.code].value ?? -Infinity) - (a.values[def.code].value ?? -Infinity),
  );
  const structure = view.structure === view.overseeing.structure ? undefined : view.structure;
  const description =
    chartData === data
      ? t("description", { indicator: label, period, target: targetText })
      : t("descriptionEdges", { indicator: label, period, target: targetText, n: EDGE, total: data.length });
  const caption = t("tableCaption", { indicator: label, period });
  // xep-hang-online_rate-2025Q2; the scope's code too when it is not the overseeing unit.
  const exportName = tableFileName(
    "xep-hang",
    def.code,
    view.scope.id === view.overseeing.id ? undefined : view.scope.code,
    view.period!.code,
  );
  return (
    <section className="card" aria-labelledby="ranking-title">
      <h2 id="ranking-title">{t("title", { indicator: label })}</h2>
      <ChartFigure
        ariaLabel={description}
        caption={
          <>
            {description} <StatusLegend statusText={statusText} />
            <FlagLegend figures={communes.map((r) => r.values[def.code])} locale={locale} chart="bar" />
          </>
        }
        dataLabel={t("showData")}
        chart={
          <RankingBarChart
            data={chartData}
            target={target}
            targetLabel={target === null ? "" : t("targetShort", { target: formatIndicatorValue(def, target, locale) })}
            percent={def.kind === "rate"}
            locale={locale}
          />
        }
        tableExport={<DomTableExport tableId="ranking-table" name={exportName} title={caption} />}
        table={
          <table className="data compact" id="ranking-table" data-testid="ranking-table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col" className="num">
                  {t("colRank")}
                </th>
                <th scope="col">{t("colCommune")}</th>
                <th scope="col" className="num">
                  {label}
                </th>
              </tr>
            </thead>
            <tbody>
              {ranked.map((r) => (
                <tr key={r.unit.code}>
                  <td className="num" {...exportAttrs(rankOf(r.values[def.code].value, values), "integer")}>
                    {rankOf(r.values[def.code].value, values) ?? "–"}
                  </td>
                  <th scope="row">
                    <Link href={hrefWith(`/units/${r.unit.code}`, { structure, period: view.period!.code })}>
                      {r.unit.name}
                    </Link>
                  </th>
                  <td className="num">
                    <IndicatorFigure def={def} value={r.values[def.code]} locale={locale} statusText={statusText} />
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
