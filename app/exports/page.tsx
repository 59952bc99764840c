import { Suspense } from "react";
import { getTranslations } from "next-intl/server";
import { getReadDb } from "@/db";
import { getLatestQuarter } from "@/db/queries/indicators";
import { listExportScopes } from "@/db/queries/summary-export";
import { listCommunesUnder } from "@/db/queries/units";
import { exportPeriods, type PeriodGroup } from "@/lib/export/period-options";
import { flattenQuery } from "@/lib/export/summary-query";
import { formatPeriod } from "@/lib/format";
import { indicators } from "@/lib/indicators/catalogue";
import { readEnv } from "@/lib/env";
import { calendarNow, lastClosedQuarter } from "@/lib/calendar";
import { UnitPicker } from "../_components/unit-picker/unit-picker";
import { indicatorLabel } from "../_components/indicator-labels";
import { getOverseeingUnit } from "../_components/scope";
import { requireUser } from "../_auth/session";
import type { AuthUser } from "@/lib/auth/permissions";
import { BlockSkeleton } from "../_components/ui/widget";
import { defaultScopeUnitId, getUnitById, getUserScope, scopeReadsCommune, scopeUnitAccess } from "@/db/queries/access";
import { getLocale } from "../_i18n/locale";
import "./exports.css";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  const t = await getTranslations("exports");
  return { title: t("title") };
}

const GROUPS: PeriodGroup[] = ["quarter", "half", "nine", "year"];

type Query = Promise<Record<string, string | string[] | undefined>>;

export default async function ExportsPage({ searchParams }: { searchParams: Query }) {
  const t = await getTranslations("exports");
  const user = await requireUser({ capability: "export" });
  // The heading and the intro show at once; the form streams in once its scopes and periods are read.
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="subtitle">{t("intro")}</p>
      <Suspense fallback={<BlockSkeleton label={(await getTranslations())("loading")} height={560} />}>
        <ExportForm user={user} searchParams={searchParams} />
      </Suspense>
    </>
  );
}

