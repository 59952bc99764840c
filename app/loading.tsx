import { getTranslations } from "next-intl/server";

export default async function Loading() {
  const t = await getTranslations();
  return (
    <div aria-busy="true" aria-live="polite">
      <p className="sr-only">{t("loading")}</p>
      <div className="skeleton" />
    </div>
  );
}
