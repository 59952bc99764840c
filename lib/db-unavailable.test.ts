import { describe, expect, test } from "vitest";
import { dbUnavailable, isDbUnavailable } from "./db-unavailable";

const coded = (code: string, extra: object = {}) => Object.assign(new Error(code), { code, ...extra });

describe("isDbUnavailable", () => {
  test("refused, reset, shutting down, starting up, driver-closed: unavailable", () => {
    for (const code of [
      "ECONNREFUSED",
      "ECONNRESET",
      "57P01",
      "57P02",
      "57P03",
      "08006",
      "CONNECTION_ENDED",
      "CONNECTION_CLOSED",
      "CONNECT_TIMEOUT",
    ]) {
      expect([code, isDbUnavailable(coded(code))]).toEqual([code, true]);
    }
  });

  test("wrapped by drizzle (cause) or grouped (AggregateError of both addresses of localhost)", () => {
    expect(isDbUnavailable(new Error("Failed query: select 1", { cause: coded("57P01") }))).toBe(true);
    expect(isDbUnavailable(new AggregateError([coded("ECONNREFUSED"), coded("ECONNREFUSED")]))).toBe(true);
  });

  test("other errors are not: a unique violation, a syntax error, a plain Error, null", () => {
    expect([
      isDbUnavailable(coded("23505")),
      isDbUnavailable(coded("42601")),
      isDbUnavailable(new Error("x")),
      isDbUnavailable(null),
    ]).toEqual([false, false, false, false]);
  });

  test("the refusal: 503 db_unavailable, Vietnamese first", () => {
    const e = dbUnavailable();
    expect([e.code, e.status, e.messageVi]).toEqual([
      "db_unavailable",
      503,
      "Cơ sở dữ liệu tạm thời không truy cập được (đang khởi động lại hoặc mất kết nối); chưa ghi gì. Hãy thử " +
        "lại sau 5 giây; nếu vẫn lỗi, báo cho quản trị viên.",
    ]);
  });
});
