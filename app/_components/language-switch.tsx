import { getTranslations } from "next-intl/server";
import { getLocale } from "../_i18n/locale";
import { setLocale } from "./locale-actions";
import { LOCALES } from "@/lib/format";

export async function LanguageSwitch() {
  const t = await getTranslations("language");
  const locale = await getLocale();
  return (
    <form action={setLocale} className="language-switch" aria-label={t("label")}>
      {LOCALES.map((l) => (
        <button
          key={l}
          type="submit"
          name="locale"
          value={l}
          aria-pressed={l === locale}
          lang={l}
          className={l === locale ? "active" : undefined}
        >
          {t(l)}
        </button>
      ))}
    </form>
  );
}
