/**
 * Hostile uploads against the parsers' limits, in-process: each is refused with `too_large` (413) and a
 * message naming the limit, before memory grows; legitimate large inputs still read.
 */
import { describe, expect, test } from "vitest";
import { AppError } from "../errors";
import { deepJson, farColumn, giantCell, manyRows, wideCsv, workbook, zipBomb } from "./__fixtures__/bombs";
import { districtCtx, TRA_BONG_2025_06 } from "./__fixtures__/units";
import { ingestFile } from "./ingest";
import { nestingDepth } from "./json";
import { DEFAULT_LIMITS } from "./limits";
import type { IngestOptions } from "./types";

async function refusal(bytes: Uint8Array, name: string, options: Omit<IngestOptions, "fileName" | "onValues"> = {}) {
  const err = await ingestFile(bytes, name, districtCtx, options).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  const e = err as AppError;
  return { code: e.code, status: e.status, vi: e.messageVi, en: e.messageEn };
}

const ADVICE_VI =
  "vượt giới hạn nên không đọc được; chưa ghi gì. Hãy chia tệp thành nhiều tệp nhỏ hơn (ví dụ theo quý hoặc " +
  "theo xã), bỏ các cột, ô không cần thiết, hoặc lưu thành CSV rồi tải lên lại.";

describe("Excel limits", () => {
  test("a 5 MB zip bomb declaring 2 GB inflated is refused from the zip directory, before inflating", async () => {
    const bomb = zipBomb(2000);
    expect(bomb.length).toBeLessThan(6 * 1024 * 1024);
    const r = await refusal(bomb, "bomb.xlsx");
    expect(r).toEqual({
      code: "too_large",
      status: 413,
      vi: `Tệp Excel khi giải nén lớn hơn giới hạn 300 MB (tệp có thể bị hỏng hoặc chứa dữ liệu bất thường), ${ADVICE_VI}`,
      en:
        "The Excel file inflates past the 300 MB limit (it may be damaged or hold abnormal data), past the " +
        "limit, so it was not read; nothing was written. Split it into smaller files (e.g. by quarter or " +
        "commune), remove unneeded columns or cells, or save it as CSV and upload again.",
    });
  });

  test("a zip bomb that lies about its size stops where the lie is found (damaged file, 422 issue)", async () => {
    const r = await ingestFile(zipBomb(2000, true), "liar.xlsx", districtCtx);
    expect(r.errors.map((e) => [e.code, e.messageEn])).toEqual([
      ["xlsx_invalid", expect.stringContaining("too many bytes in the stream")],
    ]);
  });

  test("inflated bytes are counted while streaming: a sheet past the inflated limit is refused", async () => {
    const r = await refusal(zipBomb(20), "big.xlsx", { limits: { xlsxMaxInflatedBytes: 10 * 1024 * 1024 } });
    expect([r.code, r.status, r.vi.startsWith("Tệp Excel khi giải nén lớn hơn giới hạn 10 MB")]).toEqual([
      "too_large",
      413,
      true,
    ]);
  });

  test("one giant cell (50 million characters in a ~50 KB file), inline or shared, is refused", async () => {
    const inline = giantCell(50_000_000);
    expect(inline.length).toBeLessThan(1024 * 1024);
    // 30 million: a 50-million-character shared-string table is refused by its own size limit first (40 MB).
    for (const bytes of [inline, giantCell(30_000_000, true)]) {
      const r = await refusal(bytes, "cell.xlsx");
      expect(r.vi).toBe(`Một ô của tệp dài hơn 32.767 ký tự, ${ADVICE_VI}`);
      expect([r.code, r.status]).toEqual(["too_large", 413]);
    }
  });

  test("a shared-string table past its limit is refused from its declared size", async () => {
    const r = await refusal(giantCell(50_000_000, true), "sst.xlsx");
    expect([r.code, r.vi]).toEqual([
      "too_large",
      `Bảng chữ của tệp Excel khi giải nén lớn hơn giới hạn 40 MB, ${ADVICE_VI}`,
    ]);
  });

  test("a cell at column XFD is refused by the column limit", async () => {
    const r = await refusal(farColumn(), "wide.xlsx");
    expect([r.code, r.status, r.vi]).toEqual(["too_large", 413, `Tệp có hơn 500 cột, ${ADVICE_VI}`]);
  });

  test("rows past the row limit are refused", async () => {
    const codes = TRA_BONG_2025_06.map((u) => u.code);
    const r = await refusal(manyRows(1200, codes, ["2025Q1"]), "rows.xlsx", { limits: { maxRows: 1000 } });
    expect([r.code, r.vi]).toEqual(["too_large", `Tệp có hơn 1.000 dòng, ${ADVICE_VI}`]);
  });

  test("33,000 distinct rows (the file that used to exhaust the heap) read in full, streamed", async () => {
    const codes = TRA_BONG_2025_06.map((u) => u.code);
    const periods = Array.from({ length: 100 }, (_, i) => `${2000 + Math.floor(i / 4)}Q${(i % 4) + 1}`);
    const bytes = manyRows(33_000, codes.slice(0, 16), periods);
    const r = await ingestFile(bytes, "rows.xlsx", districtCtx, { maxErrors: 5 });
    expect(r.rowsRead).toBe(33_000);
    // 16 communes × 100 quarters = 1,600 distinct keys, repeated: every later repetition is a duplicate.
    expect([r.values.length, r.errorCount]).toEqual([1600, 33_000 - 1600]);
  });

  test("a plain workbook still reads (shared strings, inline strings, numbers)", async () => {
    const sheet =
      `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" ` +
      `t="inlineStr"><is><t>meetings_held</t></is></c></row><row r="3"><c r="A3"><v>21136</v></c><c r="B3" ` +
      `t="s"><v>2</v></c><c r="C3"><v>7</v></c></row>`;
    const r = await ingestFile(workbook(sheet, ["Mã xã", "Kỳ báo cáo", "Q1/2025"]), "ok.xlsx", districtCtx);
    expect([r.errors, r.values.map((v) => [v.line, v.unitCode, v.period, v.element, v.value])]).toEqual([
      [],
      [[3, "21136", "2025Q1", "meetings_held", 7]],
    ]);
  });
});

