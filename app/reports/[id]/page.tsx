import Link from "next/link";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { getTranslations } from "next-intl/server";
import { getReport } from "@/db/queries/reports-read";
import { AppError } from "@/lib/errors";
import { formatDateTime, formatNumber, formatPeriod } from "@/lib/format";
import { getElement } from "@/lib/indicators/catalogue";
import type { FigureCheck, RepetitionEntry } from "@/db/queries/reports-checks";
import { getLocale } from "../../_i18n/locale";
import { requireUser } from "../../_auth/session";
import { reportsContext } from "../_components/context";
import { ReportsNav } from "../_components/reports-nav";
import { ReportTable } from "../_components/report-table";
import "../reports.css";

export const dynamic = "force-dynamic";

type Props = { params: Promise<{ id: string }> };

export async function generateMetadata({ params }: Props) {
  const t = await getTranslations("reports");
  return { title: `${t("title")} ${(await params).id}` };
}

/** The item's text with its recycled passages marked. */
function marked(text: string, entries: RepetitionEntry[]): ReactNode[] {
  const ranges = entries.flatMap((e) => e.ranges).sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && r[0] <= last[1] + 1) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  const out: ReactNode[] = [];
  let pos = 0;
  merged.forEach(([a, b], i) => {
    if (a > pos) out.push(text.slice(pos, a));
    out.push(
      <mark className="recycled" key={i}>
        {text.slice(a, b)}
      </mark>,
    );
    pos = b;
  });
  if (pos < text.length) out.push(text.slice(pos));
  return out;
}

