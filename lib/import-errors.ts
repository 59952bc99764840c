/**
 * Errors of the import store and its entry points (size limit, empty file, unknown import, revert
 * refused); their HTTP status comes from lib/errors.ts. Messages say what is wrong and what to do, Vietnamese first.
 */
import { AppError } from "./errors";
import { formatNumber } from "./format";

/** Default upload limit: 50 MB (import-format.md), configurable with IMPORT_MAX_BYTES. */
export const DEFAULT_MAX_BYTES = 50 * 1024 * 1024;

export function maxUploadBytes(env: NodeJS.ProcessEnv = process.env): number {
  const n = Number(env.IMPORT_MAX_BYTES);
  return Number.isFinite(n) && n > 0 ? n : DEFAULT_MAX_BYTES;
}

const mb = (bytes: number, locale: "vi" | "en") => formatNumber(bytes / (1024 * 1024), locale, 1);

export function fileTooLarge(limit: number): AppError {
  return new AppError(
    "file_too_large",
    `Tệp lớn hơn giới hạn ${mb(limit, "vi")} MB. Hãy chia tệp thành nhiều tệp nhỏ hơn (ví dụ theo quý hoặc theo xã) rồi tải lên lần lượt.`,
    `The file is larger than the ${mb(limit, "en")} MB limit. Split it into smaller files (e.g. by quarter or ` +
      `commune) and upload them one by one.`,
  );
}

export function noFile(): AppError {
  return new AppError(
    "no_file",
    "Không nhận được tệp. Hãy chọn tệp CSV, JSON hoặc Excel (.xlsx) rồi tải lên.",
    "No file was received. Choose a CSV, JSON or Excel (.xlsx) file and upload it.",
  );
}

/** An uploaded file with no bytes at all: named, and told apart from "no file was sent". */
export function fileEmpty(name: string): AppError {
  return new AppError(
    "file_empty",
    `Tệp "${name}" trống (0 byte). Hãy chọn tệp có dòng tiêu đề và ít nhất một dòng số liệu rồi tải lên lại.`,
    `The file "${name}" is empty (0 bytes). Choose a file with a header row and at least one data row, and upload it again.`,
    { fileName: name },
  );
}

export function importNotFound(id: number | string): AppError {
  return new AppError("import_not_found", `Không có lần nhập số ${id}.`, `There is no import number ${id}.`);
}

export function notRevertible(id: number, status: string): AppError {
  const why =
    status === "reverted"
      ? { vi: "đã được hoàn tác trước đó", en: "has already been reverted" }
      : status === "unchanged"
        ? { vi: "không thay đổi số liệu nào", en: "did not change any figure" }
        : { vi: "không ghi số liệu nào", en: "did not write any figure" };
  return new AppError(
    "import_not_revertible",
    `Không thể hoàn tác lần nhập số ${id}: lần nhập này ${why.vi}.`,
    `Import ${id} cannot be reverted: it ${why.en}.`,
  );
}

export interface LaterChange {
  unitCode: string;
  period: string;
  element: string;
  importId: number;
}

export function revertConflict(id: number, changes: LaterChange[], total: number): AppError {
  const list = changes.map((c) => `${c.unitCode} ${c.period} ${c.element} (#${c.importId})`).join("; ");
  const more = total > changes.length ? `; … (+${total - changes.length})` : "";
  return new AppError(
    "revert_conflict",
    `Không thể hoàn tác lần nhập số ${id}: ${total} số liệu của nó đã được lần nhập sau sửa tiếp: ` +
      `${list}${more}. Hãy hoàn tác các lần nhập sau trước.`,
    `Import ${id} cannot be reverted: ${total} of its figures were changed again by later imports: ` +
      `${list}${more}. Revert the later imports first.`,
  );
}

export function noOverseeingUnit(code: string): AppError {
  return new AppError(
    "no_scope",
    `Chưa có đơn vị theo dõi ${code} trong danh mục. Hãy nạp danh mục đơn vị hành chính trước.`,
    `The overseeing unit ${code} is not in the unit list. Load the administrative units first.`,
  );
}
