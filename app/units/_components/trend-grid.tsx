import { Fragment } from "react";
import { getTranslations } from "next-intl/server";
import type { ScopeUnit } from "@/db/queries/units";
import { tableFileName } from "@/lib/export/filename";
import { formatPeriod, formatQuarter, type Locale } from "@/lib/format";
import { getIndicator } from "@/lib/indicators/catalogue";
import { derivedPhrase } from "@/lib/indicators/reform";
import { REFORM_QUARTER } from "@/lib/periods";
import { formatIndicatorValue } from "@/lib/indicators/explain";
import type { IndicatorRow } from "@/lib/indicators/rows";
import { LineChartView } from "../../_components/charts/lazy";
import { DomTableExport } from "../../_components/data-table/dom-table-export";
import { indicatorExportAttrs } from "../../_components/data-table/export-attrs";
import type { LinePoint } from "../../_components/charts/line-chart";
import { indicatorLabel } from "../../_components/indicator-labels";
import { trailingQuarters } from "../../_components/period-options";
import { cachedIndicatorRows, type ViewContext } from "../../_components/view-context";
import { ScrollTable } from "../../_components/ui/scroll-table";

/** Quarters shown: three years, trimmed to the first quarter with figures. */
const QUARTERS = 12;

/**
 * What the scope line shows beside one commune: the scope's rate, or for a count the scope's average per
 * commune that reported (a district's total would dwarf one commune's count).
 */
function scopeFigure(r: IndicatorRow, code: string): number | null {
  const v = r.values[code];
  if (getIndicator(code)!.kind === "rate" || v.value === null) return v.value;
  const covered = r.communes - v.missingQuarters;
  return covered > 0 ? v.value / covered : null;
}