/** The reader: parts and items with topics, recycled passages marked, citations, stated figures and their check, versions. */
export default async function ReportPage({ params }: Props) {
  await requireUser({ capability: "read" });
  const { id } = await params;
  if (!/^\d{1,9}$/.test(id)) notFound();
  const t = await getTranslations("reports");
  const locale = await getLocale();
  const { db, scope } = await reportsContext();
  const report = await getReport(db, { id: Number(id), scope }).catch((err) => {
    if (err instanceof AppError && err.status === 404) return null;
    throw err;
  });
  if (!report) notFound();
  const figures = report.figures as FigureCheck[];
  const references = report.references as {
    kind: string;
    number: string;
    issuer: string | null;
    date: string | null;
    part: string | null;
    itemNumber: number | null;
  }[];
  const coverage = report.coverage as { missingTopics?: string[] };
  const warnings = report.warnings as { message: string }[];
  const parts = [...new Set(report.items.map((i) => i.part))];
  const sourceLabel = (r: RepetitionEntry) => {
    const v = {
      part: r.source.part,
      number: r.source.number,
      period: formatPeriod(r.source.period, locale),
      unit: r.source.unit.name,
    };
    return r.kind === "same_report"
      ? t("report.sameReport", v)
      : r.kind === "previous"
        ? t("report.previous", v)
        : t("report.otherCommune", v);
  };
  return (
    <>
      <h1>
        {report.unit.name} — {formatPeriod(report.period, locale)}
      </h1>
      <p className="subtitle">
        {report.title} · {t("grid.version", { n: report.version })}
        {report.isCurrent ? ` (${t("report.current")})` : ""} · {formatDateTime(report.createdAt)} · {report.createdBy}
      </p>
      <ReportsNav current="grid" />
      {warnings.length > 0 && (
        <section className="card" aria-labelledby="warn-title">
          <h2 id="warn-title">{t("report.warnings")}</h2>
          <ul className="issues warnings">
            {warnings.map((w, i) => (
              <li key={i}>{w.message}</li>
            ))}
          </ul>
        </section>
      )}
      <section className="card" aria-labelledby="coverage-title">
        <h2 id="coverage-title">{t("report.coverage")}</h2>
        {coverage.missingTopics?.length ? (
          <ul>
            {coverage.missingTopics.map((tp) => (
              <li key={tp}>{t(`topicNames.${tp}` as "topicNames.other")}</li>
            ))}
          </ul>
        ) : (
          <p>{t("report.coverageAll")}</p>
        )}
      </section>
      <section className="card" aria-labelledby="items-title">
        <h2 id="items-title">{t("report.parts")}</h2>
        <p className="small muted">{t("report.recycledLegend")}</p>
        {report.preamble && (
          <>
            <h3>{t("report.preamble")}</h3>
            <p className="item-text">{report.preamble}</p>
          </>
        )}
        {parts.map((part) => (
          <section key={part} aria-label={t("report.part", { part })}>
            <h3>{t("report.part", { part })}</h3>
            {report.items
              .filter((i) => i.part === part)
              .map((it) => {
                const reps = it.repetition as RepetitionEntry[];
                return (
                  <article className="report-item" key={it.id} id={`item-${it.part}-${it.number}`}>
                    <h4>
                      {it.number}. {it.title}
                      <span className="topic-tag">{t(`topicNames.${it.topic}` as "topicNames.other")}</span>
                    </h4>
                    <p className="item-text">{marked(it.text, reps)}</p>
                    {reps.map((r, i) => (
                      <p className="small" key={i}>
                        {r.source.reportId && r.source.reportId !== report.id ? (
                          <Link href={`/reports/${r.source.reportId}#item-${r.source.part}-${r.source.number}`}>
                            {t("report.recycled", {
                              share: `${formatNumber(r.share * 100, locale, 0)}%`,
                              source: sourceLabel(r),
                            })}
                          </Link>
                        ) : r.kind === "same_report" ? (
                          <a href={`#item-${r.source.part}-${r.source.number}`}>
                            {t("report.recycled", {
                              share: `${formatNumber(r.share * 100, locale, 0)}%`,
                              source: sourceLabel(r),
                            })}
                          </a>
                        ) : (
                          t("report.recycled", {
                            share: `${formatNumber(r.share * 100, locale, 0)}%`,
                            source: sourceLabel(r),
                          })
                        )}
                      </p>
                    ))}
                    {(it.footnotes as { n: number; text: string }[]).length > 0 && (
                      <ol className="small" aria-label={t("report.footnotes")}>
                        {(it.footnotes as { n: number; text: string }[]).map((f) => (
                          <li key={f.n} value={f.n}>
                            {f.text}
                          </li>
                        ))}
                      </ol>
                    )}
                  </article>
                );
              })}
          </section>
        ))}
        {report.closing && (
          <>
            <h3>{t("report.closing")}</h3>
            <p className="item-text">{report.closing}</p>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="refs-title">
        <h2 id="refs-title">{t("report.references")}</h2>
        <ReportTable
          rows={references}
          rowKey={(r) => `${r.kind}-${r.number}`}
          columns={[
            { key: "kind", header: t("report.refKind"), cell: (r) => r.kind },
            { key: "number", header: t("report.refNumber"), rowHeader: true, cell: (r) => r.number },
            { key: "issuer", header: t("report.refIssuer"), cell: (r) => r.issuer ?? "—" },
            {
              key: "date",
              header: t("report.refDate"),
              cell: (r) => (r.date ? r.date.split("-").reverse().join("/") : "—"),
            },
            { key: "where", header: t("report.refWhere"), cell: (r) => (r.part ? `${r.part}.${r.itemNumber}` : "—") },
          ]}
        />
      </section>
      <section className="card" aria-labelledby="figs-title">
        <h2 id="figs-title">{t("report.figures")}</h2>
        {figures.length === 0 ? (
          <p>{t("report.noFigures")}</p>
        ) : (
          <ReportTable
            rows={figures}
            rowKey={(_f, i) => i}
            columns={[
              { key: "text", header: t("report.figText"), rowHeader: true, cell: (f) => `“${f.text}”` },
              { key: "value", header: t("report.figValue"), num: true, cell: (f) => formatNumber(f.value, locale, 0) },
              {
                key: "element",
                header: t("report.figElement"),
                cell: (f) =>
                  f.element ? (getElement(f.element)?.[locale === "vi" ? "labelVi" : "labelEn"] ?? f.element) : "—",
              },
              {
                key: "check",
                header: t("report.figCheck"),
                cellClass: (f) => `check-${f.check ?? "null"}`,
                cell: (f) =>
                  t(`report.check.${f.check ?? "null"}` as "report.check.none", { submitted: f.submitted ?? 0 }),
              },
            ]}
          />
        )}
      </section>
      <section className="card" aria-labelledby="versions-title">
        <h2 id="versions-title">{t("report.versions")}</h2>
        <ul>
          {report.versions.map((v) => (
            <li key={v.id}>
              {v.id === report.id ? (
                <strong>{t("grid.version", { n: v.version })}</strong>
              ) : (
                <Link href={`/reports/${v.id}`}>{t("grid.version", { n: v.version })}</Link>
              )}
              {v.isCurrent ? ` (${t("report.current")})` : ""} · {formatDateTime(v.createdAt)} · {v.createdBy}
              {v.fileName ? ` · ${v.fileName}` : ""}
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
