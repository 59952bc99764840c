"use client";

import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { UnitPicker } from "../../_components/unit-picker/unit-picker";

const href = (format: "csv" | "xlsx", period: string, scope: string | null) =>
  `/api/imports/template?format=${format}&period=${period}${scope ? `&scope=${encodeURIComponent(scope)}` : ""}`;

/**
 * Blank templates for a chosen quarter and, optionally, a unit picked by name in the structure in force
 * that quarter (by default: the overseeing unit, or the account's own); the links work without
 * JavaScript for the default quarter and unit.
 */
export function TemplateLinks({
  periods,
  defaultPeriod,
}: {
  periods: { code: string; label: string; structure: "2025-06" | "2025-07" }[];
  defaultPeriod: string;
}) {
  const t = useTranslations("imports");
  const id = useId();
  const [period, setPeriod] = useState(defaultPeriod);
  const [scope, setScope] = useState<{ structure: string; code: string } | null>(null);
  const structure = periods.find((p) => p.code === period)?.structure ?? "2025-07";
  // A unit of the other structure does not exist in this quarter's list.
  const scopeCode = scope && scope.structure === structure ? scope.code : null;
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
              <optgroup
                key={structure}
                label={t(structure === "2025-07" ? "templates.twoLevel" : "templates.threeLevel")}
              >
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
      <div className="field">
        <UnitPicker
          name="template-scope"
          label={t("templates.scope")}
          source={{ structure, levels: ["province", "district", "commune"] }}
          onPick={(o) => setScope({ structure, code: o.code })}
        />
      </div>
      <p className="template-links">
        <a className="button" href={href("csv", period, scopeCode)} download>
          {t("templates.csv")}
        </a>
        <a className="button" href={href("xlsx", period, scopeCode)} download>
          {t("templates.xlsx")}
        </a>
      </p>
    </section>
  );
}
