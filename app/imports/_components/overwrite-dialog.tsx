"use client";

import { forwardRef, useId } from "react";
import { useLocale, useTranslations } from "next-intl";
import { formatPeriod, isLocale, type Locale } from "@/lib/format";
import type { ImportResponse } from "@/lib/import-report";
import { count } from "./labels";

/** Overwritten figures per commune and quarter, in file order, from the preview's list of changes. */
export function overwrittenGroups(
  changes: ImportResponse["changes"],
): { unit: string; period: string; count: number }[] {
  const groups = new Map<string, { unit: string; period: string; count: number }>();
  for (const c of changes) {
    if (c.oldValue === null) continue;
    const key = `${c.unitCode}|${c.period}`;
    const g = groups.get(key) ?? { unit: `${c.unitName} (${c.unitCode})`, period: c.period, count: 0 };
    g.count++;
    groups.set(key, g);
  }
  return [...groups.values()];
}

/**
 * Asked before a commit that replaces figures already stored: how many, of which communes and quarters.
 * The preview's list of changes may be cut short; the rest is counted, not named.
 */
export const OverwriteDialog = forwardRef<HTMLDialogElement, { result: ImportResponse; onConfirm: () => void }>(
  function OverwriteDialog({ result, onConfirm }, ref) {
    const t = useTranslations("imports");
    const l = useLocale();
    const locale: Locale = isLocale(l) ? l : "vi";
    const uid = useId();
    const groups = overwrittenGroups(result.changes);
    const named = groups.reduce((s, g) => s + g.count, 0);
    const close = () => (typeof ref === "object" ? ref?.current?.close() : undefined);
    return (
      <dialog
        ref={ref}
        className="confirm-dialog"
        aria-labelledby={`${uid}-title`}
        aria-describedby={`${uid}-body`}
        data-testid="overwrite-dialog"
      >
        <h2 id={`${uid}-title`}>{t("commit.overwriteTitle", { count: count(result.counts.changed, locale) })}</h2>
        <div id={`${uid}-body`}>
          <p>{t("commit.overwriteIntro")}</p>
          <ul className="overwrite-list">
            {groups.map((g) => (
              <li key={`${g.unit}|${g.period}`}>
                {t("commit.overwriteItem", {
                  unit: g.unit,
                  period: formatPeriod(g.period, locale),
                  count: count(g.count, locale),
                })}
              </li>
            ))}
            {result.counts.changed > named && (
              <li>{t("commit.overwriteMore", { count: count(result.counts.changed - named, locale) })}</li>
            )}
          </ul>
          {result.counts.new > 0 && <p>{t("commit.overwriteNew", { count: count(result.counts.new, locale) })}</p>}
          <p>{t("commit.overwriteHistory")}</p>
        </div>
        <div className="dialog-actions">
          <button
            type="button"
            className="primary"
            onClick={() => {
              close();
              onConfirm();
            }}
          >
            {t("commit.overwriteConfirm")}
          </button>
          <button type="button" className="secondary" autoFocus onClick={close}>
            {t("commit.overwriteCancel")}
          </button>
        </div>
      </dialog>
    );
  },
);
