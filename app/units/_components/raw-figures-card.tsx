import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getReadDb } from "@/db";
import { listDataValues } from "@/db/queries/data-values";
import type { ScopeUnit } from "@/db/queries/units";
import { tableFileName } from "@/lib/export/filename";
import { formatNumber, formatQuarter, type Locale } from "@/lib/format";
import { dataElements } from "@/lib/indicators/catalogue";
import { parsePeriod } from "@/lib/periods";
import { DomTableExport } from "../../_components/data-table/dom-table-export";
import { exportAttrs } from "../../_components/data-table/export-attrs";
import { trailingQuarters } from "../../_components/period-options";
import type { ViewContext } from "../../_components/view-context";
import { ScrollTable } from "../../_components/ui/scroll-table";

/** The commune's 23 reported figures per quarter, as stored ("–" where it did not report). */
export async function RawFiguresCard({
  view,
  commune,
  locale,
}: {
  view: ViewContext;
  commune: ScopeUnit;
  locale: Locale;
}) {
  const t = await getTranslations("dashboard.profile");
  const firstWithData = view.quarters[0];
  const quarters = parsePeriod(trailingQuarters(view.period!, 8))!.quarters.filter(
    (q) => !firstWithData || q >= firstWithData,
  );
  const values = await listDataValues(await getReadDb(), { unitIds: [commune.id], quarters });
  const byKey = new Map(values.map((v) => [`${v.element}|${v.period}`, v.value]));
  const reported = new Set(values.map((v) => v.period));
  const caption = t("rawCaption", { commune: commune.name });
  const exportName = tableFileName(
    "so-lieu-goc",
    commune.code,
    quarters.length ? `${quarters[0]}..${quarters[quarters.length - 1]}` : undefined,
  );
  return (
    <section className="card" aria-labelledby="raw-title">
      <h2 id="raw-title">{t("rawTitle")}</h2>
      <div className="card-toolbar">
        <p className="muted small">
          {t("rawIntro")} <Link href="/imports">{t("goImport")}</Link>
        </p>
        <DomTableExport tableId="raw-table" name={exportName} title={caption} />
      </div>
      <ScrollTable label={caption}>
        <table className="data compact raw-table" id="raw-table" data-testid="raw-table">
          <caption className="sr-only">{caption}</caption>
          <thead>
            <tr>
              <th scope="col" className="sticky-col">
                {t("colElement")}
              </th>
              {quarters.map((q) => (
                <th key={q} scope="col" className="num">
                  {formatQuarter(q, locale)}
                  {!reported.has(q) && <span className="cell-note">{t("quarterMissing")}</span>}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {dataElements.map((e) => (
              <tr key={e.code}>
                <th scope="row" className="sticky-col">
                  {locale === "vi" ? e.labelVi : e.labelEn}
                </th>
                {quarters.map((q) => {
                  const v = byKey.get(`${e.code}|${q}`);
                  return (
                    <td key={q} className="num" data-testid={`raw-${e.code}-${q}`} {...exportAttrs(v, "count")}>
                      {v === undefined ? "–" : formatNumber(v, locale, 0)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}