/** Every indicator of the commune over the last eight quarters, against the scope and the target: small charts and one table. */
export async function TrendGrid({ view, commune, locale }: { view: ViewContext; commune: ScopeUnit; locale: Locale }) {
  const t = await getTranslations("dashboard.profile");
  const range = trailingQuarters(view.period!, QUARTERS);
  const [mine, scope] = await Promise.all([
    cachedIndicatorRows(commune.id, range, "period"),
    cachedIndicatorRows(view.scope.id, range, "period"),
  ]);
  const scopeRows = scope.rows.filter((r) => r.kind === "quarter");
  const start = Math.max(
    0,
    scopeRows.findIndex((r) => r.reportedQuarters > 0),
  );
  const quarters = scopeRows.slice(start).map((r) => r.period);
  const mineBy = new Map(mine.rows.filter((r) => r.kind === "quarter").map((r) => [r.period, r]));
  const scopeBy = new Map(scopeRows.map((r) => [r.period, r]));
  const span = quarters.length
    ? formatPeriod(quarters.length > 1 ? `${quarters[0]}..${quarters[quarters.length - 1]}` : quarters[0], locale)
    : "–";
  const caption = t("trendCaption", { commune: commune.name, scope: view.scope.name, span });
  const exportName = tableFileName(
    "chi-tieu-theo-quy",
    commune.code,
    quarters.length ? `${quarters[0]}..${quarters[quarters.length - 1]}` : undefined,
  );
  // Quarters of the other structure (before or after 1 July 2025) say how they were composed.
  const reformAt =
    quarters[0] < REFORM_QUARTER && quarters.includes(REFORM_QUARTER)
      ? formatQuarter(REFORM_QUARTER, locale)
      : undefined;
  const reformNotes = new Map<string, string[]>();
  for (const q of quarters) {
    const cross = mineBy.get(q)?.crossReform;
    if (!cross) continue;
    const phrase = derivedPhrase(cross.derivedFrom, locale);
    const text = cross.comparable
      ? t("reformDerived", { derived: phrase })
      : t("reformNotComparable", { derived: phrase });
    reformNotes.set(text, [...(reformNotes.get(text) ?? []), formatQuarter(q, locale)]);
  }
  const scopeName = (code: string) =>
    getIndicator(code)!.kind === "rate" ? view.scope.name : t("scopeAverage", { scope: view.scope.name });

  return (
    <section className="card" aria-labelledby="profile-trend-title">
      <h2 id="profile-trend-title">{t("trendTitle", { span })}</h2>
      <p className="muted small">{t("trendIntro", { commune: commune.name, scope: view.scope.name })}</p>
      {reformNotes.size > 0 && (
        <ul className="reform-notes small" data-testid="reform-notes" aria-label={t("reformTitle")}>
          {[...reformNotes].map(([text, qs]) => (
            <li key={text}>
              <strong>{qs.join(", ")}</strong>: {text}
            </li>
          ))}
        </ul>
      )}
      <div className="mini-grid">
        {mine.indicators.map((code) => {
          const def = getIndicator(code)!;
          const label = indicatorLabel(code, locale);
          const points: LinePoint[] = quarters.map((q) => ({
            label: formatQuarter(q, locale),
            commune: mineBy.get(q)?.values[code].value ?? null,
            scope: scopeBy.get(q) ? scopeFigure(scopeBy.get(q)!, code) : null,
            target: mineBy.get(q)?.values[code].target ?? null,
            // A quarter the scope's communes did not all report: a hollow point (the legend says so).
            "scope:incomplete": (scopeBy.get(q)?.values[code].missingQuarters ?? 0) > 0 ? 1 : 0,
          }));
          const hasTarget = points.some((p) => p.target !== null);
          return (
            <figure key={code} className="mini-chart">
              <figcaption>{label}</figcaption>
              <div
                role="img"
                aria-label={t("miniChartLabel", {
                  indicator: label,
                  commune: commune.name,
                  scope: scopeName(code),
                  span,
                })}
              >
                <LineChartView
                  data={points}
                  series={[
                    { key: "commune", name: commune.name, colour: "#0072B2" },
                    { key: "scope", name: scopeName(code), colour: "#E69F00" },
                    ...(hasTarget ? [{ key: "target", name: t("target"), colour: "#1b1f24", dashed: true }] : []),
                  ]}
                  percent={def.kind === "rate"}
                  locale={locale}
                  height={170}
                  compact
                  marker={reformAt ? { at: reformAt, label: t("reformMarker") } : undefined}
                />
              </div>
            </figure>
          );
        })}
      </div>
      <p className="legend small">
        <span className="legend-item">
          <span className="line-swatch" style={{ background: "#0072B2" }} aria-hidden="true" /> {commune.name}
        </span>
        <span className="legend-item">
          <span className="line-swatch" style={{ background: "#E69F00" }} aria-hidden="true" />{" "}
          {t("legendScope", { scope: view.scope.name })}
        </span>
        <span className="legend-item">
          <span className="line-swatch dashed" aria-hidden="true" /> {t("target")}
        </span>
        <span className="legend-item">
          <span className="hollow-dot" aria-hidden="true" />{" "}
          {locale === "vi"
            ? `${view.scope.name} chưa đủ báo cáo các xã trong quý (điểm rỗng, viền đứt)`
            : `${view.scope.name}: not every commune reported the quarter (hollow point, dashed ring)`}
        </span>
      </p>
      <details className="chart-data">
        <summary>{t("showTrendData")}</summary>
        <div className="card-toolbar">
          <DomTableExport tableId="profile-trend-table" name={exportName} title={caption} />
        </div>
        <ScrollTable label={caption}>
          <table className="data compact" id="profile-trend-table" data-testid="profile-trend-table">
            <caption className="sr-only">{caption}</caption>
            <thead>
              <tr>
                <th scope="col">{t("colIndicator")}</th>
                <th scope="col">{t("colSeries")}</th>
                {quarters.map((q) => (
                  <th key={q} scope="col" className="num">
                    {formatQuarter(q, locale)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {mine.indicators.map((code) => {
                const def = getIndicator(code)!;
                return (
                  <Fragment key={code}>
                    <tr>
                      <th scope="rowgroup" rowSpan={3}>
                        {indicatorLabel(code, locale)}
                      </th>
                      <th scope="row">{commune.name}</th>
                      {quarters.map((q) => (
                        <td
                          key={q}
                          className="num"
                          {...indicatorExportAttrs(def, mineBy.get(q)?.values[code].value ?? null)}
                        >
                          {formatIndicatorValue(def, mineBy.get(q)?.values[code].value ?? null, locale)}
                        </td>
                      ))}
                    </tr>
                    <tr>
                      <th scope="row">{scopeName(code)}</th>
                      {quarters.map((q) => (
                        <td
                          key={q}
                          className="num"
                          {...indicatorExportAttrs(def, scopeBy.get(q) ? scopeFigure(scopeBy.get(q)!, code) : null)}
                        >
                          {formatIndicatorValue(
                            def,
                            scopeBy.get(q) ? scopeFigure(scopeBy.get(q)!, code) : null,
                            locale,
                          )}
                        </td>
                      ))}
                    </tr>
                    <tr>
                      <th scope="row">{t("target")}</th>
                      {quarters.map((q) => (
                        <td
                          key={q}
                          className="num"
                          {...indicatorExportAttrs(def, mineBy.get(q)?.values[code].target ?? null)}
                        >
                          {formatIndicatorValue(def, mineBy.get(q)?.values[code].target ?? null, locale)}
                        </td>
                      ))}
                    </tr>
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      </details>
    </section>
  );
}
