/**
 * Every number, date and period shown to a person or written to an export goes through here.
 * Vietnamese first: `1.234,5`, `26/11/2026`, `Quý I/2025`, `6 tháng đầu năm 2025`, `9 tháng năm 2025`.
 */
import { inVietnam, parsePeriod, parseQuarterCode } from "./periods";

export type Locale = "vi" | "en";
export const LOCALES: readonly Locale[] = ["vi", "en"];
export const DEFAULT_LOCALE: Locale = "vi";

export function isLocale(x: unknown): x is Locale {
  return x === "vi" || x === "en";
}

/** Intl locale used for numbers: Vietnamese separators in Vietnamese, English ones in English. */
function numberLocale(locale: Locale): string {
  return locale === "vi" ? "vi-VN" : "en-GB";
}

/**
 * Round half up (away from zero for positives) to `digits` decimals, immune to binary noise:
 * 84.45 → 84.5 although 84.45 * 10 is 844.4999… in floating point.
 */
export function roundHalfUp(x: number, digits = 1): number {
  const f = 10 ** digits;
  const scaled = Number((Math.abs(x) * f).toPrecision(12));
  return (Math.sign(x) * Math.round(scaled)) / f;
}

const numberFormats = new Map<string, Intl.NumberFormat>();
function nf(locale: Locale, digits: number, fixed: boolean): Intl.NumberFormat {
  const key = `${locale}|${digits}|${fixed}`;
  let f = numberFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(numberLocale(locale), {
      minimumFractionDigits: fixed ? digits : 0,
      maximumFractionDigits: digits,
      useGrouping: true,
    });
    numberFormats.set(key, f);
  }
  return f;
}

/** `1234.5` → `1.234,5` (vi) / `1,234.5` (en). Null → `–` (no data). */
export function formatNumber(x: number | null | undefined, locale: Locale = "vi", digits = 1): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  return nf(locale, digits, false).format(roundHalfUp(x, digits));
}

/** A percentage already on the 0–100 scale, one decimal always shown: `84,4 %` / `84.4%`. */
export function formatPercent(x: number | null | undefined, locale: Locale = "vi"): string {
  if (x === null || x === undefined || !Number.isFinite(x)) return "–";
  const s = nf(locale, 1, true).format(roundHalfUp(x, 1));
  return locale === "vi" ? `${s} %` : `${s}%`;
}

function pad2(n: number): string {
  return String(n).padStart(2, "0");
}

/**
 * `26/11/2026` in both languages (dd/mm/yyyy is what Vietnamese officials write), on Vietnam's
 * calendar whatever the server's time zone.
 */
export function formatDate(d: Date): string {
  const v = inVietnam(d);
  return `${pad2(v.getUTCDate())}/${pad2(v.getUTCMonth() + 1)}/${v.getUTCFullYear()}`;
}

/** `26/11/2026 14:05`, Vietnam time. */
export function formatDateTime(d: Date): string {
  const v = inVietnam(d);
  return `${formatDate(d)} ${pad2(v.getUTCHours())}:${pad2(v.getUTCMinutes())}`;
}

const ROMAN = ["I", "II", "III", "IV"];

/** `2025Q1` → `Quý I/2025` (vi) / `Q1 2025` (en). */
export function formatQuarter(code: string, locale: Locale = "vi"): string {
  const q = parseQuarterCode(code);
  if (!q) return code;
  return locale === "vi" ? `Quý ${ROMAN[q.quarter - 1]}/${q.year}` : `Q${q.quarter} ${q.year}`;
}

/**
 * Any period code in words.
 * @example formatPeriod("2025S1") → "6 tháng đầu năm 2025"; formatPeriod("2025N9") → "9 tháng năm 2025"
 */
export function formatPeriod(code: string, locale: Locale = "vi"): string {
  const p = parsePeriod(code);
  if (!p) return code;
  const year = p.quarters[0].slice(0, 4);
  switch (p.kind) {
    case "quarter":
      return formatQuarter(p.code, locale);
    case "half":
      if (p.code.endsWith("S1")) return locale === "vi" ? `6 tháng đầu năm ${year}` : `First half of ${year}`;
      return locale === "vi" ? `6 tháng cuối năm ${year}` : `Second half of ${year}`;
    case "nine":
      return locale === "vi" ? `9 tháng năm ${year}` : `First nine months of ${year}`;
    case "year":
      return locale === "vi" ? `Năm ${year}` : `Year ${year}`;
    case "range": {
      const first = formatQuarter(p.quarters[0], locale);
      const last = formatQuarter(p.quarters[p.quarters.length - 1], locale);
      return `${first} – ${last}`;
    }
  }
}
