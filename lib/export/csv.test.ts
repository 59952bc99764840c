import { describe, expect, it } from "vitest";
import fc from "fast-check";
import Papa from "papaparse";
import { toCsv } from "./csv";

describe("toCsv", () => {
  it("starts with a BOM, uses CRLF and neutralizes formulas", () => {
    expect(
      toCsv(
        ["đơn vị", "giá trị"],
        [
          ['=HYPERLINK("x")', 2],
          ["Xã Trà Tân", null],
          ["-3", -3],
        ],
      ),
    ).toBe('\uFEFFđơn vị,giá trị\r\n"\'=HYPERLINK(""x"")",2\r\nXã Trà Tân,\r\n\'-3,-3\r\n');
  });
  it("round-trips any text through a CSV parser (after neutralization)", () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const csv = toCsv(["a", "b"], rows);
        const parsed = Papa.parse<string[]>(csv.slice(1), { delimiter: ",", newline: "\r\n" }).data.slice(
          1,
          rows.length + 1,
        );
        const expected = rows.map((r) => r.map((c) => (/^[=+\-@\t\r]/.test(c) ? `'${c}` : c)));
        expect(parsed).toEqual(expected);
      }),
    );
  });
});
