import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getReadDb } from "@/db";
import { getSummaryExportData } from "@/db/queries/summary-export";
import { requireUser } from "../../_auth/session";
import { resolveRequestScope } from "../../api/_lib/scope";
import { documentDate, flattenQuery, summaryQuery } from "@/lib/export/summary-query";
import { formatNumber } from "@/lib/format";
import { AppError } from "@/lib/errors";
import { readEnv } from "@/lib/env";
import { getOverseeingUnit } from "../../_components/scope";
import { getLocale } from "../../_i18n/locale";
import { PrintButton } from "../_components/print-button";
import { SummaryDocument } from "../_components/summary-document";
import "../exports.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("exports");
  return { title: t("form.print") };
}

/** The summary table as a printable page: the same document as the workbook's first sheet, A4 landscape. */
export default async function ExportPrintPage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const user = await requireUser({ capability: "export" });
  const t = await getTranslations("exports");
  const locale = await getLocale();
  const raw = flattenQuery(await searchParams);
  const back = `/exports?${new URLSearchParams(Object.entries(raw).filter(([k]) => k !== "format")).toString()}`;
  const fail = (message: string) => (
    <>
      <h1>{t("form.print")}</h1>
      <section className="card error-box" role="alert">
        <p>{t("print.error", { message })}</p>
        <p>
          <Link href="/exports">{t("print.back")}</Link>
        </p>
      </section>
    </>
  );
  const q = summaryQuery.safeParse(raw);
  if (!q.success) return fail(q.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; "));
  const db = await getReadDb();
  const env = readEnv();
  let data;
  try {
    if (!(await getOverseeingUnit(db))) return fail(t("noScope", { code: env.ORG_UNIT_CODE }));
    // The unit asked for must lie in the user's scope (403 otherwise); a reporter's district: totals and their own rows.
    const { unit, userScope } = await resolveRequestScope(db, user, {
      scope: q.data.scope,
      structure: q.data.structure,
    });
    data = await getSummaryExportData(db, {
      reader: userScope,
      scopeUnitId: unit.id,
      period: q.data.period,
      indicators: q.data.indicators,
    });
  } catch (err) {
    if (err instanceof AppError) return fail(locale === "vi" ? err.messageVi : err.messageEn);
    throw err;
  }
  const communes = data.rows.filter((r) => r.kind === "commune").length;
  return (
    <>
      <nav className="print-toolbar" aria-label={t("print.toolbar")}>
        <Link href={back}>← {t("print.back")}</Link>
        <PrintButton label={t("print.print")} />
        <p className="export-hint">{t("print.hint")}</p>
      </nav>
      <SummaryDocument
        data={data}
        generatedAt={new Date()}
        date={documentDate(q.data.date)}
        labels={{ caption: t("print.caption", { count: formatNumber(communes, locale, 0) }) }}
      />
    </>
  );
}
