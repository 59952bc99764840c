"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";

const href = (format: "csv" | "xlsx", period: string) => `/api/imports/template?format=${format}&period=${period}`;

/** Blank templates for a chosen quarter; the links work without JavaScript for the default quarter. */
export function TemplateLinks({ periods, defaultPeriod }: { periods: { code: string; label: string; structure: "2025-06" | "2025-07" }[]; defaultPeriod: string }) {
  const t = useTranslations("imports");
  const id = useId();
  const [period, setPeriod] = useState(defaultPeriod);
  return (
    <section className="card templates-card" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{t("templates.heading")}</h2>
      <p className="muted">{t("templates.intro")}</p>
      <p className="muted">{t("templates.structureNote")}</p>
      <div className="field">
        <label htmlFor={`${id}-period`}>{t("templates.period")}</label>
        <select id={`${id}-period`} value={period} onChange={(e) => setPeriod(e.target.value)}>
          {(["2025-07", "2025-06"] as const).map((structure) => {
            const group = periods.filter((p) => p.structure === structure);
            return group.length ? (
              <optgroup key={structure} label={t(structure === "2025-07" ? "templates.twoLevel" : "templates.threeLevel")}>
                {group.map((p) => (
                  <option key={p.code} value={p.code}>
                    {p.label}
                  </option>
                ))}
              </optgroup>
            ) : null;
          })}
        </select>
      </div>
      <p className="template-links">
        <a className="button" href={href("csv", period)} download>
          {t("templates.csv")}
        </a>
        <a className="button" href={href("xlsx", period)} download>
          {t("templates.xlsx")}
        </a>
      </p>
    </section>
  );
}
