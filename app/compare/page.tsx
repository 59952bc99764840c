import { Suspense, type ReactNode } from "react";
import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { formatPeriod, type Locale } from "@/lib/format";
import { tableFileName } from "@/lib/export/filename";
import { parseReportingPeriod } from "@/lib/indicators/comparison";
import { AutoSubmitForm } from "../_components/filters/auto-submit-form";
import { PeriodFields, ScopeField, SubmitField } from "../_components/filters/view-filters";
import { allParams, firstParam, hrefWith, type SearchParams } from "../_components/params";
import { periodGroups } from "../_components/period-options";
import { ViewNotices } from "../_components/ui/notices";
import { PeriodCompletenessNote } from "../_components/ui/period-completeness";
import { EmptyState, WidgetSkeleton } from "../_components/ui/widget";
import { resolveView, viewParams, type ViewContext } from "../_components/view-context";
import { getLocale } from "../_i18n/locale";
import "../_components/dashboard.css";
import { CompareResult } from "./_components/compare-result";
import { compareCommunes, comparePeriods, MAX_SERIES, MIN_SERIES, resolveSubject } from "./_components/compare-data";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("compare") };
}

type Mode = "units" | "periods";

/** Compare 2–6 communes over one period, or one unit over 2–6 periods: grouped bars and a table. */
export default async function ComparePage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const t = await getTranslations("dashboard.compare");
  const td = await getTranslations("dashboard");
  const locale = await getLocale();
  const view = await resolveView(sp, "/compare");
  const mode: Mode = firstParam(sp, "mode") === "periods" ? "periods" : "units";
  const heading = (
    <>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("intro")}</p>
    </>
  );
  if (!view || !view.period) {
    return (
      <>
        {heading}
        <section className="card">
          <EmptyState action={{ href: "/imports", label: td("empty.goImport") }}>
            {td("empty.noData", { scope: view?.scope.name ?? "–" })}
          </EmptyState>
        </section>
      </>
    );
  }
  const base = viewParams(view);
  return (
    <>
      {heading}
      <ViewNotices notices={view.notices} />
      <nav aria-label={t("modeLabel")} className="tabs">
        {(["units", "periods"] as const).map((m) => (
          <Link
            key={m}
            href={hrefWith("/compare", { ...base, mode: m === "units" ? undefined : m })}
            aria-current={m === mode ? "page" : undefined}
          >
            {t(`mode.${m}`)}
          </Link>
        ))}
      </nav>
      {mode === "units" ? (
        <CompareUnits view={view} sp={sp} locale={locale} />
      ) : (
        <ComparePeriodsView view={view} sp={sp} locale={locale} />
      )}
    </>
  );
}

async function CompareUnits({ view, sp, locale }: { view: ViewContext; sp: SearchParams; locale: Locale }) {
  const t = await getTranslations("dashboard.compare");
  // Any number of communes, up to the whole scope, in the order of the scope's list (the legend's and the bars').
  const ticked = new Set(allParams(sp, "unit"));
  const chosen = view.communes.filter((u) => ticked.has(u.code)).map((u) => u.code);
  const used = chosen;
  const period = formatPeriod(view.period!.code, locale);
  const base = viewParams(view);
  return (
    <>
      <AutoSubmitForm action="/compare" label={t("formLabel")} className="card filters">
        <PeriodFields view={view} locale={locale} />
        <ScopeField view={view} />
        <SeriesChoices
          legend={t("chooseCommunes", { min: MIN_SERIES, max: view.communes.length })}
          name="unit"
          options={view.communes.map((c) => ({ value: c.code, label: c.name }))}
          chosen={chosen}
        />
        <p className="field-full choice-links">
          <Link
            href={hrefWith("/compare", { ...base, unit: view.communes.map((c) => c.code).join(",") })}
            scroll={false}
          >
            {t("selectAll")}
          </Link>
          {chosen.length > 0 && (
            <Link href={hrefWith("/compare", base)} scroll={false}>
              {t("selectNone")}
            </Link>
          )}
        </p>
        <SubmitField />
      </AutoSubmitForm>
      <Suspense fallback={null}>
        <PeriodCompletenessNote scopeUnitId={view.scope.id} period={view.period!.code} locale={locale} />
      </Suspense>
      <SeriesOutcome
        chosen={chosen.length}
        used={used.length}
        max={view.communes.length}
        tooMany={t("tooMany", { max: MAX_SERIES, count: chosen.length })}
        tooFew={t("tooFew", { min: MIN_SERIES, count: used.length })}
        loading={t("loading")}
      >
        <CommunesResult view={view} codes={used} locale={locale} title={t("tableTitleUnits", { period })} />
      </SeriesOutcome>
    </>
  );
}

async function CommunesResult({
  view,
  codes,
  locale,
  title,
}: {
  view: ViewContext;
  codes: string[];
  locale: Locale;
  title: string;
}) {
  const { series, scope } = await compareCommunes(view, codes);
  return (
    <CompareResult
      series={series}
      reference={scope}
      title={title}
      exportName={tableFileName("so-sanh-xa", view.period!.code)}
      locale={locale}
    />
  );
}

