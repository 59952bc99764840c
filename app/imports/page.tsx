import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listImports } from "@/db/queries/imports";
import { defaultTemplatePeriod } from "@/lib/export/template";
import { formatPeriod, type Locale } from "@/lib/format";
import { addQuarters, quarterRange } from "@/lib/periods";
import { calendarNow, currentQuarter, structureFor } from "@/lib/calendar";
import { getLocale } from "../_i18n/locale";
import { requireUser } from "../_auth/session";
import { getUserScope } from "@/db/queries/access";
import { can, type AuthUser } from "@/lib/auth/permissions";
import { BlockSkeleton } from "../_components/ui/widget";
import { HistoryTable } from "./_components/history-table";
import { ImportUploader } from "./_components/import-uploader";
import { TemplateLinks } from "./_components/template-links";
import "./imports.css";

export const dynamic = "force-dynamic";

const PAGE_SIZE = 25;
/** Templates are offered for the current quarter and the eleven before it. */
const TEMPLATE_QUARTERS = 12;

export async function generateMetadata() {
  const t = await getTranslations("imports");
  return { title: t("title") };
}

export default async function ImportsPage({ searchParams }: { searchParams: Promise<{ page?: string }> }) {
  const user = await requireUser({ capability: "read" });
  const t = await getTranslations("imports");
  const loading = (await getTranslations())("loading");
  const locale = await getLocale();
  // Vietnam's calendar (DVCQ_TODAY pins it); each quarter's template lists the units in force then.
  const now = calendarNow();
  const current = currentQuarter(now);
  const periods = quarterRange(addQuarters(current, 1 - TEMPLATE_QUARTERS), current)
    .reverse()
    .map((code) => ({ code, label: formatPeriod(code, locale), structure: structureFor(code) }));

  // The heading, the intro and the upload form show at once; the history streams in when read.
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("intro")}</p>
      {can(user.role, "import") && (
        <ImportUploader aside={<TemplateLinks periods={periods} defaultPeriod={defaultTemplatePeriod(now)} />} />
      )}
      <section className="card" aria-labelledby="history-title">
        <h2 id="history-title">{t("history.heading")}</h2>
        <Suspense fallback={<BlockSkeleton label={loading} height={360} />}>
          <History user={user} searchParams={searchParams} locale={locale} />
        </Suspense>
      </section>
    </>
  );
}

async function History({
  user,
  searchParams,
  locale,
}: {
  user: AuthUser;
  searchParams: Promise<{ page?: string }>;
  locale: Locale;
}) {
  const requested = Number((await searchParams).page);
  const page = Number.isInteger(requested) && requested > 1 ? requested : 1;
  const db = await getDb();
  // One row more than shown tells whether there is a next page.
  const rows = await listImports(db, {
    limit: PAGE_SIZE + 1,
    offset: (page - 1) * PAGE_SIZE,
    visibleTo: { scope: await getUserScope(db, user), email: user.email },
  });
  return <HistoryTable rows={rows.slice(0, PAGE_SIZE)} locale={locale} page={page} hasNext={rows.length > PAGE_SIZE} />;
}