async function ExportForm({ user, searchParams }: { user: AuthUser; searchParams: Query }) {
  const t = await getTranslations("exports");
  const locale = await getLocale();
  const db = await getReadDb();
  const org = await getOverseeingUnit(db);
  const userScope = await getUserScope(db, user);
  // The overseeing unit for whoever may read it; else the user's own unit.
  const unit = org ? await getUnitById(db, await defaultScopeUnitId(db, userScope, org.id)) : null;
  if (!unit) {
    return (
      <section className="card empty">
        <p>{t("noScope", { code: readEnv().ORG_UNIT_CODE })}</p>
      </section>
    );
  }
  const [allScopes, allCommunes] = await Promise.all([
    listExportScopes(db, { unitId: unit.id }),
    listCommunesUnder(db, { unitId: unit.id }),
  ]);
  const scopeAllowed = await Promise.all(allScopes.map((s) => scopeUnitAccess(db, userScope, s.id)));
  const scopes = allScopes.filter((_, i) => scopeAllowed[i] !== null);
  const communes = allCommunes.filter((c) => scopeReadsCommune(userScope, c.id));
  const latest = await getLatestQuarter(db, { unitIds: communes.map((c) => c.id) });
  const periods = exportPeriods(latest ?? lastClosedQuarter(calendarNow()));
  // Choices come back from the print view's "back" link; anything unknown falls back to the defaults.
  const asked = flattenQuery(await searchParams);
  const offered = new Set(GROUPS.flatMap((g) => periods[g]));
  const period =
    asked.period && offered.has(asked.period.toUpperCase())
      ? asked.period.toUpperCase()
      : (latest ?? periods.quarter[0]);
  const scope = scopes.some((s) => s.code === asked.scope) ? asked.scope! : unit.code;
  const askedIndicators = new Set((asked.indicators ?? "").split(",").filter(Boolean));
  const checked = (code: string) => askedIndicators.size === 0 || askedIndicators.has(code);
  const counts = indicators.filter((d) => d.kind === "count");
  const rates = indicators.filter((d) => d.kind === "rate");

  return (
    <>
      <form className="card export-form" method="get" action="/api/exports/summary" aria-labelledby="export-form-title">
        <h2 id="export-form-title">{t("form.heading")}</h2>
        <p className="muted">
          {latest ? t("latest", { period: formatPeriod(latest, locale) }) : t("noData", { scope: unit.name })}
        </p>
        <input type="hidden" name="structure" value={unit.structure} />
        <div className="export-fields">
          {/* Without JavaScript the plain select (first, so its value is the one read); with it, the unit picked by name. */}
          <noscript>
            <div className="export-field">
              <label htmlFor="export-scope-plain">{t("form.scope")}</label>
              <select id="export-scope-plain" name="scope" defaultValue={scope}>
                {scopes.map((s) => (
                  <option key={s.id} value={s.code}>
                    {s.name} ({s.code})
                  </option>
                ))}
              </select>
            </div>
          </noscript>
          <div className="export-field">
            <UnitPicker
              id="export-scope"
              name="scope"
              label={t("form.scope")}
              source={{ options: scopes.map((s) => ({ code: s.code, name: s.name })) }}
              defaultValue={
                scopes.filter((s) => s.code === scope).map((s) => ({ code: s.code, name: s.name }))[0] ?? null
              }
              required
            />
          </div>
          <div className="export-field">
            <label htmlFor="export-period">{t("form.period")}</label>
            <select id="export-period" name="period" defaultValue={period}>
              {GROUPS.map((g) => (
                <optgroup key={g} label={t(`form.groups.${g}`)}>
                  {periods[g].map((code) => (
                    <option key={code} value={code}>
                      {formatPeriod(code, locale)}
                    </option>
                  ))}
                </optgroup>
              ))}
            </select>
          </div>
          <div className="export-field">
            <label htmlFor="export-date">{t("form.date")}</label>
            <input
              id="export-date"
              type="date"
              name="date"
              defaultValue={asked.date}
              aria-describedby="export-date-hint"
            />
            <p id="export-date-hint" className="export-hint">
              {t("form.dateHint")}
            </p>
          </div>
        </div>
        <fieldset className="export-indicators" aria-describedby="export-indicators-hint">
          <legend>{t("form.indicators")}</legend>
          <p id="export-indicators-hint" className="export-hint">
            {t("form.indicatorsHint")}
          </p>
          <div className="export-indicator-groups">
            {[
              { key: "counts", defs: counts },
              { key: "rates", defs: rates },
            ].map((g) => (
              <fieldset key={g.key}>
                <legend>{t(`form.${g.key as "counts" | "rates"}`)}</legend>
                {g.defs.map((d) => (
                  <label key={d.code} className="export-check">
                    <input type="checkbox" name="indicators" value={d.code} defaultChecked={checked(d.code)} />
                    <span>{indicatorLabel(d.code, locale)}</span>
                  </label>
                ))}
              </fieldset>
            ))}
          </div>
        </fieldset>
        <fieldset className="export-actions" aria-describedby="export-actions-hint">
          <legend>{t("form.downloads")}</legend>
          <p id="export-actions-hint" className="export-hint">
            {t("form.downloadsHint")}
          </p>
          <div className="export-buttons">
            <button type="submit" name="format" value="xlsx" className="primary">
              {t("form.xlsx")}
            </button>
            <button type="submit" name="format" value="docx" className="primary">
              {t("form.docx")}
            </button>
            <button type="submit" name="format" value="csv" className="primary">
              {t("form.csv")}
            </button>
            <button type="submit" formAction="/exports/print" className="export-secondary">
              {t("form.print")}
            </button>
          </div>
        </fieldset>
      </form>
    </>
  );
}
