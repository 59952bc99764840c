import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale } from "@/lib/format";
import { LOCALE_COOKIE, messages } from "@/lib/i18n";

// The language is a person's choice kept in a cookie; Vietnamese unless they chose English.
// A server action asking for one language explicitly (getTranslations({ locale: "en" }), for an error's
// messageEn) gets that language's messages.
export default getRequestConfig(async ({ locale: explicit }) => {
  const chosen = isLocale(explicit) ? explicit : (await cookies()).get(LOCALE_COOKIE)?.value;
  const locale = isLocale(chosen) ? chosen : DEFAULT_LOCALE;
  return { locale, messages: messages[locale], timeZone: "Asia/Ho_Chi_Minh" };
});
