import { getLocale as getIntlLocale } from "next-intl/server";
import { DEFAULT_LOCALE, isLocale, type Locale } from "@/lib/format";

/** The request's locale as our own type, for the formatting helpers in lib/format.ts. */
export async function getLocale(): Promise<Locale> {
  const l = await getIntlLocale();
  return isLocale(l) ? l : DEFAULT_LOCALE;
}