describe("JSON and CSV limits", () => {
  test("JSON nested 100,000 deep is refused before parsing", async () => {
    const r = await refusal(deepJson(100_000), "deep.json");
    expect([r.code, r.status, r.vi]).toEqual(["too_large", 413, `Tệp JSON lồng nhau sâu hơn 64 cấp, ${ADVICE_VI}`]);
  });

  test("nestingDepth skips brackets inside strings", () => {
    expect(nestingDepth('[{"a":"[[[[","b":[1]}]')).toBe(3);
  });

  test("JSON past the size or record limit is refused", async () => {
    const doc = Buffer.from(
      JSON.stringify(Array.from({ length: 20 }, () => ({ commune_code: "21136", period: "2025Q1", values: {} }))),
    );
    expect((await refusal(doc, "r.json", { limits: { jsonMaxRecords: 10 } })).vi).toBe(
      `Tệp JSON có hơn 10 bản ghi, ${ADVICE_VI}`,
    );
    expect((await refusal(doc, "r.json", { limits: { jsonMaxBytes: 100 } })).code).toBe("too_large");
  });

  test("a CSV of 200,000 columns is refused by the column limit", async () => {
    const r = await refusal(wideCsv(200_000), "wide.csv");
    expect([r.code, r.status, r.vi]).toEqual(["too_large", 413, `Tệp có hơn 500 cột, ${ADVICE_VI}`]);
  });

  test("a CSV line of megabytes without a line break is refused before it is held", async () => {
    const r = await refusal(Buffer.from("a".repeat(5_000_000)), "line.csv");
    expect([r.code, r.vi]).toEqual(["too_large", `Một dòng của tệp dài hơn 1.000.000 ký tự, ${ADVICE_VI}`]);
  });

  test("the defaults", () => {
    expect(DEFAULT_LIMITS).toEqual({
      xlsxMaxBytes: 25 * 1024 * 1024,
      xlsxMaxInflatedBytes: 300 * 1024 * 1024,
      xlsxMaxSharedStringsBytes: 40 * 1024 * 1024,
      maxRows: 2_000_000,
      maxColumns: 500,
      maxCellChars: 32_767,
      maxLineChars: 1_000_000,
      jsonMaxBytes: 50 * 1024 * 1024,
      jsonMaxDepth: 64,
      jsonMaxRecords: 2_000_000,
    });
  });
});
