import Link from "next/link";
import type { ReactNode } from "react";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { getImport } from "@/db/queries/imports";
import { tableFileName } from "@/lib/export/filename";
import { formatDateTime } from "@/lib/format";
import { DomTableExport } from "../../_components/data-table/dom-table-export";
import { getLocale } from "../../_i18n/locale";
import { requireUser } from "../../_auth/session";
import { getUserScope } from "@/db/queries/access";
import { StatusBadge } from "../_components/history-table";
import { ChangeCells, ChangeHeaderCells } from "../_components/change-cells";
import { count, formatBytes, isOneOf, SHAPES, SOURCES } from "../_components/labels";
import { RevertButton, RevertFeedback } from "../_components/revert-button";
import { ScrollRegion } from "../_components/scroll-region";
import "../imports.css";

export const dynamic = "force-dynamic";

const CHANGE_LIMIT = 1000;

function parseId(raw: string): number | null {
  return /^\d{1,9}$/.test(raw) && Number(raw) > 0 ? Number(raw) : null;
}

export async function generateMetadata({ params }: { params: Promise<{ id: string }> }) {
  const t = await getTranslations("imports");
  return { title: t("detail.title", { id: (await params).id }) };
}

/** One import: who, when, which file, and every value it changed, old → new. */
export default async function ImportDetailPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireUser({ capability: "read" });
  const id = parseId((await params).id);
  if (id === null) notFound();
  const t = await getTranslations("imports");
  const locale = await getLocale();
  const db = await getDb();
  // An import that touched none of the user's communes (and is not theirs) is not found.
  const row = await getImport(db, {
    id,
    changeLimit: CHANGE_LIMIT,
    visibleTo: { scope: await getUserScope(db, user), email: user.email },
  });
  if (!row) notFound();
  const n = (x: number) => count(x, locale);
  const facts: [string, ReactNode][] = [
    [t("detail.when"), formatDateTime(new Date(row.createdAt))],
    [t("detail.who"), row.createdBy],
    [t("detail.source"), isOneOf(SOURCES, row.source) ? t(`sources.${row.source}`) : row.source],
    [t("detail.file"), row.fileName ?? "–"],
    [t("detail.size"), row.fileSize === null ? "–" : formatBytes(row.fileSize, locale)],
    [t("detail.shape"), isOneOf(SHAPES, row.shape) ? t(`shapes.${row.shape}`) : "–"],
    [t("detail.status"), <StatusBadge key="s" status={row.status} />],
    [t("detail.rows"), n(row.rowCount)],
    [
      t("detail.counts"),
      t("history.counts", { values: n(row.valueCount), new: n(row.newCount), changed: n(row.changedCount) }),
    ],
    [
      t("detail.sha256"),
      row.sha256 ? (
        <code key="h" className="hash">
          {row.sha256}
        </code>
      ) : (
        "–"
      ),
    ],
  ];

  return (
    <>
      <p className="back-link">
        <Link href="/imports">← {t("detail.back")}</Link>
      </p>
      <h1>{t("detail.title", { id: String(row.id) })}</h1>
      <RevertFeedback>
        <section className="card" aria-labelledby="detail-summary">
          <h2 id="detail-summary">{t("detail.summary")}</h2>
          <dl className="facts">
            {facts.map(([k, v]) => (
              <div key={k}>
                <dt>{k}</dt>
                <dd>{v}</dd>
              </div>
            ))}
          </dl>
          {row.revertsImportId !== null && (
            <p>
              <Link href={`/imports/${row.revertsImportId}`}>
                {t("detail.revertOf", { id: String(row.revertsImportId) })}
              </Link>
            </p>
          )}
          {row.revertedAt && <p>{t("detail.reverted", { when: formatDateTime(new Date(row.revertedAt)) })}</p>}
          {row.status === "committed" && row.source !== "revert" && (
            <div className="preview-actions">
              <RevertButton importId={row.id} changed={row.changedCount} added={row.newCount} />
            </div>
          )}
        </section>
      </RevertFeedback>
      <section className="card" aria-labelledby="detail-changes">
        <h2 id="detail-changes">{t("detail.changesHeading")}</h2>
        {row.changes.length === 0 ? (
          <p className="empty">{t("detail.none")}</p>
        ) : (
          <>
            <div className="card-toolbar">
              {row.changes.length >= CHANGE_LIMIT && (
                <p className="muted">{t("detail.more", { shown: n(CHANGE_LIMIT) })}</p>
              )}
              <DomTableExport
                tableId="import-changes"
                name={tableFileName("thay-doi-lan-nhap", row.id)}
                title={t("detail.title", { id: String(row.id) })}
              />
            </div>
            <ScrollRegion label={t("detail.changesHeading")}>
              <table className="data" id="import-changes" data-testid="detail-changes">
                <caption>{t("detail.changesCaption", { count: n(row.changes.length) })}</caption>
                <thead>
                  <tr>
                    <ChangeHeaderCells
                      labels={{
                        commune: t("changes.colCommune"),
                        period: t("changes.colPeriod"),
                        element: t("changes.colElement"),
                        change: t("changes.colChange"),
                      }}
                    />
                  </tr>
                </thead>
                <tbody>
                  {row.changes.map((c) => (
                    <tr
                      key={`${c.unitCode}|${c.period}|${c.element}`}
                      data-unit-code={c.unitCode}
                      data-element={c.element}
                    >
                      <ChangeCells
                        change={c}
                        locale={locale}
                        newLabel={t("changes.newValue")}
                        removedLabel={t("changes.removed")}
                      />
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          </>
        )}
      </section>
    </>
  );
}
