/**
 * The one mapper from an error to its HTTP answer (app/api/_lib/http.ts errorResponse): the status of
 * the code, 503 for a lost database, a generic 500 without internals for anything else, a capped list of
 * problems for a validation error. No database needed.
 */
import { afterEach, describe, expect, it, vi } from "vitest";
import { errorResponse, MAX_LISTED_PROBLEMS } from "@/app/api/_lib/http";
import { ValidationError } from "@/lib/errors";
import { importNotFound } from "@/lib/import-errors";

describe("errorResponse", () => {
  const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
  afterEach(() => quiet.mockClear());

  it("answers an AppError with the status of its code and exactly its body", async () => {
    const res = errorResponse(importNotFound(57));
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: {
        code: "import_not_found",
        message: "Không có lần nhập số 57.",
        messageEn: "There is no import number 57.",
      },
    });
  });

  it("answers a lost database with 503 unavailable, even wrapped by the driver, and says nothing of it", async () => {
    const refused = Object.assign(new Error("connect ECONNREFUSED 10.0.0.5:5432"), { code: "ECONNREFUSED" });
    const lost = new Error("Failed query: select 1", { cause: refused });
    const res = errorResponse(lost);
    expect(res.status).toBe(503);
    const body = await res.json();
    expect(body.error.code).toBe("db_unavailable");
    expect(JSON.stringify(body)).not.toContain("10.0.0.5");
    const shutdown = errorResponse(
      Object.assign(new Error("terminating connection due to administrator command"), { code: "57P01" }),
    );
    expect(shutdown.status).toBe(503);
  });

  it("answers anything else with a generic 500 without internals, logged on the server", async () => {
    const res = errorResponse(Object.assign(new Error('relation "secret_table" does not exist'), { code: "42P01" }));
    expect(res.status).toBe(500);
    const body = await res.json();
    expect(Object.keys(body.error)).toEqual(["code", "message", "messageEn"]);
    expect(body.error.code).toBe("internal_error");
    expect(JSON.stringify(body)).not.toContain("secret_table");
    expect(quiet).toHaveBeenCalledTimes(1);
  });

  it("lists at most MAX_LISTED_PROBLEMS problems of a validation error and counts them all", async () => {
    const problems = Array.from({ length: 2500 }, (_, i) => ({
      line: i + 2,
      code: "bad",
      messageVi: "sai",
      messageEn: "wrong",
    }));
    const res = errorResponse(new ValidationError(problems));
    expect(res.status).toBe(422);
    const body = await res.json();
    expect(body.errors).toHaveLength(MAX_LISTED_PROBLEMS);
    expect(body.error.details).toEqual({ total: 2500, truncated: true });
    expect(body.errors[0]).toEqual({
      line: 2,
      column: null,
      value: null,
      code: "bad",
      message: "sai",
      messageEn: "wrong",
    });
  });
});
