import { getTranslations } from "next-intl/server";
import { formatPeriod, type Locale } from "@/lib/format";
import { indicators } from "@/lib/indicators/catalogue";
import { formatIndicatorValue } from "@/lib/indicators/explain";
import { incompleteNote, over100Note } from "@/lib/indicators/flags";
import type { Comparison } from "@/lib/indicators/rollup";
import type { IndicatorDef } from "@/lib/indicators/catalogue";
import { changeParts } from "../change-text";
import { IndicatorFigure } from "../indicator-cell";
import { indicatorLabel } from "../indicator-labels";
import { cachedIndicatorRows, type ViewContext } from "../view-context";

/** One card per indicator for the whole scope: value, target, status, change, and what is missing. */
export async function KpiCards({ view, locale }: { view: ViewContext; locale: Locale }) {
  const t = await getTranslations("dashboard.kpi");
  const ts = await getTranslations("status");
  const statusText = { meets: ts("meets"), near: ts("near"), below: ts("below") };
  const result = await cachedIndicatorRows(view.scope.id, view.period!.code, "unit");
  const total = result.rows[result.rows.length - 1];
  const perCommuneQuarter = result.communes * result.period.quarters.length;

  const change = (def: IndicatorDef, c: Comparison, key: "vsPrevious" | "vsYearAgo") => {
    const period = formatPeriod(c.period, locale);
    if (c.delta === null) return t("noComparison", { period });
    const { arrow, amount } = changeParts(def, c.delta, locale);
    return t(key, { change: `${arrow} ${amount}${def.kind === "rate" ? ` ${t("points")}` : ""}`, period });
  };

  return (
    <div className="kpi-grid">
      {indicators.map((def) => {
        const v = total.values[def.code];
        const targetText =
          v.target === null
            ? t("noTarget")
            : def.kind === "rate"
              ? t("target", { target: formatIndicatorValue(def, v.target, locale) })
              : t("targetCount", {
                  target: formatIndicatorValue(def, v.target, locale),
                  perCommune: formatIndicatorValue(def, v.target / perCommuneQuarter, locale),
                });
        return (
          <article
            key={def.code}
            className={`kpi kpi-${v.status ?? "none"}`}
            data-testid={`kpi-${def.code}`}
            aria-labelledby={`kpi-${def.code}-label`}
          >
            <h3 id={`kpi-${def.code}-label`}>{indicatorLabel(def.code, locale)}</h3>
            <p className="kpi-value">
              <IndicatorFigure
                def={def}
                value={v}
                communes={total.communes}
                locale={locale}
                statusText={statusText}
                alwaysShowStatus
              />
            </p>
            <p className="kpi-target">{targetText}</p>
            <ul className="kpi-changes">
              <li>{change(def, v.previous, "vsPrevious")}</li>
              <li>{change(def, v.yearAgo, "vsYearAgo")}</li>
            </ul>
            {v.missingQuarters > 0 && (
              <p className="kpi-missing" title={t("missingHint")} data-flag="incomplete">
                <span aria-hidden="true">◐ </span>
                {incompleteNote(v, total.communes, locale) ?? t("missing", { count: v.missingQuarters })}
              </p>
            )}
            {over100Note(def, v.value, locale) && (
              <p className="kpi-flag" data-flag="over100">
                <span aria-hidden="true">⚠ </span>
                {over100Note(def, v.value, locale)}
              </p>
            )}
          </article>
        );
      })}
    </div>
  );
}
