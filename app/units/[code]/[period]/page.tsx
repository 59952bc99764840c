import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { entryFormContext, loadEntryForm } from "@/db/queries/entry-form";
import { listReports } from "@/db/queries/reports-read";
import { getScopeUnitByCode } from "@/db/queries/units";
import { scopeReadsCommune } from "@/db/queries/access";
import { nullIfNotFound } from "@/lib/errors";
import { can, scopeAllowsWrite } from "@/lib/auth/permissions";
import { formatDateTime, formatQuarter } from "@/lib/format";
import { isQuarterCode, structureForQuarter } from "@/lib/periods";
import { currentUserScope } from "../../../_components/view-context";
import { getLocale } from "../../../_i18n/locale";
import { ReportUploader } from "../../../reports/_components/report-uploader";
import { ApprovalPanel } from "./approval-panel";
import { EntryForm } from "./entry-form";
import "../../../_components/dashboard.css";
import "../../../reports/reports.css";
import "./entry-form.css";

type Props = { params: Promise<{ code: string; period: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations("entryForm");
  const p = await params;
  return { title: t("metaTitle", { code: p.code, period: p.period }) };
}

/**
 * A commune's quarter on one page: the figures (entered or corrected in the form, checked as they are
 * typed, saved as an import), the narrative report, and the approval (submit, approve, send back).
 * The quarter decides the unit list: /units/21136/2025Q1 is Xã Trà Tân (2025-06), /units/21136/2026Q4 Xã Cà Đam (2025-07).
 */
export default async function EntryPage({ params }: Props) {
  const { code, period } = await params;
  if (!/^\d{1,10}$/.test(code) || !isQuarterCode(period)) notFound();
  const db = await getDb();
  const unit = await nullIfNotFound(getScopeUnitByCode(db, { code, structure: structureForQuarter(period) }));
  if (!unit || unit.level !== "commune") notFound();
  const { user, scope } = await currentUserScope();
  if (!scopeReadsCommune(scope, unit.id)) redirect("/denied?need=read");
  const t = await getTranslations("entryForm");
  const locale = await getLocale();
  const data = await loadEntryForm(db, { user, unit, period });
  const writes = can(user.role, "import") && scopeAllowsWrite(scope, unit.id);
  const locked = data.status.status === "approved";
  const future = period > data.currentQuarter;
  const editable = writes && !locked && !future;
  const [report] = await listReports(db, { scope, unitCodes: [unit.code], periods: [period], limit: 5 }).then((rs) =>
    rs.filter((r) => r.unit.code === unit.code),
  );
  const quarter = formatQuarter(period, locale);
  return (
    <>
      <h1>{t("title", { quarter })}</h1>
      <p className="subtitle">
        {t("subtitle", { unit: unit.name, code: unit.code, structure: unit.structure })} ·{" "}
        <Link href={`/units/${unit.code}?structure=${unit.structure}&period=${period}`}>{t("backToProfile")}</Link>
      </p>
      {!writes && <p className="notice">{t("readOnly")}</p>}
      {writes && locked && (
        <p className="notice" data-testid="locked-notice">
          {t("locked")}
        </p>
      )}
      {writes && future && <p className="notice">{t("future")}</p>}
      <ApprovalPanel
        unit={unit.code}
        period={period}
        status={data.status.status}
        comment={data.status.comment}
        changedAt={data.status.changedAt ? new Date(data.status.changedAt).toISOString() : null}
        role={user.role}
        mayAct={scopeAllowsWrite(scope, unit.id)}
      />
      <EntryForm
        data={data}
        context={entryFormContext(data)}
        editable={editable}
        onBehalf={writes && user.role !== "reporter" ? user.email : null}
      />
      <section className="card" aria-labelledby="entry-report">
        <h2 id="entry-report">{t("reportHeading")}</h2>
        <p data-testid="entry-report-current">
          {report ? (
            <Link href={`/reports/${report.id}`}>
              {t("reportCurrent", {
                title: report.title,
                version: report.version,
                at: formatDateTime(new Date(report.createdAt)),
              })}
            </Link>
          ) : (
            t("reportNone")
          )}
        </p>
      </section>
      {writes && !locked && (
        <ReportUploader periods={[{ code: period, label: quarter }]} fixed={{ unit: unit.code, period }} />
      )}
    </>
  );
}
