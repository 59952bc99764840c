/** Errors of report intake, Vietnamese first; they become `errors` of a rejected upload (422). */
import { AppError } from "@/lib/errors";

export type ReportErrorCode =
  | "file_type_unsupported"
  | "file_unreadable"
  | "file_empty"
  | "pdf_no_text"
  | "unit_unknown"
  | "unit_outside_scope"
  | "period_unknown"
  | "period_locked"
  | "no_items"
  | "too_large";

export class ReportFileError extends AppError {
  constructor(code: ReportErrorCode, vi: string, en: string) {
    super(code, vi, en);
    this.name = "ReportFileError";
  }
}

const FORMAT: Record<string, string> = {
  docx: "Word (.docx)",
  doc: "Word 97–2003 (.doc)",
  pdf: "PDF",
  txt: "văn bản (.txt)",
};

/** The error for a file that cannot be read as a report. */
export function reportFileError(
  code: "file_type_unsupported" | "file_unreadable" | "file_empty" | "pdf_no_text",
  detail: string,
): ReportFileError {
  switch (code) {
    case "file_type_unsupported":
      return new ReportFileError(
        code,
        `Không đọc được tệp .${detail}: báo cáo cần là tệp Word (.docx, .doc), ` +
          `PDF có lớp chữ, hoặc văn bản (.txt, .md).`,
        `Cannot read a .${detail} file: a report must be Word ` +
          `(.docx, .doc), a PDF with text, or plain text (.txt, .md).`,
      );
    case "file_unreadable":
      return new ReportFileError(
        code,
        `Tệp ${FORMAT[detail] ?? detail} bị hỏng hoặc không đúng định dạng, ` +
          `không đọc được nội dung. Hãy mở tệp bằng Word, lưu lại rồi tải lên lần nữa.`,
        `The ${detail} file is damaged ` +
          `or not what its name says; its text could not be read. Open it in Word, save it again and re-upload.`,
      );
    case "file_empty":
      return new ReportFileError(
        code,
        "Tệp không có nội dung văn bản đủ để đọc thành báo " + "cáo.",
        "The file holds too little text to be read as a report.",
      );
    case "pdf_no_text":
      return new ReportFileError(
        code,
        "Tệp PDF không có lớp chữ (có thể là bản scan/ảnh chụp), hệ thống không " +
          "đọc được. Hãy tải lên tệp Word gốc hoặc PDF xuất trực tiếp từ Word.",
        "The PDF has no text layer " +
          "(probably a scan); it cannot be read. Upload the original Word file or a PDF exported from Word.",
      );
  }
}

/**
 * A file whose compressed content inflates past what a report may hold (a zip or deflate bomb): 413,
 * refused before the reader builds anything from it.
 */
export function reportContentTooLarge(format: string, limitMb: number): ReportFileError {
  return new ReportFileError(
    "too_large",
    `Tệp ${FORMAT[format] ?? format} chứa nội dung nén giải nén ra hơn ${limitMb} MB, quá lớn đối với một ` +
      `báo cáo (tệp có thể bị hỏng hoặc cố ý làm phình), nên không đọc; chưa lưu gì. Hãy mở tệp bằng Word, ` +
      `lưu lại (hoặc xuất PDF mới) rồi tải lên lần nữa.`,
    `The ${format} file holds compressed content that inflates to more than ${limitMb} MB, too much for a ` +
      `report (it may be damaged or deliberately inflated), so it was not read; nothing was stored. Open it ` +
      `in Word, save it again (or export a new PDF) and upload it again.`,
  );
}

/** Default upload limit of a report file: 20 MB, configurable with REPORT_MAX_BYTES. */
export const DEFAULT_REPORT_MAX_BYTES = 20 * 1024 * 1024;

export function reportMaxBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.REPORT_MAX_BYTES);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_REPORT_MAX_BYTES;
}

export function reportTooLarge(limit: number): AppError {
  const mb = Math.round((limit / (1024 * 1024)) * 10) / 10;
  return new AppError(
    "file_too_large",
    `Tệp báo cáo lớn hơn giới hạn ${String(mb).replace(".", ",")} MB. Hãy bỏ bớt hình ảnh hoặc lưu lại tệp ` +
      `(Word: Tệp → Lưu thành, PDF: nén) rồi tải lên lần nữa.`,
    `The report file is larger than the ${mb} MB limit. Remove pictures or save it again smaller, then re-upload.`,
  );
}
