/**
 * Errors of the indicator and completeness queries (HTTP status from lib/errors.ts by code). Vietnamese
 * first; each says what is wrong and what is expected.
 */
import { AppError } from "../errors";
import { indicators } from "./catalogue";
import { PERIOD_FORMS_EN, PERIOD_FORMS_VI } from "./comparison";

export function unitNotFound(code: string, structure: string): AppError {
  return new AppError(
    "unit_not_found",
    `Không có đơn vị hành chính mã ${code} trong danh mục ${structure}. Hãy kiểm tra mã đơn vị (ví dụ 525) và ` +
      `cơ cấu (2025-06: trước 01/7/2025, 2025-07: từ 01/7/2025).`,
    `There is no administrative unit ${code} in structure ${structure}. Check the unit code (e.g. 525) and the ` +
      `structure (2025-06: before 1 July 2025, 2025-07: from 1 July 2025).`,
  );
}

export function unitIdNotFound(id: number): AppError {
  return new AppError(
    "unit_not_found",
    `Không có đơn vị hành chính số ${id}.`,
    `There is no administrative unit with id ${id}.`,
  );
}

export function badPeriod(input: string): AppError {
  return new AppError(
    "bad_period",
    `Kỳ báo cáo "${input}" không hợp lệ. Hãy dùng: ${PERIOD_FORMS_VI}.`,
    `The period "${input}" is not valid. Use: ${PERIOD_FORMS_EN}.`,
  );
}

export function unknownIndicators(codes: readonly string[]): AppError {
  const known = indicators.map((i) => i.code).join(", ");
  return new AppError(
    "unknown_indicator",
    `Không có chỉ tiêu ${codes.join(", ")}. Các chỉ tiêu hiện có: ${known}.`,
    `Unknown indicator ${codes.join(", ")}. The indicators are: ${known}.`,
  );
}
