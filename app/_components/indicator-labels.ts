import type { Locale } from "@/lib/format";
import { getIndicator } from "@/lib/indicators/catalogue";

/** An indicator's label in the person's language (labels are catalogue data, not UI strings). */
export function indicatorLabel(code: string, locale: Locale): string {
  const d = getIndicator(code);
  if (!d) return code;
  return locale === "vi" ? d.labelVi : d.labelEn;
}
