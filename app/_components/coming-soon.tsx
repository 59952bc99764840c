import { getTranslations } from "next-intl/server";

/** A section whose feature is not built yet: says so plainly instead of a dead link. */
export async function ComingSoon({ section }: { section: "compare" | "imports" | "exports" | "admin" }) {
  const t = await getTranslations();
  return (
    <>
      <h1>{t(`nav.${section}`)}</h1>
      <section className="card empty">
        <p>{t("placeholder.comingSoon")}</p>
      </section>
    </>
  );
}
