"use client";

import { useId, useMemo, useState } from "react";
import { useLocale, useTranslations } from "next-intl";
import type { ApiIssue } from "@/lib/import-report";
import { errorsToCsv } from "@/lib/ingest/report";
import type { IngestIssue } from "@/lib/ingest/types";
import { isLocale, type Locale } from "@/lib/format";
import { count, elementLabel, fold, ruleText } from "./labels";
import { ScrollRegion } from "./scroll-region";
import { downloadBlob } from "../../_components/download";

/** The file's name without its extension, safe in a download name. */
function baseName(fileName: string): string {
  return fileName.replace(/\.[^.]*$/, "").replace(/[^\p{L}\p{N}_-]+/gu, "-") || "tep";
}

/**
 * Errors or warnings of an upload: filterable by text and by kind, downloadable as CSV
 * (built here from the same list, so what is downloaded is what the server reported).
 */
export function IssueTable({
  kind,
  issues,
  total,
  fileName,
  committed = false,
  id: anchor,
}: {
  kind: "errors" | "warnings";
  issues: ApiIssue[];
  total: number;
  fileName: string;
  committed?: boolean;
  /** The section's id, for a link from the summary above. */
  id?: string;
}) {
  const t = useTranslations("imports");
  const l = useLocale();
  const locale: Locale = isLocale(l) ? l : "vi";
  const [text, setText] = useState("");
  const [code, setCode] = useState("");
  const id = useId();

  const codeLabel = useCodeLabel();
  const codes = useMemo(() => {
    const m = new Map<string, number>();
    for (const i of issues) m.set(i.code, (m.get(i.code) ?? 0) + 1);
    return [...m.entries()];
  }, [issues]);
  const message = (i: ApiIssue) => (locale === "en" ? i.messageEn : i.message);
  const needle = fold(text.trim());
  const shown = issues.filter(
    (i) =>
      (!code || i.code === code) &&
      (!needle || fold([i.line ?? "", i.column ?? "", i.value ?? "", message(i)].join(" ")).includes(needle)),
  );

  const onDownload = () => {
    const rows: IngestIssue[] = issues.map((i) => ({
      ...i,
      code: i.code as IngestIssue["code"],
      messageVi: i.message,
      messageEn: i.messageEn,
    }));
    downloadBlob(
      new Blob([errorsToCsv(rows, locale)], { type: "text/csv;charset=utf-8" }),
      `${kind === "errors" ? "loi" : "canh-bao"}-${baseName(fileName)}.csv`,
    );
  };

  const headingId = `${id}-heading`;
  return (
    <section id={anchor} className={`issues issues-${kind}`} aria-labelledby={headingId} data-testid={`issues-${kind}`}>
      <h3 id={headingId}>
        {t(kind === "errors" ? "issues.errorsHeading" : "issues.warningsHeading")} ({count(total, locale)})
      </h3>
      {kind === "warnings" && (
        <p className="muted">{t(committed ? "issues.warningsNoteCommitted" : "issues.warningsNote")}</p>
      )}
      {total > issues.length && (
        <p className="muted">
          {t("issues.truncated", { total: count(total, locale), shown: count(issues.length, locale) })}
        </p>
      )}
      <div className="issue-tools">
        <div className="field">
          <label htmlFor={`${id}-text`}>{t("issues.filterText")}</label>
          <input id={`${id}-text`} type="search" value={text} onChange={(e) => setText(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor={`${id}-code`}>{t("issues.filterCode")}</label>
          <select id={`${id}-code`} value={code} onChange={(e) => setCode(e.target.value)}>
            <option value="">{t("issues.allCodes", { count: count(issues.length, locale) })}</option>
            {codes.map(([c, n]) => (
              <option key={c} value={c}>
                {codeLabel(c)} ({count(n, locale)})
              </option>
            ))}
          </select>
        </div>
        <button type="button" className="secondary" onClick={onDownload}>
          {t(kind === "errors" ? "issues.downloadErrors" : "issues.downloadWarnings")}
        </button>
      </div>
      <p className="muted small" aria-live="polite">
        {t("issues.shown", { shown: count(shown.length, locale), total: count(issues.length, locale) })}
      </p>
      <ScrollRegion label={t(kind === "errors" ? "issues.errorsHeading" : "issues.warningsHeading")}>
        <table className="data issue-table">
          <caption className="sr-only">
            {t(kind === "errors" ? "issues.errorsCaption" : "issues.warningsCaption")}
          </caption>
          <thead>
            <tr>
              <th scope="col" className="num">
                {t("issues.colLine")}
              </th>
              <th scope="col" className="hide-narrow">
                {t("issues.colColumn")}
              </th>
              <th scope="col" className="hide-narrow">
                {t("issues.colValue")}
              </th>
              <th scope="col">{t("issues.colMessage")}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((i, k) => (
              <tr key={`${i.line}-${i.column}-${i.code}-${k}`} data-code={i.code}>
                <td className="num">{i.line ?? t("issues.wholeFile")}</td>
                <td className="cell-column hide-narrow" title={i.column ?? undefined}>
                  {i.column === null ? "" : elementLabel(i.column, locale)}
                </td>
                <td className="cell-value hide-narrow">{i.value ?? ""}</td>
                <td className="cell-message">{message(i)}</td>
              </tr>
            ))}
            {shown.length === 0 && (
              <tr>
                <td colSpan={4} className="muted">
                  {t("issues.noMatch")}
                </td>
              </tr>
            )}
          </tbody>
        </table>
      </ScrollRegion>
    </section>
  );
}

/** An issue code in words: "Số liệu bất thường", "Vượt quá tổng cho phép (…)". */
function useCodeLabel() {
  const t = useTranslations("imports");
  const l = useLocale();
  const locale: Locale = isLocale(l) ? l : "vi";
  return (c: string) => {
    if (/_le_/.test(c)) return t("codes.rule", { code: ruleText(c, locale) });
    return t.has(`codes.${c}`) ? t(`codes.${c}`) : c;
  };
}

/** The warnings counted by kind, shown above the list of changes, with a link to the full list below it. */
export function WarningSummary({
  result,
  committed,
}: {
  result: { warnings: ApiIssue[]; warningCount: number };
  committed: boolean;
}) {
  const t = useTranslations("imports");
  const l = useLocale();
  const locale: Locale = isLocale(l) ? l : "vi";
  const codeLabel = useCodeLabel();
  const byCode = new Map<string, number>();
  for (const w of result.warnings) byCode.set(w.code, (byCode.get(w.code) ?? 0) + 1);
  return (
    <div className="notice notice-warning warning-summary" data-testid="warning-summary">
      <p>
        {t(committed ? "preview.warningSummaryCommitted" : "preview.warningSummary", {
          count: count(result.warningCount, locale),
        })}
      </p>
      <ul>
        {[...byCode].map(([code, n]) => (
          <li key={code}>
            {codeLabel(code)}: {count(n, locale)}
          </li>
        ))}
      </ul>
      <p>
        <a href="#import-warnings">{t("preview.warningLink")}</a>
      </p>
    </div>
  );
}
