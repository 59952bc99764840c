import Link from "next/link";
import { getTranslations } from "next-intl/server";
import type { ImportListRow } from "@/db/queries/import-history";
import { tableFileName } from "@/lib/export/filename";
import { formatDateTime, type Locale } from "@/lib/format";
import { DomTableExport } from "../../_components/data-table/dom-table-export";
import { exportAttrs } from "../../_components/data-table/export-attrs";
import { count, isOneOf, SOURCES, STATUSES } from "./labels";
import { RevertButton, RevertFeedback } from "./revert-button";

/** A status as a word on a coloured badge (the word carries the meaning, not the colour). */
export async function StatusBadge({ status }: { status: string }) {
  const t = await getTranslations("imports");
  return (
    <span className={`import-status import-status-${status}`}>
      {isOneOf(STATUSES, status) ? t(`statuses.${status}`) : status}
    </span>
  );
}

/** The import history, newest first; committed uploads can be reverted from here. */
export async function HistoryTable({
  rows,
  locale,
  page,
  hasNext,
}: {
  rows: ImportListRow[];
  locale: Locale;
  page: number;
  hasNext: boolean;
}) {
  const t = await getTranslations("imports");
  const n = (x: number) => count(x, locale);
  if (rows.length === 0 && page === 1) return <p className="empty">{t("history.empty")}</p>;
  return (
    <RevertFeedback>
      <div className="card-toolbar">
        <p className="muted small">{t("history.caption")}</p>
        <DomTableExport
          tableId="history-table"
          name={tableFileName("lich-su-nhap-du-lieu", page > 1 ? `trang-${page}` : undefined)}
          title={t("history.heading")}
        />
      </div>
      <div className="table-wrap">
        <table className="data history-table" id="history-table" data-testid="history-table">
          <caption className="sr-only">{t("history.heading")}</caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("history.colId")}
              </th>
              <th scope="col">{t("history.colWhen")}</th>
              <th scope="col" className="hide-narrow">
                {t("history.colWho")}
              </th>
              <th scope="col" className="hide-narrow">
                {t("history.colSource")}
              </th>
              <th scope="col">{t("history.colFile")}</th>
              <th scope="col">{t("history.colStatus")}</th>
              <th scope="col">{t("history.colCounts")}</th>
              <th scope="col" data-export-skip="">
                {t("history.colActions")}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.id} data-import-id={r.id} data-status={r.status}>
                <td className="num" {...exportAttrs(r.id, "integer")}>
                  <Link href={`/imports/${r.id}`} aria-label={t("history.openLabel", { id: String(r.id) })}>
                    #{r.id}
                  </Link>
                </td>
                <td className="nowrap">{formatDateTime(new Date(r.createdAt))}</td>
                <td className="hide-narrow">{r.createdBy}</td>
                <td className="hide-narrow">{isOneOf(SOURCES, r.source) ? t(`sources.${r.source}`) : r.source}</td>
                <td className="file-cell">
                  {r.fileName ?? "–"}
                  {r.revertsImportId !== null && (
                    <div className="muted small">{t("history.revertOf", { id: String(r.revertsImportId) })}</div>
                  )}
                </td>
                <td>
                  <StatusBadge status={r.status} />
                  {r.revertedAt && (
                    <div className="muted small">
                      {t("history.revertedAt", { when: formatDateTime(new Date(r.revertedAt)) })}
                    </div>
                  )}
                </td>
                <td className="counts-cell">
                  {t("history.counts", { values: n(r.valueCount), new: n(r.newCount), changed: n(r.changedCount) })}
                  {r.errorCount > 0 && (
                    <div className="count-bad small">{t("history.errors", { count: n(r.errorCount) })}</div>
                  )}
                </td>
                <td data-export-skip="">
                  {/* A revert record is not itself offered for revert: upload the file again instead. */}
                  {r.status === "committed" && r.source !== "revert" && (
                    <RevertButton importId={r.id} changed={r.changedCount} added={r.newCount} />
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {(page > 1 || hasNext) && (
        <nav className="pager" aria-label={t("history.pagination")}>
          {page > 1 ? (
            <Link href={page === 2 ? "/imports" : `/imports?page=${page - 1}`}>← {t("history.prev")}</Link>
          ) : (
            <span />
          )}
          <span className="muted">{t("history.page", { page: String(page) })}</span>
          {hasNext ? <Link href={`/imports?page=${page + 1}`}>{t("history.next")} →</Link> : <span />}
        </nav>
      )}
    </RevertFeedback>
  );
}
