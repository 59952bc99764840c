import { describe, expect, test } from "vitest";
import { CsvRowReader, detectDelimiter, parseCsv } from "./csv";

describe("detectDelimiter", () => {
  test.each([
    ["commune_code,period,meetings_held\n21115,2025Q1,3\n", ","],
    ["Mã xã;Kỳ báo cáo;meetings_held\n21115;2025Q1;1,234\n", ";"],
    ["commune_code\tperiod\tmeetings_held\n21115\t2025Q1\t1,234\n", "\t"],
    // Commas inside Vietnamese labels of a semicolon file do not mislead it.
    [
      "Mã xã;Số tin, bài trên hệ thống truyền thanh, trang thông tin điện tử;Số hội nghị, cuộc họp đã tổ chức " +
        "(kể cả họp thôn)\n21115;3;4\n21118;5;6\n",
      ";",
    ],
    // Title rows above the header.
    ["BÁO CÁO, QUÝ I\nMã xã;Kỳ báo cáo;meetings_held\n21115;2025Q1;3\n21118;2025Q1;4\n", ";"],
    // Delimiters inside quotes do not count.
    ['a,"x;y;z;w",b\n1,"p;q;r;s",2\n', ","],
  ])("%j → %j", (sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });

  test("a single column falls back to comma", () => {
    expect(detectDelimiter("commune_code\n21115\n")).toBe(",");
  });
});

describe("CsvRowReader", () => {
  test("quoted fields with delimiters, doubled quotes and line breaks inside", () => {
    const { rows } = parseCsv('a,b,c\n"x,y","say ""hi""","two\nlines"\nlast,1,2\n', ",");
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b", "c"] },
      { line: 2, cells: ["x,y", 'say "hi"', "two\nlines"] },
      { line: 4, cells: ["last", "1", "2"] },
    ]);
  });

  test("physical line numbers survive several multi-line cells and blank lines", () => {
    const { rows } = parseCsv('h1;h2\n"a\n\nb";"c\nd"\n\n\ne;f', ";");
    expect(rows.map((r) => [r.line, r.cells])).toEqual([
      [1, ["h1", "h2"]],
      [2, ["a\n\nb", "c\nd"]],
      // Lines 2–5 hold the row with the two multi-line cells.
      [6, [""]],
      [7, [""]],
      [8, ["e", "f"]],
    ]);
  });

  test("fed in arbitrary pieces, rows and lines are the same as at once", () => {
    const text = 'h1,h2\n"multi\nline",x\n"a ""q"" b",y\nz,"1,234"\n';
    const whole = parseCsv(text, ",").rows;
    for (const size of [1, 2, 3, 5, 7, 64]) {
      const reader = new CsvRowReader(",");
      const rows = [];
      for (let i = 0; i < text.length; i += size) rows.push(...reader.push(text.slice(i, i + size)));
      rows.push(...reader.end());
      expect(rows).toEqual(whole);
    }
  });

  test("an unterminated quote is flagged on the line where it starts", () => {
    const { rows } = parseCsv('a,b\n1,"open\n2,3\n', ",");
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", "open\n2,3\n"], quoteError: "unterminated" },
    ]);
  });

  test("a quote in the middle of an unquoted cell is kept as text", () => {
    expect(parseCsv('a,b\n5" screen,2\n', ",").rows[1]).toEqual({ line: 2, cells: ['5" screen', "2"] });
  });

  test("a runaway quote stops the reader instead of buffering the whole file", () => {
    const reader = new CsvRowReader(",");
    const rows = [...reader.push('a,b\n"never closed\n'), ...reader.push("x".repeat(1_100_000))];
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: [], quoteError: "unterminated" },
    ]);
    expect(reader.push("more\n")).toEqual([]);
    expect(reader.end()).toEqual([]);
  });
});
