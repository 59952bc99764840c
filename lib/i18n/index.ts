import { en as enCore } from "./en";
import { vi as viCore } from "./vi";
import type { Locale } from "../format";
import { sections } from "./sections";

type SectionMessages = { [K in keyof typeof sections]: (typeof sections)[K]["en"] };
export type Messages = typeof enCore & SectionMessages;

function build(locale: Locale): Messages {
  const out: Record<string, unknown> = { ...(locale === "vi" ? viCore : enCore) };
  for (const [name, s] of Object.entries(sections as Record<string, { vi: unknown; en: unknown }>))
    out[name] = s[locale];
  return out as Messages;
}

export const messages: Record<Locale, Messages> = { vi: build("vi"), en: build("en") };
/** Cookie holding the person's language choice. */
export const LOCALE_COOKIE = "NEXT_LOCALE";
