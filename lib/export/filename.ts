/**
 * Download names of the exports: an ASCII name every browser and mail gateway keeps, and the Vietnamese
 * name in `filename*` (RFC 6266 / RFC 5987) for those that read it.
 */
import { formatPeriod } from "../format";

export type SummaryFormat = "xlsx" | "docx" | "csv";

export const CONTENT_TYPES: Record<SummaryFormat, string> = {
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
  docx: "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
  csv: "text/csv; charset=utf-8",
};

/** A period code safe in a file name: `2024Q3..2025Q2` → `2024Q3-2025Q2`. */
function periodSlug(code: string): string {
  return code.replace(/\.\./g, "-").replace(/[^0-9A-Za-z-]/g, "");
}

/**
 * @example summaryFileName("525", "2025Q1", "xlsx") → "bieu-tong-hop-525-2025Q1.xlsx"
 *          summaryFileName("525", "2025Q1", "docx") → "bao-cao-dan-van-chinh-quyen-525-2025Q1.docx"
 */
export function summaryFileName(scopeCode: string, periodCode: string, format: SummaryFormat): string {
  const stem = format === "docx" ? "bao-cao-dan-van-chinh-quyen" : "bieu-tong-hop";
  return `${stem}-${scopeCode.replace(/[^0-9A-Za-z]/g, "")}-${periodSlug(periodCode)}.${format}`;
}

/** @example summaryDisplayName("Huyện Trà Bồng", "2025Q1", "xlsx") → "Biểu tổng hợp Huyện Trà Bồng Quý I-2025.xlsx" */
export function summaryDisplayName(scopeName: string, periodCode: string, format: SummaryFormat): string {
  const stem = format === "docx" ? "Báo cáo Dân vận chính quyền" : "Biểu tổng hợp";
  const safe = `${stem} ${scopeName} ${formatPeriod(periodCode, "vi")}`
    .replace(/[\\/:*?"<>|]+/g, "-")
    .replace(/\s+/g, " ")
    .trim();
  return `${safe}.${format}`;
}

/** RFC 5987 value: percent-encoded UTF-8, with the characters encodeURIComponent leaves but the grammar forbids. */
function ext(value: string): string {
  return encodeURIComponent(value.normalize("NFC")).replace(
    /['()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

/**
 * @example contentDisposition("bieu-tong-hop-525-2025Q1.xlsx", "Biểu tổng hợp Huyện Trà Bồng Quý I-2025.xlsx")
 *   → `attachment; filename="bieu-tong-hop-525-2025Q1.xlsx"; filename*=UTF-8''Bi%E1%BB%83u%20t%E1%BB%95ng…`
 */
export function contentDisposition(asciiName: string, utf8Name: string): string {
  const ascii = asciiName.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${ext(utf8Name)}`;
}

/**
 * The base name of an on-screen table's download: its parts joined by "-", ASCII letters, digits, "_"
 * and "-" only (period ranges `2024Q3..2025Q2` become `2024Q3-2025Q2`); empty parts are left out.
 * @example tableFileName("xep-hang", "online_rate", "2025Q2") → "xep-hang-online_rate-2025Q2"
 */
export function tableFileName(...parts: (string | number | null | undefined)[]): string {
  return parts
    .map((p) =>
      String(p ?? "")
        .normalize("NFD")
        .replace(/[\u0300-\u036f]/g, "")
        .replace(/[đĐ]/g, (c) => (c === "đ" ? "d" : "D"))
        .replace(/\.\./g, "-")
        .replace(/\s+/g, "-")
        .replace(/[^0-9A-Za-z_-]/g, "")
        .replace(/-+/g, "-")
        .replace(/^-|-$/g, ""),
    )
    .filter(Boolean)
    .join("-");
}
