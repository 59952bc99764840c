import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getReportGrid, listReports } from "@/db/queries/reports-read";
import { can } from "@/lib/auth/permissions";
import { formatDateTime, formatPeriod, formatQuarter } from "@/lib/format";
import { structureForQuarter } from "@/lib/periods";
import { getLocale } from "../_i18n/locale";
import { requireUser } from "../_auth/session";
import { knownPeriods, reportsContext } from "./_components/context";
import { ReportUploader } from "./_components/report-uploader";
import { ReportsNav } from "./_components/reports-nav";
import { ReportTable, type ReportColumn } from "./_components/report-table";
import "./reports.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("reports");
  return { title: t("title") };
}

/** Báo cáo thuyết minh: communes × quarters of the scope (received / late / missing, with figures or not), upload, recent reports. */
export default async function ReportsPage({
  searchParams,
}: {
  searchParams: Promise<{ year?: string; unit?: string }>;
}) {
  const user = await requireUser({ capability: "read" });
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const sp = await searchParams;
  const { db, scope, unit } = await reportsContext();
  const periods = await knownPeriods();
  const years = [...new Set(periods.map((p) => Number(p.slice(0, 4))))].sort((a, b) => b - a);
  // By default the newest year with quarters in the scope's structure (a district of 2024–2025Q2: 2025).
  const inStructure = (y: number) => [1, 2, 3, 4].some((q) => structureForQuarter(`${y}Q${q}`) === unit.structure);
  const year = Number(sp.year) || years.find(inStructure) || years[0] || new Date().getFullYear();
  const quarters = [1, 2, 3, 4].map((q) => `${year}Q${q}`).filter((q) => structureForQuarter(q) === unit.structure);
  const grid = await getReportGrid(db, { scope, scopeUnitId: unit.id, quarters });
  const unitFilter = sp.unit && /^\d{1,10}$/.test(sp.unit) ? [sp.unit] : undefined;
  const recent = await listReports(db, { scope, unitCodes: unitFilter, limit: 30 });
  const uploadPeriods = [
    ...new Set([...periods.filter((p) => /Q\d$/.test(p)), ...years.flatMap((y) => [`${y}S1`, `${y}N9`, `${y}`])]),
  ];
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("intro")}</p>
      <ReportsNav current="grid" />
      {can(user.role, "import") && (
        <ReportUploader periods={uploadPeriods.map((code) => ({ code, label: formatPeriod(code, locale) }))} />
      )}
      <section className="card" aria-labelledby="grid-title">
        <div className="card-toolbar">
          <h2 id="grid-title">{t("grid.heading", { year })}</h2>
          <form method="get" className="inline-form">
            <label htmlFor="grid-year">{t("grid.year")}</label>
            <select id="grid-year" name="year" defaultValue={String(year)}>
              {(years.length ? years : [year]).map((y) => (
                <option key={y} value={y}>
                  {y}
                </option>
              ))}
            </select>
            <button type="submit" className="secondary small-button">
              {t("grid.show")}
            </button>
          </form>
        </div>
        {grid.length === 0 || quarters.length === 0 ? (
          <p>{t("grid.empty")}</p>
        ) : (
          <ReportTable
            className="report-grid"
            caption={t("grid.caption")}
            rows={grid}
            rowKey={(row) => row.unit.id}
            columns={[
              {
                key: "commune",
                header: t("grid.commune"),
                rowHeader: true,
                cell: (row) => <Link href={`/units/${row.unit.code}`}>{row.unit.name}</Link>,
              },
              ...quarters.map((q, i): ReportColumn<(typeof grid)[number]> => ({
                key: q,
                header: formatQuarter(q, locale),
                cellClass: (row) => `grid-cell state-${row.cells[i].state}`,
                cell: (row) => {
                  const c = row.cells[i];
                  return (
                    <>
                      {c.reportId ? (
                        <Link href={`/reports/${c.reportId}`}>{t(`grid.${c.state}`)}</Link>
                      ) : (
                        <span>{t(`grid.${c.state}`)}</span>
                      )}
                      {c.version && c.version > 1 ? (
                        <span className="muted small"> · {t("grid.version", { n: c.version })}</span>
                      ) : null}
                      <br />
                      <span className={`small ${c.figures ? "" : "muted"}`}>
                        {c.figures ? t("grid.figures") : t("grid.noFigures")}
                      </span>
                    </>
                  );
                },
              })),
            ]}
          />
        )}
      </section>
      <section className="card" aria-labelledby="recent-title">
        <h2 id="recent-title">{t("list.heading")}</h2>
        {recent.length === 0 ? (
          <p>{t("list.none")}</p>
        ) : (
          <ReportTable
            rows={recent}
            rowKey={(r) => r.id}
            columns={[
              {
                key: "unit",
                header: t("list.unit"),
                rowHeader: true,
                cell: (r) => <Link href={`/reports/${r.id}`}>{r.unit.name}</Link>,
              },
              { key: "period", header: t("list.period"), cell: (r) => formatPeriod(r.period, locale) },
              { key: "version", header: t("list.version"), num: true, cell: (r) => r.version },
              { key: "items", header: t("list.items"), num: true, cell: (r) => r.items },
              { key: "received", header: t("list.received"), cell: (r) => formatDateTime(new Date(r.createdAt)) },
              { key: "by", header: t("list.by"), cell: (r) => r.createdBy },
            ]}
          />
        )}
      </section>
    </>
  );
}
