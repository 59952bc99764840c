import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listCommunesWithSuccessors, STRUCTURE_ROWS } from "@/db/queries/units";
import { getOverseeingUnit } from "../_components/scope";
import { getLocale } from "../_i18n/locale";
import "../_components/dashboard.css";

export async function generateMetadata() {
  const t = await getTranslations("units");
  return { title: t("title") };
}

/** The communes of the overseeing unit, each linking to its profile, with what they became on 1 July 2025. */
export default async function UnitsPage() {
  const t = await getTranslations("units");
  const td = await getTranslations("dashboard.units");
  const locale = await getLocale();
  const db = await getDb();
  const unit = await getOverseeingUnit(db);
  const communes = unit ? await listCommunesWithSuccessors(db, { unitId: unit.id }) : [];
  const structure = STRUCTURE_ROWS.find((s) => s.code === unit?.structure);
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="subtitle">
        {t("intro", { scope: unit?.name ?? "–", structure: structure ? (locale === "vi" ? structure.nameVi : structure.nameEn) : "–" })} ·{" "}
        {t("count", { count: communes.length })}
      </p>
      <section className="card">
        <p className="muted small">{td("listHint")}</p>
        <div className="table-wrap">
          <table className="data">
            <caption className="sr-only">{td("listCaption", { scope: unit?.name ?? "–" })}</caption>
            <thead>
              <tr>
                <th scope="col">{t("colCode")}</th>
                <th scope="col">{t("colName")}</th>
                <th scope="col">{t("colSuccessor")}</th>
              </tr>
            </thead>
            <tbody>
              {communes.map((c) => (
                <tr key={c.code} data-unit-code={c.code}>
                  <td>{c.code}</td>
                  <th scope="row">
                    <Link href={`/units/${c.code}`}>{c.name}</Link>
                  </th>
                  <td>{c.successors.map((s) => `${s.name} (${s.code})`).join(", ") || "–"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}
