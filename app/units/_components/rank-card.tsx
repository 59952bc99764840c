import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ScopeUnit } from "@/db/queries/units";
import { tableFileName } from "@/lib/export/filename";
import { formatNumber, formatPeriod, type Locale } from "@/lib/format";
import { getIndicator } from "@/lib/indicators/catalogue";
import { formatIndicatorValue } from "@/lib/indicators/explain";
import { rankOf } from "../../_components/change-text";
import { DomTableExport } from "../../_components/data-table/dom-table-export";
import { exportAttrs, indicatorExportAttrs } from "../../_components/data-table/export-attrs";
import { IndicatorFigure } from "../../_components/indicator-cell";
import { FigureView } from "../../_components/ui/figure-view";
import { indicatorLabel } from "../../_components/indicator-labels";
import { cachedIndicatorRows, type ViewContext } from "../../_components/view-context";
import { FlagLegend } from "../../_components/ui/flag-legend";

/** The commune's figure of every indicator for the period, its rank among its peers, the scope's figure and the target. */
export async function RankCard({ view, commune, locale }: { view: ViewContext; commune: ScopeUnit; locale: Locale }) {
  const t = await getTranslations("dashboard.profile");
  const ts = await getTranslations("status");
  const statusText = { meets: ts("meets"), near: ts("near"), below: ts("below") };
  const result = await cachedIndicatorRows(view.scope.id, view.period!.code, "unit");
  const peers = result.rows.filter((r) => r.kind === "commune");
  const mine = peers.find((r) => r.unit.code === commune.code);
  const total = result.rows[result.rows.length - 1];
  const period = formatPeriod(view.period!.code, locale);
  if (!mine) return null;
  const caption = t("rankCaption", { commune: commune.name, period });
  return (
    <section className="card" aria-labelledby="rank-title">
      <h2 id="rank-title">{t("rankTitle", { period, scope: view.scope.name })}</h2>
      {mine.reportedQuarters === 0 && (
        <p className="notice">
          {t("notReported", { period })} <Link href="/imports">{t("goImport")}</Link>
        </p>
      )}
      <div className="card-toolbar">
        <DomTableExport
          tableId="rank-table"
          name={tableFileName("thu-hang", commune.code, view.period!.code)}
          title={caption}
        />
      </div>
      <div className="table-wrap">
        <table className="data" id="rank-table" data-testid="rank-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("colIndicator")}</th>
              <th scope="col" className="num">
                {commune.name}
              </th>
              <th scope="col" className="num">
                {t("colRank")}
              </th>
              <th scope="col" className="num">
                {view.scope.name}
                <span className="cell-note">{t("scopeColumnNote")}</span>
              </th>
              <th scope="col" className="num">
                {t("colTarget")}
                <span className="cell-note">{t("targetColumnNote")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {result.indicators.map((code) => {
              const def = getIndicator(code)!;
              const v = mine.values[code];
              const values = peers.map((p) => p.values[code].value);
              const rank = rankOf(v.value, values);
              const ranked = values.filter((x) => x !== null).length;
              return (
                <tr key={code} data-indicator={code}>
                  <th scope="row">{indicatorLabel(code, locale)}</th>
                  <td className="num">
                    <IndicatorFigure def={def} value={v} locale={locale} statusText={statusText} />
                  </td>
                  <td className="num" data-testid={`rank-${code}`} {...exportAttrs(rank, "integer")}>
                    {rank === null ? "–" : t("rank", { rank, of: ranked })}
                  </td>
                  <td className="num">
                    {def.kind === "rate" ? (
                      <IndicatorFigure
                        def={def}
                        value={total.values[code]}
                        communes={total.communes}
                        locale={locale}
                        statusText={statusText}
                      />
                    ) : (
                      <ScopeAverage
                        value={total.values[code].value}
                        communes={values.filter((x) => x !== null).length}
                        locale={locale}
                      />
                    )}
                  </td>
                  <td className="num" {...indicatorExportAttrs(def, v.target)}>
                    {v.target === null ? "–" : `≥ ${formatIndicatorValue(def, v.target, locale)}`}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <FlagLegend
        figures={[
          ...Object.values(mine.values),
          ...Object.values(total.values).filter((c) => getIndicator(c.code)!.kind === "rate"),
        ]}
        locale={locale}
      />
    </section>
  );
}

/** A count of the whole scope as the average of the communes that reported it, beside one commune's count. */
async function ScopeAverage({ value, communes, locale }: { value: number | null; communes: number; locale: Locale }) {
  const t = await getTranslations("dashboard.profile");
  const ts = await getTranslations("status");
  if (value === null || communes === 0) return <span {...exportAttrs(null, "number")}>–</span>;
  const avg = value / communes;
  const text = formatNumber(avg, locale);
  return (
    <FigureView
      exportAs={exportAttrs(avg, "count")}
      text={text}
      explanation={t("averageExplain", { total: formatNumber(value, locale, 0), communes, average: text })}
      statusText={{ meets: ts("meets"), near: ts("near"), below: ts("below") }}
    />
  );
}
