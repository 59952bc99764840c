import { describe, expect, test } from "vitest";
import { SeenValues } from "./seen";

describe("SeenValues", () => {
  test("elements of one line, then a repeat from another line", () => {
    const seen = new SeenValues(23);
    expect([seen.check(7, 0, 5), seen.check(7, 22, 5), seen.check(7, 3, 5)]).toEqual([undefined, undefined, undefined]);
    expect([seen.check(7, 22, 9), seen.check(7, 0, 5), seen.check(8, 0, 9)]).toEqual([5, 5, undefined]);
  });

  test("elements from several lines keep each its own line", () => {
    const seen = new SeenValues(23);
    seen.check(1, 2, 10);
    seen.check(1, 4, 11);
    seen.check(1, 6, 12);
    expect([
      seen.check(1, 2, 20),
      seen.check(1, 4, 20),
      seen.check(1, 6, 20),
      seen.check(1, 8, 20),
      seen.check(1, 8, 21),
    ]).toEqual([10, 11, 12, undefined, 20]);
  });

  test("large keys and line numbers stay exact", () => {
    const seen = new SeenValues(23);
    const key = 99999 * 40000 + 39999;
    seen.check(key, 21, 400_000_000);
    expect(seen.check(key, 21, 1)).toBe(400_000_000);
  });

  test("a catalogue of more than 24 elements", () => {
    const seen = new SeenValues(40);
    seen.check(3, 39, 2);
    seen.check(3, 30, 2);
    expect([seen.check(3, 39, 4), seen.check(3, 30, 4), seen.check(3, 1, 4)]).toEqual([2, 2, undefined]);
  });
});
