import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import type { ScopeUnit } from "@/db/queries/units";
import { listUnitImports } from "@/db/queries/unit-profile";
import { tableFileName } from "@/lib/export/filename";
import { formatDateTime, formatQuarter, type Locale } from "@/lib/format";
import { DomTableExport } from "../../_components/data-table/dom-table-export";
import { exportAttrs } from "../../_components/data-table/export-attrs";

const SOURCES = ["web", "api", "cli", "demo", "revert", "form"] as const;
const STATUSES = ["committed", "unchanged", "rejected", "reverted"] as const;
const isOneOf = <T extends string>(list: readonly T[], x: string): x is T => (list as readonly string[]).includes(x);

/** The imports that changed this commune's figures, newest first, and what each did to them. */
export async function ImportHistoryCard({ commune, locale }: { commune: ScopeUnit; locale: Locale }) {
  const t = await getTranslations("dashboard.profile");
  const tImports = await getTranslations("imports");
  const rows = await listUnitImports(await getDb(), { unitId: commune.id });
  const caption = t("historyCaption", { commune: commune.name });
  return (
    <section className="card" aria-labelledby="history-title">
      <h2 id="history-title">{t("historyTitle")}</h2>
      {rows.length === 0 ? (
        <p className="muted">
          {t("historyEmpty")} <Link href="/imports">{t("goImport")}</Link>
        </p>
      ) : (
        <>
          <div className="card-toolbar">
            <DomTableExport
              tableId="import-history"
              name={tableFileName("lich-su-nhap", commune.code)}
              title={caption}
            />
          </div>
          <div className="table-wrap">
            <table className="data compact" id="import-history" data-testid="import-history">
              <caption className="sr-only">{caption}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("colWhen")}</th>
                  <th scope="col">{t("colImport")}</th>
                  <th scope="col">{t("colSource")}</th>
                  <th scope="col">{t("colPeriods")}</th>
                  <th scope="col" className="num">
                    {t("colAdded")}
                  </th>
                  <th scope="col" className="num">
                    {t("colChanged")}
                  </th>
                  <th scope="col" className="num">
                    {t("colRemoved")}
                  </th>
                  <th scope="col">{t("colStatus")}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.importId}>
                    <td>{formatDateTime(r.createdAt)}</td>
                    <th scope="row">
                      <Link href={`/imports/${r.importId}`}>{t("importNo", { id: r.importId })}</Link>
                      {r.fileName && <span className="cell-note">{r.fileName}</span>}
                    </th>
                    <td>
                      {isOneOf(SOURCES, r.source) ? tImports(`sources.${r.source}`) : r.source}
                      {r.source !== "demo" && <span className="cell-note">{r.createdBy}</span>}
                    </td>
                    <td>{r.periods.map((p) => formatQuarter(p, locale)).join(", ")}</td>
                    <td className="num" {...exportAttrs(r.added, "integer")}>
                      {r.added}
                    </td>
                    <td className="num" {...exportAttrs(r.changed, "integer")}>
                      {r.changed}
                    </td>
                    <td className="num" {...exportAttrs(r.removed, "integer")}>
                      {r.removed}
                    </td>
                    <td>{isOneOf(STATUSES, r.status) ? t(`importStatus.${r.status}`) : r.status}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}
