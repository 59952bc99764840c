/**
 * One shape for an import's outcome wherever it is shown: the JSON of the HTTP API (and `--json` on the
 * command line) and the plain-text summary of the command line. The web page renders the same JSON.
 */
import type { ImportOutcome } from "@/db/queries/imports";
import type { IngestIssue } from "./ingest";
import type { ErrorBody } from "./errors";
import { formatNumber, formatPeriod } from "./format";

export interface ApiIssue {
  line: number | null;
  column: string | null;
  value: string | null;
  code: string;
  /** Vietnamese. */
  message: string;
  messageEn: string;
}

export interface ImportResponse {
  /** Only when `status` is `rejected`: the one error shape, beside the file's `errors` list. */
  error?: ErrorBody;
  status: ImportOutcome["status"];
  importId: number | null;
  fileName: string;
  fileSize: number;
  sha256: string;
  encoding: string | null;
  shape: string | null;
  counts: { rows: number; values: number; new: number; changed: number; unchanged: number };
  errors: ApiIssue[];
  errorCount: number;
  warnings: ApiIssue[];
  warningCount: number;
  changes: ImportOutcome["changes"];
}

const issue = (i: IngestIssue): ApiIssue => ({
  line: i.line,
  column: i.column,
  value: i.value,
  code: i.code,
  message: i.messageVi,
  messageEn: i.messageEn,
});

/**
 * The error of a rejected file: what happened, how many problems there are and whether the `errors`
 * list beside it is cut (the first 1,000 are listed).
 */
function rejection(o: ImportOutcome): ErrorBody {
  const n = (x: number, locale: "vi" | "en") => formatNumber(x, locale, 0);
  const cut = o.errorCount > o.errors.length;
  const listedVi = cut ? ` (liệt kê ${n(o.errors.length, "vi")} lỗi đầu tiên)` : "";
  const listedEn = cut ? ` (the first ${n(o.errors.length, "en")} are listed)` : "";
  return {
    code: "import_rejected",
    message:
      `Tệp "${o.fileName}" có ${n(o.errorCount, "vi")} lỗi${listedVi}, chưa ghi gì. ` +
      "Hãy sửa các lỗi trong danh sách rồi tải lên lại.",
    messageEn:
      `The file "${o.fileName}" has ${n(o.errorCount, "en")} ${o.errorCount === 1 ? "error" : "errors"}${listedEn}; ` +
      "nothing was written. Fix the listed errors and upload it again.",
    details: { total: o.errorCount, listed: o.errors.length, truncated: cut },
  };
}

export function importResponse(o: ImportOutcome): ImportResponse {
  return {
    ...(o.status === "rejected" ? { error: rejection(o) } : {}),
    status: o.status,
    importId: o.importId,
    fileName: o.fileName,
    fileSize: o.fileSize,
    sha256: o.sha256,
    encoding: o.encoding,
    shape: o.shape,
    counts: o.counts,
    errors: o.errors.map(issue),
    errorCount: o.errorCount,
    warnings: o.warnings.map(issue),
    warningCount: o.warningCount,
    changes: o.changes,
  };
}

const STATUS_TEXT: Record<ImportOutcome["status"], string> = {
  preview: "Xem trước, chưa ghi gì / preview, nothing written",
  committed: "Đã ghi dữ liệu / committed",
  unchanged: "Không có gì thay đổi / unchanged: the same figures are already stored",
  rejected: "Bị từ chối, chưa ghi gì / rejected, nothing written",
};

/** The command line's summary, bilingual, every error on its own line. */
export function formatImportSummary(o: ImportOutcome): string {
  const n = (x: number) => formatNumber(x, "vi", 0);
  const lines = [
    `${o.fileName}: ${STATUS_TEXT[o.status]}${o.importId ? ` (#${o.importId})` : ""}`,
    `  dòng / rows: ${n(o.counts.rows)} · số liệu / values: ${n(o.counts.values)} · mới / new: ` +
      `${n(o.counts.new)} · thay đổi / changed: ${n(o.counts.changed)} · giữ nguyên / unchanged: ${n(o.counts.unchanged)}`,
  ];
  if (o.errorCount) {
    lines.push(
      `  ${n(o.errorCount)} lỗi / errors${o.errorCount > o.errors.length ? ` (${n(o.errors.length)} đầu tiên / first shown)` : ""}:`,
    );
    for (const e of o.errors) lines.push(`  - ${e.messageVi}`);
  }
  if (o.warningCount) {
    lines.push(`  ${n(o.warningCount)} cảnh báo / warnings:`);
    for (const w of o.warnings) lines.push(`  - ${w.messageVi}`);
  }
  if (o.status === "preview" && o.changes.length) {
    lines.push("  Thay đổi / changes:");
    for (const c of o.changes.slice(0, 20)) {
      lines.push(
        `  - ${c.unitCode} ${c.unitName}, ${formatPeriod(c.period)}, ${c.element}: ` +
          `${c.oldValue === null ? "(mới / new)" : n(c.oldValue)} → ${n(c.newValue)}`,
      );
    }
    if (o.changes.length > 20) lines.push(`  … (+${o.changes.length - 20})`);
  }
  return lines.join("\n");
}
