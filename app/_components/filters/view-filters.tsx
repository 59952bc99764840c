import { getTranslations } from "next-intl/server";
import { formatPeriod, formatQuarter, type Locale } from "@/lib/format";
import { indicators } from "@/lib/indicators/catalogue";
import { indicatorLabel } from "../indicator-labels";
import { periodGroups, quarterSpan } from "../period-options";
import type { ViewContext } from "../view-context";
import { AutoSubmitForm } from "./auto-submit-form";
import { UnitPicker } from "../unit-picker/unit-picker";

/** The period select (quarters, half-years, nine months, years, a from–to range) and, for a range, its ends. */
export async function PeriodFields({ view, locale }: { view: ViewContext; locale: Locale }) {
  const t = await getTranslations("dashboard.filters");
  const groups = periodGroups(view.quarters, locale);
  const current = view.period;
  const isRange = current?.kind === "range";
  const listed = Object.values(groups).some((g: { value: string }[]) => g.some((o) => o.value === current?.code));
  const span = quarterSpan([...view.quarters, ...(current?.quarters ?? [])]);
  return (
    <>
      <div className="field">
        <label htmlFor="f-period">{t("period")}</label>
        <select id="f-period" name="period" defaultValue={isRange ? "range" : current?.code}>
          {current && !isRange && !listed && <option value={current.code}>{formatPeriod(current.code, locale)}</option>}
          {(["quarter", "half", "nine", "year"] as const).map((k) =>
            groups[k].length ? (
              <optgroup key={k} label={t(`group.${k}`)}>
                {groups[k].map((o) => (
                  <option key={o.value} value={o.value}>
                    {o.label}
                  </option>
                ))}
              </optgroup>
            ) : null,
          )}
          <optgroup label={t("group.range")}>
            <option value="range">{t("range")}</option>
          </optgroup>
        </select>
      </div>
      {isRange && current && (
        <>
          <div className="field">
            <label htmlFor="f-from">{t("from")}</label>
            <select id="f-from" name="from" defaultValue={current.quarters[0]}>
              {span.map((q) => (
                <option key={q} value={q}>
                  {formatQuarter(q, locale)}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="f-to">{t("to")}</label>
            <select id="f-to" name="to" defaultValue={current.quarters[current.quarters.length - 1]}>
              {span.map((q) => (
                <option key={q} value={q}>
                  {formatQuarter(q, locale)}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
    </>
  );
}

/**
 * The scope: the overseeing unit and, for a province, its districts, picked by name (the picker submits
 * the form once a unit is chosen); without JavaScript the plain select in <noscript> does it (it comes
 * first, so its value is the one the page reads). The structure rides along hidden.
 */
export async function ScopeField({ view }: { view: ViewContext }) {
  const t = await getTranslations("dashboard.filters");
  const options = view.scopeOptions.map((o) => ({ code: o.code, name: o.name }));
  return (
    <>
      <noscript>
        <div className="field">
          <label htmlFor="f-scope-plain">{t("scope")}</label>
          <select id="f-scope-plain" name="scope" defaultValue={view.scope.code}>
            {view.scopeOptions.map((o) => (
              <option key={o.code} value={o.code}>
                {o.name}
              </option>
            ))}
          </select>
        </div>
      </noscript>
      <div className="field">
        <UnitPicker
          id="f-scope"
          name="scope"
          label={t("scope")}
          source={{ options }}
          defaultValue={{ code: view.scope.code, name: view.scope.name }}
          submitOnPick
        />
      </div>
      {view.structure !== view.overseeing.structure && <input type="hidden" name="structure" value={view.structure} />}
    </>
  );
}

export async function SubmitField() {
  const t = await getTranslations("dashboard.filters");
  return (
    <div className="field field-submit">
      <button type="submit" className="primary">
        {t("submit")}
      </button>
    </div>
  );
}

/**
 * The period, scope (and optionally indicator) pickers of a view: a GET form, so the address holds the
 * choice and the page works without JavaScript; with it, each change submits at once.
 */
export async function ViewFilters({
  view,
  action,
  locale,
  withIndicator = false,
  carry = [],
  initialCarry = {},
}: {
  view: ViewContext;
  action: string;
  locale: Locale;
  withIndicator?: boolean;
  /** Hidden selections of other widgets to keep (refreshed from the address at submit time). */
  carry?: readonly string[];
  initialCarry?: Record<string, string | undefined>;
}) {
  const t = await getTranslations("dashboard.filters");
  return (
    <AutoSubmitForm action={action} label={t("label")} carry={carry} className="card filters">
      <PeriodFields view={view} locale={locale} />
      <ScopeField view={view} />
      {withIndicator && (
        <div className="field field-wide">
          <label htmlFor="f-indicator">{t("indicator")}</label>
          <select id="f-indicator" name="indicator" defaultValue={view.indicator.code}>
            {indicators.map((d) => (
              <option key={d.code} value={d.code}>
                {indicatorLabel(d.code, locale)}
              </option>
            ))}
          </select>
        </div>
      )}
      {carry.map((k) => (
        <input key={k} type="hidden" name={k} defaultValue={initialCarry[k] ?? ""} />
      ))}
      <SubmitField />
    </AutoSubmitForm>
  );
}
