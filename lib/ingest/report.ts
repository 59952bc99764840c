/**
 * What the preview shows besides the values: the downloadable error list and unusual-value warnings.
 */
import { makeIssue } from "./issues";
import { messages } from "./messages";
import type { IngestIssue, IngestValue, IngestWarning } from "./types";

/** Cells Excel would run as a formula (= + - @) or that start with tab/CR get a leading apostrophe. */
function neutralize(cell: string): string {
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

function csvCell(cell: string): string {
  const safe = neutralize(cell);
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The error list as CSV for Excel: UTF-8 with BOM, CRLF, columns line,column,value,message, every
 * cell neutralized against formula injection. Messages in Vietnamese unless `locale` is "en".
 * @example errorsToCsv([{ line: 14, column: "procedures_online", value: "130", code: "procedures_online_le_received", messageVi: "Dòng 14, …", messageEn: "Line 14, …" }])
 *   → "\uFEFFline,column,value,message\r\n14,procedures_online,130,\"Dòng 14, …\"\r\n"
 */
export function errorsToCsv(errors: readonly IngestIssue[], locale: "vi" | "en" = "vi"): string {
  const lines = [["line", "column", "value", "message"].join(",")];
  for (const e of errors) {
    const cells = [e.line === null ? "" : String(e.line), e.column ?? "", e.value ?? "", locale === "vi" ? e.messageVi : e.messageEn];
    lines.push(cells.map(csvCell).join(","));
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/**
 * Warn about values more than 3× the commune's own median of earlier quarters (indicators.md):
 * shown in the preview, never a block. A median of 0 or less gives no baseline and is skipped
 * (otherwise every first non-zero count of a rare element would be flagged).
 * @param medians keyed `${unitCode}|${element}`, computed by the caller from stored history
 * @example unusualValueWarnings([{ unitCode: "21115", element: "meetings_held", value: 90, line: 7, … }], new Map([["21115|meetings_held", 20]]))
 *   → [{ line: 7, column: "meetings_held", value: "90", code: "unusual_value", messageVi: "Dòng 7, cột meetings_held: 90 lớn hơn 3 lần …" }]
 */
export function unusualValueWarnings(values: readonly IngestValue[], medians: ReadonlyMap<string, number>): IngestWarning[] {
  const out: IngestWarning[] = [];
  for (const v of values) {
    const median = medians.get(`${v.unitCode}|${v.element}`);
    if (median === undefined || !(median > 0) || v.value <= 3 * median) continue;
    out.push(makeIssue({ line: v.line, column: v.element }, "unusual_value", String(v.value), messages.unusual_value({ value: v.value, median })));
  }
  return out;
}
