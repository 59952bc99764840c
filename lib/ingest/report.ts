/**
 * What the preview shows besides the values: the downloadable error list. (Unusual-value warnings need
 * the stored history and are computed by the store: db/queries/staging.ts stagedUnusualValues.)
 */
import { csvLine } from "../export/csv";
import type { IngestIssue } from "./types";

/**
 * The error list as CSV for Excel: UTF-8 with BOM, CRLF, columns line,column,value,message, every
 * cell neutralized against formula injection. Messages in Vietnamese unless `locale` is "en".
 * @example errorsToCsv([{ line: 14, column: "procedures_online", value: "130", code:
 * "procedures_online_le_received", messageVi: "Dòng 14, …", messageEn: "Line 14, …" }])
 *   → "\uFEFFline,column,value,message\r\n14,procedures_online,130,\"Dòng 14, …\"\r\n"
 */
export function errorsToCsv(errors: readonly IngestIssue[], locale: "vi" | "en" = "vi"): string {
  let out = "\uFEFF" + csvLine(["line", "column", "value", "message"]);
  for (const e of errors)
    out += csvLine([
      e.line === null ? "" : String(e.line),
      e.column ?? "",
      e.value ?? "",
      locale === "vi" ? e.messageVi : e.messageEn,
    ]);
  return out;
}
