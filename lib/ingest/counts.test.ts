import { describe, expect, test } from "vitest";
import { MAX_COUNT, parseCount } from "./counts";

describe("parseCount", () => {
  test.each([
    ["1234", 1234],
    ["1.234", 1234],
    ["1,234", 1234],
    ["1 234", 1234],
    ["1\u00a0234", 1234],
    ["1\u202f234", 1234],
    ["  12  ", 12],
    ["0", 0],
    ["007", 7],
    ["1.234.567", 1234567],
    ["12,345,678", 12345678],
    ["2147483647", 2147483647],
    ["2.147.483.647", 2147483647],
  ])("%j → %d", (input, expected) => {
    expect(parseCount(input)).toEqual({ kind: "ok", value: expected });
  });

  test.each([
    ["12.5", "value_decimal"],
    ["1.5", "value_decimal"],
    ["0.500", "value_decimal"],
    ["1,234.5", "value_decimal"],
    ["1.234,5", "value_decimal"],
    ["1,23", "value_bad_grouping"],
    ["12,5", "value_bad_grouping"],
    ["12 34", "value_bad_grouping"],
    ["1.23.456", "value_bad_grouping"],
    ["1,2345", "value_bad_grouping"],
    ["-3", "value_negative"],
    ["\u22123", "value_negative"],
    ["- 1.234", "value_negative"],
    ["abc", "value_not_number"],
    ["1e3", "value_not_number"],
    ["+5", "value_not_number"],
    ["12a", "value_not_number"],
    ["#DIV/0!", "value_not_number"],
    ["2147483648", "value_too_large"],
    ["99.999.999.999", "value_too_large"],
  ])("%j → %s", (input, code) => {
    expect(parseCount(input)).toEqual({ kind: "error", code });
  });

  test("empty means not reported, which is not 0", () => {
    expect(parseCount("")).toEqual({ kind: "empty" });
    expect(parseCount("   ")).toEqual({ kind: "empty" });
    expect(parseCount("\u00a0")).toEqual({ kind: "empty" });
    expect(parseCount(null)).toEqual({ kind: "empty" });
    expect(parseCount(undefined)).toEqual({ kind: "empty" });
    expect(parseCount("0")).toEqual({ kind: "ok", value: 0 });
  });

  test("numeric cells from Excel and JSON", () => {
    expect(parseCount(1234)).toEqual({ kind: "ok", value: 1234 });
    expect(parseCount(-0)).toEqual({ kind: "ok", value: 0 });
    expect(parseCount(2.5)).toEqual({ kind: "error", code: "value_decimal" });
    expect(parseCount(-3)).toEqual({ kind: "error", code: "value_negative" });
    expect(parseCount(MAX_COUNT + 1)).toEqual({ kind: "error", code: "value_too_large" });
    expect(parseCount(Number.NaN)).toEqual({ kind: "error", code: "value_not_number" });
    expect(parseCount(true)).toEqual({ kind: "error", code: "value_not_number" });
    expect(parseCount(new Date(2025, 0, 1))).toEqual({ kind: "error", code: "value_not_number" });
  });
});
