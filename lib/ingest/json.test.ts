import { describe, expect, test } from "vitest";
import { syntaxErrorOffset } from "./json";

describe("syntaxErrorOffset", () => {
  test.each([
    ['{"a": }', 6],
    ["[1, 2,]", 6],
    ['{"a": 1 "b": 2}', 8],
    ['["unterminated', 14],
    ["[01]", 2],
    ["[1] x", 4],
    ["", 0],
    ['{"a": tru}', 6],
  ])("%j fails at %d", (text, offset) => {
    expect(syntaxErrorOffset(text)).toBe(offset);
    expect(() => JSON.parse(text)).toThrow();
  });

  test("valid JSON has no error offset", () => {
    for (const text of [
      '{"reports": [{"a": -1.5e3, "b": [true, false, null], "c": "\\"x\\""}]}',
      " [] ",
      '"\\u00e0"',
    ]) {
      expect([text, syntaxErrorOffset(text)]).toEqual([text, -1]);
    }
  });
});
