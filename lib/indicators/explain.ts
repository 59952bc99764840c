/**
 * How a figure was computed, in words a person can check: "152 / 180 = 84,4 % (mục tiêu ≥ 80,0 %)".
 */
import { formatNumber, formatPercent, type Locale } from "../format";
import type { IndicatorDef } from "./catalogue";
import type { IndicatorValue } from "./compute";

export function formatIndicatorValue(def: IndicatorDef, value: number | null, locale: Locale): string {
  return def.kind === "rate" ? formatPercent(value, locale) : formatNumber(value, locale);
}

export function explainIndicator(def: IndicatorDef, v: IndicatorValue, locale: Locale): string {
  const vi = locale === "vi";
  let text: string;
  if (v.value === null) {
    text = vi ? "Không có dữ liệu (chưa báo cáo hoặc mẫu số bằng 0)" : "No data (not reported or zero denominator)";
  } else if (def.kind === "rate") {
    text = `${formatNumber(v.numerator, locale, 0)} / ${formatNumber(v.denominator, locale, 0)} = ${formatPercent(v.value, locale)}`;
  } else {
    text = `${vi ? "Tổng" : "Total"} ${formatNumber(v.value, locale, 0)}`;
  }
  if (v.target !== null) {
    const target = formatIndicatorValue(def, v.target, locale);
    text += vi ? ` (mục tiêu ≥ ${target})` : ` (target ≥ ${target})`;
  }
  return text;
}
