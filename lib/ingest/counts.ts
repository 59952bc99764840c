/**
 * Count cells → non-negative integers. Every figure is a count, so a separator followed by exactly
 * three digits is always a thousands separator (`1.234`, `1,234`, `1 234` → 1234), never a decimal.
 */
import { nfc, type RawCell } from "./text";

/** The largest value stored (PostgreSQL `integer`). */
export const MAX_COUNT = 2_147_483_647;

export type CountErrorCode =
  "value_not_number" | "value_negative" | "value_decimal" | "value_bad_grouping" | "value_too_large";
export type CountParse = { kind: "empty" } | { kind: "ok"; value: number } | { kind: "error"; code: CountErrorCode };

const EMPTY: CountParse = { kind: "empty" };
const err = (code: CountErrorCode): CountParse => ({ kind: "error", code });

function checked(value: number): CountParse {
  return value > MAX_COUNT ? err("value_too_large") : { kind: "ok", value };
}

/**
 * Parse one count cell. Empty means "not reported", which is not 0.
 * @example parseCount("1.234") → { kind: "ok", value: 1234 }
 * @example parseCount("1 234") → { kind: "ok", value: 1234 } (also with a no-break space)
 * @example parseCount("12.5") → { kind: "error", code: "value_decimal" }
 * @example parseCount("1,23") → { kind: "error", code: "value_bad_grouping" }
 * @example parseCount("") → { kind: "empty" }
 */
export function parseCount(raw: RawCell): CountParse {
  if (raw === null || raw === undefined) return EMPTY;
  if (typeof raw === "number") {
    if (!Number.isFinite(raw)) return err("value_not_number");
    if (!Number.isInteger(raw)) return err("value_decimal");
    if (raw < 0) return err("value_negative");
    return checked(raw === 0 ? 0 : raw);
  }
  if (typeof raw !== "string") return err("value_not_number");
  // Spaces of every kind (no-break U+00A0, narrow no-break U+202F) act as one separator.
  const s = nfc(raw)
    .trim()
    .replace(/[\s\u00a0\u202f]/g, " ");
  if (s === "") return EMPTY;
  if (/^\d+$/.test(s)) return checked(Number(s));
  if (/^[-\u2212\u2013]\s*\d[\d.,\s]*$/.test(s)) return err("value_negative");
  if (!/^\d[\d., ]*\d$/.test(s)) return err("value_not_number");
  const seps = new Set(s.replace(/\d/g, ""));
  if (seps.size === 1) {
    const sep = [...seps][0];
    const grouped = new RegExp(`^[1-9]\\d{0,2}(?:${sep === "." ? "\\." : sep}\\d{3})+$`);
    if (grouped.test(s)) return checked(Number(s.split(sep).join("")));
    // A single point with other than three digits after it reads as a decimal point (12.5).
    if (sep === "." && /^\d+\.\d+$/.test(s)) return err("value_decimal");
    return err("value_bad_grouping");
  }
  // Both "." and "," (1.234,5 or 1,234.5): a decimal in either convention when the last part is not a group of three.
  if (!s.includes(" ") && !/[.,]\d{3}$/.test(s)) return err("value_decimal");
  return err("value_bad_grouping");
}
