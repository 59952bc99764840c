import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { getReadDb } from "@/db";
import { listCommunesWithSuccessors, STRUCTURE_ROWS } from "@/db/queries/units";
import { tableFileName } from "@/lib/export/filename";
import { DomTableExport } from "../_components/data-table/dom-table-export";
import { getOverseeingUnit } from "../_components/scope";
import { getLocale } from "../_i18n/locale";
import { requireUser } from "../_auth/session";
import { defaultScopeUnitId, getUnitById, getUserScope, scopeReadsCommune } from "@/db/queries/access";
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
  const user = await requireUser({ capability: "read" });
  const db = await getReadDb();
  const org = await getOverseeingUnit(db);
  const userScope = await getUserScope(db, user);
  // The overseeing unit for whoever may read it; else the user's own unit. Only the communes they may read.
  const unit = org ? await getUnitById(db, await defaultScopeUnitId(db, userScope, org.id)) : null;
  const communes = unit
    ? (await listCommunesWithSuccessors(db, { unitId: unit.id })).filter((c) => scopeReadsCommune(userScope, c.id))
    : [];
  const structure = STRUCTURE_ROWS.find((s) => s.code === unit?.structure);
  const caption = td("listCaption", { scope: unit?.name ?? "–" });
  return (
    <>
      <h1>{t("title")}</h1>
      <p className="subtitle">
        {t("intro", {
          scope: unit?.name ?? "–",
          structure: structure ? (locale === "vi" ? structure.nameVi : structure.nameEn) : "–",
        })}{" "}
        · {t("count", { count: communes.length })}
      </p>
      <section className="card">
        <div className="card-toolbar">
          <p className="muted small">{td("listHint")}</p>
          <DomTableExport tableId="unit-list" name={tableFileName("danh-sach-xa", unit?.code)} title={caption} />
        </div>
        <div className="table-wrap">
          <table className="data" id="unit-list" data-testid="unit-list">
            <caption className="sr-only">{caption}</caption>
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