async function ComparePeriodsView({ view, sp, locale }: { view: ViewContext; sp: SearchParams; locale: Locale }) {
  const t = await getTranslations("dashboard.compare");
  const subject = await resolveSubject(view, firstParam(sp, "subject"));
  const groups = periodGroups(view.quarters, locale);
  // Oldest first, whatever order they were ticked in; a longer period after a shorter one starting with it.
  const chosen = [
    ...new Set(
      allParams(sp, "periods")
        .map((p) => parseReportingPeriod(p)?.code)
        .filter((p): p is string => !!p),
    ),
  ].sort((a, b) => {
    const [pa, pb] = [parseReportingPeriod(a)!, parseReportingPeriod(b)!];
    return pa.quarters[0] === pb.quarters[0]
      ? pa.quarters.length - pb.quarters.length
      : pa.quarters[0] < pb.quarters[0]
        ? -1
        : 1;
  });
  const used = chosen.slice(0, MAX_SERIES);
  return (
    <>
      <AutoSubmitForm action="/compare" label={t("formLabel")} className="card filters">
        <input type="hidden" name="mode" value="periods" />
        {view.scopeOptions.length > 1 ? (
          <ScopeField view={view} />
        ) : (
          view.structure !== view.overseeing.structure && (
            <input type="hidden" name="structure" value={view.structure} />
          )
        )}
        <div className="field field-wide">
          <label htmlFor="f-subject">{t("subject")}</label>
          <select id="f-subject" name="subject" defaultValue={subject.code}>
            <option value={view.scope.code}>{view.scope.name}</option>
            {view.communes.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <SeriesChoices
          legend={t("choosePeriods", { min: MIN_SERIES, max: MAX_SERIES })}
          name="periods"
          options={(["quarter", "half", "nine", "year"] as const).flatMap((k) => groups[k])}
          chosen={chosen}
        />
        <SubmitField />
      </AutoSubmitForm>
      <SeriesOutcome
        chosen={chosen.length}
        used={used.length}
        max={MAX_SERIES}
        tooMany={t("tooManyPeriods", { max: MAX_SERIES, count: chosen.length })}
        tooFew={t("tooFewPeriods", { min: MIN_SERIES, count: used.length })}
        loading={t("loading")}
      >
        <PeriodsResult
          subjectCode={subject.code}
          view={view}
          periods={used}
          locale={locale}
          title={t("tableTitlePeriods", { subject: subject.name })}
        />
      </SeriesOutcome>
    </>
  );
}

async function PeriodsResult({
  view,
  subjectCode,
  periods,
  locale,
  title,
}: {
  view: ViewContext;
  subjectCode: string;
  periods: string[];
  locale: Locale;
  title: string;
}) {
  const t = await getTranslations("dashboard.compare");
  const subject = await resolveSubject(view, subjectCode);
  const series = await comparePeriods(subject, periods, locale);
  const incomplete = series.filter((s) => s.reportedQuarters < s.expectedQuarters);
  return (
    <>
      <div
        className={`period-completeness ${incomplete.length ? "is-incomplete" : "is-complete"}`}
        data-testid="period-completeness"
        data-complete={incomplete.length ? "false" : "true"}
      >
        {incomplete.length === 0 ? (
          <p>{t("periodsComplete")}</p>
        ) : (
          incomplete.map((s) => (
            <p key={s.key}>
              <span aria-hidden="true">◐ </span>
              {t("periodIncomplete", { period: s.name, reported: s.reportedQuarters, expected: s.expectedQuarters })}
            </p>
          ))
        )}
      </div>
      <CompareResult
        series={series}
        title={title}
        exportName={tableFileName("so-sanh-ky", subject.code)}
        locale={locale}
      />
    </>
  );
}

/** The 2–6 things to compare, as checkboxes that keep what was ticked. */
function SeriesChoices({
  legend,
  name,
  options,
  chosen,
}: {
  legend: string;
  name: string;
  options: { value: string; label: string }[];
  chosen: string[];
}) {
  return (
    <fieldset className="choices field-full">
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className="check">
          <input type="checkbox" name={name} value={o.value} defaultChecked={chosen.includes(o.value)} />
          {o.label}
        </label>
      ))}
    </fieldset>
  );
}

/** Says when too many were ticked (only the first MAX_SERIES are used) or too few to compare, else shows the result. */
function SeriesOutcome({
  chosen,
  used,
  max,
  tooMany,
  tooFew,
  loading,
  children,
}: {
  chosen: number;
  used: number;
  max: number;
  tooMany: string;
  tooFew: string;
  loading: string;
  children: ReactNode;
}) {
  return (
    <>
      {chosen > max && (
        <p className="notice" role="status">
          {tooMany}
        </p>
      )}
      {used < MIN_SERIES ? (
        <section className="card">
          <EmptyState>{tooFew}</EmptyState>
        </section>
      ) : (
        <Suspense fallback={<WidgetSkeleton label={loading} height={420} />}>{children}</Suspense>
      )}
    </>
  );
}
