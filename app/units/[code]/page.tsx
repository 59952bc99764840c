import { Suspense } from "react";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getReadDb } from "@/db";
import { getScopeUnitByCode } from "@/db/queries/units";
import { getUnitParent } from "@/db/queries/unit-profile";
import { isWithin } from "@/db/queries/units";
import { nullIfNotFound } from "@/lib/errors";
import { formatPeriod, formatQuarter, type Locale } from "@/lib/format";
import { calendarNow, reportingCalendar } from "@/lib/calendar";
import { structureForQuarter } from "@/lib/periods";
import { ViewFilters } from "../../_components/filters/view-filters";
import type { SearchParams } from "../../_components/params";
import { ViewNotices } from "../../_components/ui/notices";
import { EmptyState, WidgetSkeleton } from "../../_components/ui/widget";
import { currentUserScope, resolveView } from "../../_components/view-context";
import { ApprovalCard } from "../../_components/approvals/approval-card";
import { firstParam, hrefWith } from "../../_components/params";
import { scopeReadsCommune } from "@/db/queries/access";
import { getLocale } from "../../_i18n/locale";
import "../../_components/dashboard.css";
import { ImportHistoryCard } from "../_components/import-history-card";
import { CommuneCompleteness } from "../_components/commune-completeness";
import { RankCard } from "../_components/rank-card";
import { RawFiguresCard } from "../_components/raw-figures-card";
import { TrendGrid } from "../_components/trend-grid";

/** Links to the entry page of the commune's quarters shown, and of the running quarter when the commune reports it. */
async function EntryLinks({
  commune,
  quarters,
  locale,
}: {
  commune: { code: string; structure: string };
  quarters: readonly string[];
  locale: Locale;
}) {
  const t = await getTranslations("entryForm");
  const current = reportingCalendar(calendarNow()).current;
  const list = [...new Set([...quarters, current])].filter((q) => structureForQuarter(q) === commune.structure).sort();
  if (list.length === 0) return null;
  return (
    <p data-testid="entry-links">
      {list.map((q, i) => (
        <span key={q}>
          {i > 0 ? " · " : ""}
          <Link href={`/units/${commune.code}/${q}`}>
            {q === current
              ? t("openCurrent", { quarter: formatQuarter(q, locale) })
              : t("open", { quarter: formatQuarter(q, locale) })}
          </Link>
        </span>
      ))}
    </p>
  );
}

type Props = { params: Promise<{ code: string }>; searchParams: Promise<SearchParams> };

async function findCommune(code: string, structure: string) {
  if (!/^\d{1,10}$/.test(code)) return null;
  const db = await getReadDb();
  const unit = await nullIfNotFound(getScopeUnitByCode(db, { code, structure }));
  return unit?.level === "commune" ? unit : null;
}

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations("dashboard.profile");
  return { title: t("metaTitle", { code: (await params).code }) };
}

/** A commune's profile: its rank, every indicator over eight quarters against the scope and the target, its raw figures and its imports. */
export default async function UnitProfilePage({ params, searchParams }: Props) {
  const { code } = await params;
  const sp = await searchParams;
  const t = await getTranslations("dashboard.profile");
  const td = await getTranslations("dashboard");
  const locale = await getLocale();
  const view = await resolveView(sp, `/units/${code}`);
  if (!view) notFound();
  const commune = await findCommune(code, view.structure);
  if (!commune) notFound();
  // A commune outside the user's scope (a reporter's neighbour, another district): refused on the server.
  const { user, scope: userScope } = await currentUserScope();
  if (!scopeReadsCommune(userScope, commune.id)) redirect("/denied?need=read");
  const db = await getReadDb();
  // The scope compared with must contain the commune; otherwise the overseeing unit (which must).
  const scope = (await isWithin(db, { unitId: commune.id, ancestorId: view.scope.id })) ? view.scope : view.overseeing;
  if (!(await isWithin(db, { unitId: commune.id, ancestorId: scope.id }))) notFound();
  const ctx = { ...view, scope };
  const parent = await getUnitParent(db, { unitId: commune.id });
  const loading = td("loadingWidget");
  return (
    <>
      <h1>{commune.name}</h1>
      <p className="subtitle">
        {t("subtitle", { code: commune.code, parent: parent?.name ?? "–" })}
        {view.period ? ` · ${formatPeriod(view.period.code, locale)}` : ""}
      </p>
      <p>
        <Link href={`/reports?unit=${commune.code}`}>{(await getTranslations("reports"))("profileLink")}</Link>
      </p>
      <EntryLinks commune={commune} quarters={view.period?.quarters ?? []} locale={locale} />
      <ViewNotices notices={view.notices} />
      {view.period && <ViewFilters view={ctx} action={`/units/${commune.code}`} locale={locale} />}
      {!view.period ? (
        <section className="card">
          <EmptyState action={{ href: "/imports", label: td("empty.goImport") }}>
            {td("empty.noData", { scope: scope.name })}
          </EmptyState>
        </section>
      ) : (
        <>
          <Suspense fallback={null}>
            <CommuneCompleteness view={ctx} commune={commune} locale={locale} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton label={loading} height={320} />}>
            <RankCard view={ctx} commune={commune} locale={locale} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton label={loading} height={480} />}>
            <TrendGrid view={ctx} commune={commune} locale={locale} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton label={loading} height={480} />}>
            <RawFiguresCard view={ctx} commune={commune} locale={locale} />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton label={loading} height={160} />}>
            <ApprovalCard
              commune={commune}
              quarters={view.period.quarters}
              user={user}
              back={hrefWith(`/units/${commune.code}`, {
                period: view.period.code,
                structure: firstParam(sp, "structure"),
              })}
              locale={locale}
              error={firstParam(sp, "approvalError")}
              done={firstParam(sp, "approvalDone")}
            />
          </Suspense>
          <Suspense fallback={<WidgetSkeleton label={loading} height={240} />}>
            <ImportHistoryCard commune={commune} locale={locale} />
          </Suspense>
        </>
      )}
    </>
  );
}
