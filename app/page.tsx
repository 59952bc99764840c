import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { getIndicatorTable, getLatestQuarter } from "@/db/queries/indicators";
import { listCommunesUnder } from "@/db/queries/units";
import { formatPeriod } from "@/lib/format";
import { getIndicator } from "@/lib/indicators/catalogue";
import { formatIndicatorValue } from "@/lib/indicators/explain";
import { isQuarterCode } from "@/lib/periods";
import { RankingBarChart } from "./_components/charts/ranking-bar-chart";
import { IndicatorFigure } from "./_components/indicator-cell";
import { indicatorLabel } from "./_components/indicator-labels";
import { getOverseeingUnit } from "./_components/scope";
import { getLocale } from "./_i18n/locale";
import { readEnv } from "@/lib/env";

const HOME_INDICATORS = ["meetings", "petition_resolution_rate", "online_rate"] as const;
const CHART_INDICATOR = "online_rate";

export async function generateMetadata() {
  const t = await getTranslations();
  // The overview shares its segment with the root layout, so the title template does not apply here.
  return { title: { absolute: `${t("home.title")} · ${t("app.name")}` } };
}

export default async function OverviewPage({ searchParams }: { searchParams: Promise<{ period?: string }> }) {
  const t = await getTranslations();
  const locale = await getLocale();
  const db = await getDb();
  const unit = await getOverseeingUnit(db);
  if (!unit) {
    return (
      <section className="card empty">
        <h1>{t("home.title")}</h1>
        <p>{t("home.noScope", { code: readEnv().ORG_UNIT_CODE })}</p>
      </section>
    );
  }
  const communes = await listCommunesUnder(db, { unitId: unit.id });
  const requested = (await searchParams).period;
  const quarter = requested && isQuarterCode(requested) ? requested : await getLatestQuarter(db, { unitIds: communes.map((c) => c.id) });
  if (!quarter) {
    return (
      <section className="card empty">
        <h1>{t("home.title")}</h1>
        <p>{t("home.noData", { scope: unit.name })}</p>
      </section>
    );
  }
  const table = await getIndicatorTable(db, { unitId: unit.id, quarters: [quarter], indicators: HOME_INDICATORS });
  const period = formatPeriod(quarter, locale);
  const defs = HOME_INDICATORS.map((c) => getIndicator(c)!);
  const statusText = { meets: t("status.meets"), near: t("status.near"), below: t("status.below") };
  const chartDef = getIndicator(CHART_INDICATOR)!;
  const chartLabel = indicatorLabel(CHART_INDICATOR, locale);
  const chartTarget = table.total[CHART_INDICATOR].target;
  const targetText = formatIndicatorValue(chartDef, chartTarget, locale);

  return (
    <>
      <h1>{t("home.title")}</h1>
      <p className="subtitle">
        {t("home.subtitle", { scope: unit.name, period })} · {t("home.reported", { reported: table.reportedCount, expected: table.rows.length })}
      </p>

      <section className="card" aria-labelledby="chart-title">
        <h2 id="chart-title">{t("home.chartTitle", { indicator: chartLabel })}</h2>
        <figure className="widget">
          <RankingBarChart
            data={table.rows.map((r) => ({
              name: r.name,
              value: r.values[CHART_INDICATOR].value,
              label: formatIndicatorValue(chartDef, r.values[CHART_INDICATOR].value, locale),
              status: r.values[CHART_INDICATOR].status,
            }))}
            target={chartTarget}
            targetLabel={t("home.targetLine", { target: targetText })}
            percent={chartDef.kind === "rate"}
            ariaLabel={t("home.chartDescription", { indicator: chartLabel, period, target: targetText })}
          />
          <figcaption>{t("home.chartDescription", { indicator: chartLabel, period, target: targetText })}</figcaption>
        </figure>
      </section>

      <section className="card" aria-labelledby="table-title">
        <h2 id="table-title">{t("home.tableTitle")}</h2>
        <div className="table-wrap">
          <table className="data" data-testid="home-table">
            <caption>{t("home.tableCaption", { count: table.rows.length, period })}</caption>
            <thead>
              <tr>
                <th scope="col" className="num hide-narrow">{t("home.colIndex")}</th>
                <th scope="col">{t("home.colCommune")}</th>
                <th scope="col" className="hide-narrow">{t("home.colCode")}</th>
                {defs.map((d) => (
                  <th scope="col" className="num" key={d.code}>
                    {indicatorLabel(d.code, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {table.rows.map((r, i) => {
                const reported = r.quartersReported.length > 0;
                return (
                  <tr key={r.code} data-unit-code={r.code}>
                    <td className="num hide-narrow">{i + 1}</td>
                    <th scope="row">{r.name}</th>
                    <td className="hide-narrow">{r.code}</td>
                    {reported ? (
                      defs.map((d) => (
                        <td className="num" key={d.code}>
                          <IndicatorFigure def={d} value={r.values[d.code]} locale={locale} statusText={statusText} />
                        </td>
                      ))
                    ) : (
                      <td colSpan={defs.length} className="muted">
                        {t("home.notReported")}
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
            <tfoot>
              <tr>
                <td className="hide-narrow" />
                <th scope="row">{t("home.total", { scope: unit.name })}</th>
                <td className="hide-narrow" />
                {defs.map((d) => (
                  <td className="num" key={d.code}>
                    <IndicatorFigure def={d} value={table.total[d.code]} locale={locale} statusText={statusText} />
                  </td>
                ))}
              </tr>
            </tfoot>
          </table>
        </div>
      </section>
    </>
  );
}
