import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { getDeadlineDay } from "@/db/queries/completeness";
import { listTargets } from "@/db/queries/targets";
import { formatDateTime } from "@/lib/format";
import { getIndicator } from "@/lib/indicators/catalogue";
import { formatIndicatorValue } from "@/lib/indicators/explain";
import { getLocale } from "../_i18n/locale";
import { requireUser } from "../_auth/session";
import "../_components/dashboard.css";
import "./admin.css";
import { DeadlineForm, TargetForm } from "./_components/admin-forms";
import { ScrollTable } from "../_components/ui/scroll-table";

export async function generateMetadata() {
  const t = await getTranslations("nav");
  return { title: t("admin") };
}

/** Targets per indicator and the reporting deadline: plain forms, each saved on its own. */
export default async function AdminPage() {
  await requireUser({ capability: "manageTargets" });
  const t = await getTranslations("dashboard.admin");
  const tn = await getTranslations("nav");
  const tu = await getTranslations("adminUsers");
  const locale = await getLocale();
  const db = await getDb();
  const [targets, deadlineDay] = await Promise.all([listTargets(db), getDeadlineDay(db)]);
  return (
    <>
      <h1>{tn("admin")}</h1>
      <p className="subtitle">
        {t("intro")} <Link href="/admin/users">{tu("title")} →</Link>
      </p>
      <section className="card" aria-labelledby="targets-title">
        <h2 id="targets-title">{t("targetsTitle")}</h2>
        <p className="muted small">{t("targetsHelp")}</p>
        <ScrollTable label={t("targetsTitle")}>
          <table className="data admin-targets" data-testid="targets-table">
            <caption className="sr-only">{t("targetsTitle")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("colIndicator")}</th>
                <th scope="col" className="num hide-narrow">
                  {t("colDefault")}
                </th>
                <th scope="col">{t("colTarget")}</th>
                <th scope="col" className="hide-narrow">
                  {t("colUpdated")}
                </th>
              </tr>
            </thead>
            <tbody>
              {targets.map((r) => {
                const def = getIndicator(r.code)!;
                const label = locale === "vi" ? r.labelVi : r.labelEn;
                const defaultText =
                  r.defaultTarget === null ? t("none") : `≥ ${formatIndicatorValue(def, r.defaultTarget, locale)}`;
                return (
                  <tr key={r.code} data-indicator={r.code}>
                    <th scope="row">
                      {label}
                      <span className="cell-note">
                        {r.kind === "rate" ? t("kindRate") : t("kindCount")}
                        <span className="show-narrow"> · {t("defaultNote", { target: defaultText })}</span>
                      </span>
                    </th>
                    <td className="num hide-narrow">{defaultText}</td>
                    <td>
                      <TargetForm
                        indicator={r.code}
                        label={label}
                        current={
                          r.target === null
                            ? ""
                            : locale === "vi"
                              ? String(r.target).replace(".", ",")
                              : String(r.target)
                        }
                        unit={r.kind === "rate" ? "%" : t("perCommuneQuarter")}
                        canReset={r.overridden}
                      />
                    </td>
                    <td className="small hide-narrow">
                      {r.overridden && r.updatedAt
                        ? t("updated", { at: formatDateTime(r.updatedAt), by: r.updatedBy ?? "–" })
                        : t("isDefault")}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollTable>
      </section>
      <section className="card" aria-labelledby="deadline-title">
        <h2 id="deadline-title">{t("deadlineTitle")}</h2>
        <p className="muted small">{t("deadlineHelp", { day: deadlineDay })}</p>
        <DeadlineForm current={deadlineDay} />
      </section>
    </>
  );
}
