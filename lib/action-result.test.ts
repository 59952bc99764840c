import { describe, expect, it } from "vitest";
import { errorText, fail, failFrom } from "./action-result";
import { ValidationError } from "./errors";
import { fileEmpty } from "./import-errors";

describe("server action results", () => {
  it("turns an AppError into the one error shape, with details when given", () => {
    expect(failFrom(fileEmpty("a.csv"))).toEqual({
      error: {
        code: "file_empty",
        message:
          'Tệp "a.csv" trống (0 byte). Hãy chọn tệp có dòng tiêu đề và ít nhất một dòng số liệu rồi tải lên lại.',
        messageEn:
          'The file "a.csv" is empty (0 bytes). Choose a file with a header row and at least one data row, and upload it again.',
      },
    });
    expect(fail("validation_failed", { message: "Sai.", messageEn: "Wrong." }, { email: "a@b.vn" })).toEqual({
      error: { code: "validation_failed", message: "Sai.", messageEn: "Wrong.", details: { email: "a@b.vn" } },
    });
  });

  it("says every problem of a validation error", () => {
    const err = new ValidationError([
      { code: "email", messageVi: "Email thiếu.", messageEn: "Email missing." },
      { code: "password", messageVi: "Mật khẩu ngắn.", messageEn: "Password too short." },
    ]);
    expect(failFrom(err).error).toEqual({
      code: "validation_failed",
      message: "Email thiếu. Mật khẩu ngắn.",
      messageEn: "Email missing. Password too short.",
    });
  });

  it("rethrows anything that is not an AppError (an outage is not a form error)", () => {
    const outage = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    expect(() => failFrom(outage)).toThrow(outage);
  });

  it("shows the message in the reader's language", () => {
    expect(errorText({ message: "Sai.", messageEn: "Wrong." }, "vi")).toBe("Sai.");
    expect(errorText({ message: "Sai.", messageEn: "Wrong." }, "en")).toBe("Wrong.");
  });
});
