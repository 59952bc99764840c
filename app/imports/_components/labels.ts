/** Small pure helpers shared by the import page's server and client components. */
import type { Locale } from "@/lib/format";
import { formatNumber } from "@/lib/format";
import { consistencyRules, getElement } from "@/lib/indicators/catalogue";

/** next-intl keys of `imports.encodings` by the ingest encoding name (keys may not contain "-"). */
export const ENCODING_KEYS = {
  "utf-8": "utf8",
  "utf-8-bom": "utf8bom",
  "utf-16le": "utf16le",
  "utf-16be": "utf16be",
  "windows-1258": "windows1258",
} as const;

export const SHAPES = ["wide", "long", "json", "dhis2", "xlsx"] as const;
export const STATUSES = ["preview", "committed", "unchanged", "rejected", "reverted"] as const;
export const SOURCES = ["web", "api", "cli", "demo", "revert", "form"] as const;

export function isOneOf<T extends string>(list: readonly T[], x: string | null | undefined): x is T {
  return x !== null && x !== undefined && (list as readonly string[]).includes(x);
}

/** An element's label in the person's language, or its code when not in the catalogue. */
export function elementLabel(code: string, locale: Locale): string {
  const e = getElement(code);
  return e ? (locale === "vi" ? e.labelVi : e.labelEn) : code;
}

/** A counts figure with the locale's grouping: 1.234 / 1,234. */
export function count(n: number, locale: Locale): string {
  return formatNumber(n, locale, 0);
}

/** `12,5 KB` / `3,1 MB`. */
export function formatBytes(bytes: number, locale: Locale): string {
  if (bytes < 1024) return `${count(bytes, locale)} B`;
  if (bytes < 1024 * 1024) return `${formatNumber(bytes / 1024, locale, 1)} KB`;
  return `${formatNumber(bytes / (1024 * 1024), locale, 1)} MB`;
}

/** A consistency rule written as its inequality, by labels: `Số hồ sơ tiếp nhận trực tuyến ≤ Số hồ sơ thủ tục hành chính tiếp nhận`. */
export function ruleText(code: string, locale: Locale): string {
  const rule = consistencyRules.find((r) => r.code === code);
  const label = (e: string) => elementLabel(e, locale);
  if (rule) return `${label(rule.lhs)} ≤ ${rule.rhs.map(label).join(" + ")}`;
  if (code === "voter_requests_answered_le_available")
    return `${label("voter_requests_answered")} ≤ ${label("voter_requests_received")} + …`;
  return code;
}

/** Case- and diacritic-insensitive text for filtering: "Dòng 3" and "dong 3" match. */
export function fold(s: string): string {
  return s.normalize("NFD").replace(/\p{M}/gu, "").replace(/đ/g, "d").replace(/Đ/g, "D").toLowerCase();
}

/** The `{ error: { message, messageEn } }` of an API answer, in the person's language, if present. */
export function apiErrorMessage(body: unknown, locale: Locale): string | null {
  if (!body || typeof body !== "object" || !("error" in body)) return null;
  const e = (body as { error?: { message?: unknown; messageEn?: unknown } }).error;
  const text = locale === "en" && typeof e?.messageEn === "string" ? e.messageEn : e?.message;
  return typeof text === "string" ? text : null;
}
