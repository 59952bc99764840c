import { describe, expect, it } from "vitest";
import { AppError, ERROR_CODES, ERROR_STATUS, ValidationError, badParameter, statusOf } from "./errors";
import { fileEmpty, fileTooLarge, noFile, noOverseeingUnit } from "./import-errors";
import { unauthenticated, forbiddenCapability, csrfRejected } from "./auth/errors";

describe("the code → status map", () => {
  it("is total over the closed code list and gives each code one of the agreed statuses", () => {
    expect(ERROR_CODES.length).toBeGreaterThan(0);
    for (const code of ERROR_CODES)
      expect([400, 401, 403, 404, 409, 413, 422, 429, 500, 503], code).toContain(statusOf(code));
    expect(Object.keys(ERROR_STATUS).sort()).toEqual([...ERROR_CODES].sort());
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });

  it("puts the families where the API promises them", () => {
    expect(ERROR_STATUS).toMatchObject({
      bad_request: 400,
      unauthenticated: 401,
      forbidden: 403,
      forbidden_unit: 403,
      unit_not_found: 404,
      import_not_found: 404,
      period_locked: 409,
      revert_conflict: 409,
      file_too_large: 413,
      too_large: 413,
      validation_failed: 422,
      upload_unreadable: 422,
      import_rejected: 422,
      file_empty: 422,
      db_unavailable: 503,
      internal_error: 500,
    });
  });

  it("gives every AppError the status of its code, whatever factory made it", () => {
    const made: [AppError, number][] = [
      [unauthenticated(), 401],
      [forbiddenCapability("viewer", "import"), 403],
      [csrfRejected(), 403],
      [fileTooLarge(1024 * 1024), 413],
      [noFile(), 400],
      [fileEmpty("a.csv"), 422],
      [noOverseeingUnit("525"), 409],
      [new ValidationError([]), 422],
      [badParameter("units", "x", "y"), 400],
    ];
    for (const [err, status] of made) expect(err.status, err.code).toBe(status);
  });

  it("serializes to exactly { code, message, messageEn, details? }", () => {
    expect(badParameter("units", "cần mã đơn vị", "expected a unit code").toBody()).toEqual({
      code: "bad_request",
      message: "Tham số units không hợp lệ: cần mã đơn vị.",
      messageEn: "Invalid parameter units: expected a unit code.",
      details: { parameter: "units" },
    });
    expect(Object.keys(unauthenticated().toBody())).toEqual(["code", "message", "messageEn"]);
    expect(fileEmpty("bao-cao.csv").toBody().message).toBe(
      'Tệp "bao-cao.csv" trống (0 byte). Hãy chọn tệp có dòng tiêu đề và ít nhất một dòng số liệu rồi tải lên lại.',
    );
  });
});
