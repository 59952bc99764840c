import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { formatPeriod } from "@/lib/format";
import { readEnv } from "@/lib/env";
import { ViewFilters } from "./_components/filters/view-filters";
import { CompletenessCard } from "./_components/overview/completeness-card";
import { HeatTableCard } from "./_components/overview/heat-table-card";
import { KpiCards } from "./_components/overview/kpi-cards";
import { RankingCard } from "./_components/overview/ranking-card";
import { TrendCard } from "./_components/overview/trend-card";
import { ReporterEntryCard } from "./_components/overview/reporter-entry-card";
import { firstParam, type SearchParams } from "./_components/params";
import { EmptyState, WidgetSkeleton } from "./_components/ui/widget";
import { ViewNotices } from "./_components/ui/notices";
import { PeriodCompletenessNote } from "./_components/ui/period-completeness";
import { resolveView } from "./_components/view-context";
import { getLocale } from "./_i18n/locale";
import "./_components/dashboard.css";

export async function generateMetadata() {
  const t = await getTranslations();
  // The overview shares its segment with the root layout, so the title template does not apply here.
  return { title: { absolute: `${t("home.title")} · ${t("app.name")}` } };
}

const TABLE_STATE = ["sort", "q", "hide"] as const;

export default async function OverviewPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const sp = await searchParams;
  const t = await getTranslations("dashboard");
  const tHome = await getTranslations("home");
  const locale = await getLocale();
  const view = await resolveView(sp, "/");
  if (!view) {
    return (
      <>
        <h1>{t("overview.title")}</h1>
        <section className="card">
          <EmptyState action={{ href: "/imports", label: t("empty.goImport") }}>
            {tHome("noScope", { code: readEnv().ORG_UNIT_CODE })}
          </EmptyState>
        </section>
      </>
    );
  }
  const period = view.period;
  const hasData = period !== null && period.quarters.some((q) => view.quarters.includes(q));
  const tableState = Object.fromEntries(TABLE_STATE.map((k) => [k, firstParam(sp, k)]));
  const loading = t("loadingWidget");
  return (
    <div className="overview">
      <h1>{t("overview.title")}</h1>
      <ReporterEntryCard locale={locale} />
      <p className="subtitle">
        {view.scope.name} · {period ? formatPeriod(period.code, locale) : "–"}
      </p>
      <ViewNotices notices={view.notices} />
      {period && (
        <ViewFilters
          view={view}
          action="/"
          locale={locale}
          withIndicator
          carry={TABLE_STATE}
          initialCarry={tableState}
        />
      )}
      {!period || !hasData ? (
        <section className="card">
          <EmptyState action={{ href: "/imports", label: t("empty.goImport") }}>
            {period
              ? t("empty.noDataPeriod", { period: formatPeriod(period.code, locale), scope: view.scope.name })
              : t("empty.noData", { scope: view.scope.name })}
          </EmptyState>
        </section>
      ) : (
        <>
          <Suspense fallback={null}>
            <PeriodCompletenessNote scopeUnitId={view.scope.id} period={period.code} locale={locale} />
          </Suspense>
          <section aria-labelledby="kpi-title" className="kpi-section">
            <h2 id="kpi-title">{t("kpi.title", { period: formatPeriod(period.code, locale) })}</h2>
            <Suspense fallback={<WidgetSkeleton label={loading} height={360} />}>
              <KpiCards view={view} locale={locale} />
            </Suspense>
          </section>
          <Suspense fallback={<WidgetSkeleton label={loading} height={180} />}>
            <CompletenessCard view={view} locale={locale} />
          </Suspense>
          <div className="grid-2">
            <Suspense fallback={<WidgetSkeleton label={loading} height={520} />}>
              <RankingCard view={view} locale={locale} />
            </Suspense>
            <Suspense fallback={<WidgetSkeleton label={loading} height={360} />}>
              <TrendCard view={view} locale={locale} />
            </Suspense>
          </div>
          <Suspense fallback={<WidgetSkeleton label={loading} height={480} />}>
            <HeatTableCard view={view} locale={locale} state={tableState} />
          </Suspense>
        </>
      )}
    </div>
  );
}
