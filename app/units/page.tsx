import { getTranslations } from "next-intl/server";
import { getDb } from "@/db";
import { listCommunesWithSuccessors, STRUCTURE_ROWS } from "@/db/queries/units";
import { getOverseeingUnit } from "../_components/scope";
import { getLocale } from "../_i18n/locale";

export async function generateMetadata() {
  const t = await getTranslations("units");
  return { title: t("title") };
}

export default async function UnitsPage() {
  const t = await getTranslations("units");
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
        <div className="table-wrap">
          <table className="data">
            <thead>
              <tr>
                <th scope="col">{t("colCode")}</th>
                <th scope="col">{t("colName")}</th>
                <th scope="col">{t("colSuccessor")}</th>
              </tr>
            </thead>
            <tbody>
              {communes.map((c) => (
                <tr key={c.code}>
                  <td>{c.code}</td>
                  <th scope="row">{c.name}</th>
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
