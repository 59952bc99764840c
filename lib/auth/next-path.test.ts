import { describe, expect, it } from "vitest";
import { safeNextPath } from "./next-path";

describe("safeNextPath", () => {
  it.each([
    ["/compare?period=2025Q1", "/compare?period=2025Q1"],
    ["/units/21136", "/units/21136"],
    ["//evil.example/x", "/"],
    ["https://evil.example", "/"],
    ["/\\evil.example", "/"],
    ["/login", "/"],
    ["/setup?x=1", "/"],
    ["/api/imports", "/"],
    ["/a\nb", "/"],
    [undefined, "/"],
    [["/units"], "/"],
  ])("%j → %s", (input, expected) => {
    expect(safeNextPath(input)).toBe(expected);
  });
});
