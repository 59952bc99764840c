"use client";

import type { ReactNode, RefObject } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ImportResponse } from "@/lib/import-report";
import { isLocale, type Locale } from "@/lib/format";
import { ENCODING_KEYS, count, formatBytes, isOneOf, SHAPES } from "./labels";
import { ChangeCells, ChangeHeaderCells } from "./change-cells";
import { IssueTable, WarningSummary } from "./issue-table";
import { ScrollRegion } from "./scroll-region";

/** What a preview (or a commit) found: counts, what was detected, the changes, errors and warnings. */
export function ImportPreview({
  result,
  committed = false,
  notice,
  actions,
  headingRef,
}: {
  result: ImportResponse;
  /** The figures were written: headings speak in the past tense. */
  committed?: boolean;
  /** What the outcome means and what to do next, under the heading. */
  notice: ReactNode;
  /** Commit and follow-up controls, right under the counts (not below a long error list). */
  actions: ReactNode;
  headingRef?: RefObject<HTMLHeadingElement | null>;
}) {
  const t = useTranslations("imports");
  const l = useLocale();
  const locale: Locale = isLocale(l) ? l : "vi";
  const n = (x: number) => count(x, locale);
  const shape = isOneOf(SHAPES, result.shape) ? t(`shapes.${result.shape}`) : t("preview.unknown");
  const encoding =
    result.encoding && result.encoding in ENCODING_KEYS
      ? t(`encodings.${ENCODING_KEYS[result.encoding as keyof typeof ENCODING_KEYS]}`)
      : result.shape === "xlsx"
        ? t("encodings.none")
        : t("preview.unknown");
  const counts: [string, number, string?][] = [
    [t("preview.rows"), result.counts.rows],
    [t("preview.values"), result.counts.values],
    [t("preview.new"), result.counts.new],
    [t("preview.changed"), result.counts.changed],
    [t("preview.unchanged"), result.counts.unchanged],
    [t("preview.errors"), result.errorCount, result.errorCount > 0 ? "bad" : "good"],
    [t("preview.warnings"), result.warningCount, result.warningCount > 0 ? "warn" : undefined],
  ];
  const totalChanges = result.counts.new + result.counts.changed;
  const changeLabels = {
    commune: t("changes.colCommune"),
    period: t("changes.colPeriod"),
    element: t("changes.colElement"),
    change: t("changes.colChange"),
  };

  return (
    <>
      <h2 ref={headingRef} tabIndex={-1} id="preview-title">
        {t(committed ? "preview.headingCommitted" : "preview.heading", { name: result.fileName })}
      </h2>
      {notice}
      <dl className="summary-counts" aria-label={t("preview.summaryLabel")} data-testid="preview-counts">
        {counts.map(([label, value, tone]) => (
          <div key={label} className={tone ? `count-${tone}` : undefined}>
            <dt>{label}</dt>
            <dd>{n(value)}</dd>
          </div>
        ))}
      </dl>
      <p className="muted small" data-testid="preview-detected">
        {t("preview.detected", { shape, encoding, size: formatBytes(result.fileSize, locale) })}
      </p>
      {actions}

      {result.errors.length > 0 && (
        <IssueTable kind="errors" issues={result.errors} total={result.errorCount} fileName={result.fileName} />
      )}

      {result.warnings.length > 0 && <WarningSummary result={result} committed={committed} />}

      {result.changes.length > 0 && (
        <section className="changes" aria-labelledby="changes-title">
          <h3 id="changes-title">{t(committed ? "changes.headingCommitted" : "changes.heading")}</h3>
          {totalChanges > result.changes.length && (
            <p className="muted">{t("changes.more", { shown: n(result.changes.length), total: n(totalChanges) })}</p>
          )}
          <ScrollRegion label={t("changes.heading")}>
            <table className="data" data-testid="changes-table">
              <caption>
                {t(committed ? "changes.captionCommitted" : "changes.caption", { count: n(totalChanges) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col" className="num hide-narrow">
                    {t("changes.colLine")}
                  </th>
                  <ChangeHeaderCells labels={changeLabels} />
                </tr>
              </thead>
              <tbody>
                {result.changes.map((c) => (
                  <tr
                    key={`${c.unitCode}|${c.period}|${c.element}`}
                    data-unit-code={c.unitCode}
                    data-element={c.element}
                  >
                    <td className="num hide-narrow">{c.line}</td>
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
        </section>
      )}

      {result.warnings.length > 0 && (
        <IssueTable
          kind="warnings"
          issues={result.warnings}
          total={result.warningCount}
          fileName={result.fileName}
          committed={committed}
          id="import-warnings"
        />
      )}
    </>
  );
}
