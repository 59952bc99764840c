import { describe, expect, test } from "vitest";
import { quarterFromIndex, quarterIndex } from "../periods";
import { encodeText } from "./decode";
import { errs, fixture, vals } from "./__fixtures__/helpers";
import { districtCtx, TRA_BONG_2025_06 } from "./__fixtures__/units";
import { ingest, ingestFile, sniffKind } from "./ingest";
import type { IngestValue } from "./types";

const utf8 = (s: string) => new TextEncoder().encode(s);

/** A wide CSV of `rows` distinct commune-quarters of the 2025-06 structure (~60 bytes a row). */
function bigCsv(rows: number): string {
  const lines = [
    "commune_code;commune_name;period;meetings_held;meeting_attendees;procedures_received;procedures_online",
  ];
  for (let i = 0; i < rows; i++) {
    const unit = TRA_BONG_2025_06[i % 16];
    const period = quarterFromIndex(quarterIndex("2000Q1") + Math.floor(i / 16));
    lines.push(`${unit.code};"${unit.name}";${period};${i % 50};"${1000 + i}";${i};${i}`);
  }
  return lines.join("\r\n") + "\r\n";
}

async function* pieces(bytes: Uint8Array, sizes: number[]): AsyncGenerator<Uint8Array> {
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const n = sizes[i % sizes.length];
    yield bytes.slice(at, at + n);
    at += n;
  }
}

describe("streaming", () => {
  const bytes = encodeText(bigCsv(1600), "windows-1258");

  test("a large file in uneven chunks gives the same result as read whole, in bounded batches", async () => {
    // More than the 64 KiB sample read before choosing the delimiter.
    expect(bytes.length).toBeGreaterThan(70_000);
    const whole = await ingestFile(bytes, "big.csv", districtCtx);
    expect([whole.encoding, whole.rowsRead, whole.values.length, whole.errorCount]).toEqual([
      "windows-1258",
      1600,
      6400,
      0,
    ]);
    expect(whole.values[6399]).toEqual({
      unitCode: "21166",
      structure: "2025-06",
      period: "2024Q4",
      element: "procedures_online",
      value: 1599,
      line: 1601,
    });

    const batches: IngestValue[][] = [];
    const summary = await ingest(pieces(bytes, [1, 4093, 7, 65536, 333]), districtCtx, {
      fileName: "big.csv",
      batchSize: 250,
      onValues: (b) => void batches.push(b),
    });
    expect(batches.every((b) => b.length <= 250)).toBe(true);
    expect(batches.flat()).toEqual(whole.values);
    expect(summary).toEqual({ ...whole, values: undefined, valueCount: 6400 } as unknown as typeof summary);
  });

  test("a slow consumer is awaited before the next batch", async () => {
    let busy = false;
    let overlapped = false;
    await ingest(pieces(bytes, [5000]), districtCtx, {
      batchSize: 100,
      onValues: async () => {
        if (busy) overlapped = true;
        busy = true;
        await new Promise((r) => setTimeout(r, 1));
        busy = false;
      },
    });
    expect(overlapped).toBe(false);
  });

  test("a synchronous iterable of chunks is accepted too", async () => {
    const r = await ingest([utf8("commune_code,period,meetings_held\n211"), utf8("15,2025Q1,3\n")], districtCtx);
    expect([r.valueCount, r.errorCount]).toEqual([1, 0]);
  });

  test("errors are capped, all are counted", async () => {
    const text =
      "commune_code,period,meetings_held\n" +
      Array.from({ length: 50 }, (_, i) => `21115,${quarterFromIndex(quarterIndex("2010Q1") + i)},x`).join("\n");
    const r = await ingestFile(utf8(text), "bad.csv", districtCtx, { maxErrors: 10 });
    expect([r.errors.length, r.errorCount]).toEqual([10, 50]);
    expect(r.errors.map((e) => e.line)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
  });
});

describe("shape detection", () => {
  test("from content and name", () => {
    expect(sniffKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), "renamed.csv")).toEqual({ kind: "xlsx" });
    expect(sniffKind(new Uint8Array([0x50, 0x4b, 0x03, 0x04]), "report.docx")).toEqual({
      kind: "unsupported",
      what: ".docx",
    });
    expect(sniffKind(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0]), "old.xls")).toEqual({
      kind: "unsupported",
      what: "Excel 97-2003 .xls",
    });
    expect(sniffKind(utf8("%PDF-1.7"), "scan.pdf")).toEqual({ kind: "unsupported", what: "PDF" });
    expect(sniffKind(utf8('  [{"commune_code":1}]'), "data.txt")).toEqual({ kind: "json" });
    expect(sniffKind(encodeText('{"dataValues":[]}', "utf-16le"), "")).toEqual({ kind: "json" });
    expect(sniffKind(utf8("commune_code,period"), "data.json")).toEqual({ kind: "json" });
    expect(sniffKind(utf8("commune_code,period"), "data.txt")).toEqual({ kind: "csv" });
  });

  test("a workbook renamed .csv is still read as Excel", async () => {
    const r = await ingestFile(fixture("template.xlsx"), "export.csv", districtCtx);
    expect([r.shape, r.values.length]).toEqual(["xlsx", 8]);
  });

  test("an old .xls is refused with what to do", async () => {
    const r = await ingestFile(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), "bc.xls", districtCtx);
    expect([r.shape, errs(r.errors)]).toEqual([null, [[null, null, "file_format_unsupported", null]]]);
    expect(r.errors[0].messageVi).toBe(
      "Định dạng tệp không được hỗ trợ (Excel 97-2003 .xls). Hãy lưu tệp dưới dạng Excel .xlsx, CSV hoặc JSON.",
    );
  });

  test("a broken workbook", async () => {
    const r = await ingestFile(
      new Uint8Array([0x50, 0x4b, 0x03, 0x04, 1, 2, 3, 4, 5, 6, 7, 8]),
      "bc.xlsx",
      districtCtx,
    );
    expect(r.errors.map((e) => e.code)).toEqual(["xlsx_invalid"]);
  });
});

describe("whole-file problems", () => {
  test.each([
    ["", "a.csv"],
    ["\r\n\r\n  \r\n", "a.csv"],
    ["\uFEFF", "a.csv"],
  ])("%j is empty", async (text, name) => {
    const r = await ingestFile(utf8(text), name, districtCtx);
    expect(errs(r.errors)).toEqual([[null, null, "file_empty", null]]);
  });

  test("a JSON syntax error names the line of the file", async () => {
    const r = await ingestFile(utf8('[\n {"commune_code": "21115",\n  "period": }\n]'), "x.json", districtCtx);
    expect(errs(r.errors)).toEqual([[null, null, "json_invalid", null]]);
    expect(r.errors[0].messageVi).toMatch(/^Tệp JSON không hợp lệ \(dòng 3 của tệp\): /);
  });

  test("a JSON document of another shape", async () => {
    const r = await ingestFile(utf8('{"data": []}'), "x.json", districtCtx);
    expect(errs(r.errors)).toEqual([[null, null, "json_shape_invalid", null]]);
  });

  test("no header row among the first 50 rows", async () => {
    const r = await ingestFile(
      utf8(Array.from({ length: 60 }, (_, i) => `title ${i};x`).join("\n")),
      "t.csv",
      districtCtx,
    );
    expect(errs(r.errors)).toEqual([[null, null, "header_not_found", null]]);
  });

  test("a header without data rows", async () => {
    const r = await ingestFile(utf8("commune_code,period,meetings_held\n\n"), "t.csv", districtCtx);
    expect(errs(r.errors)).toEqual([[null, null, "no_rows", null]]);
  });
});

describe("rows", () => {
  test("rows with only a row number are empty; a value under no header is an error", async () => {
    const text = "STT,commune_code,period,meetings_held,\n1,21115,2025Q1,3,\n2,,,,\n3,21118,2025Q1,4,oops\n";
    const r = await ingestFile(utf8(text), "t.csv", districtCtx);
    expect([r.rowsRead, vals(r).map((v) => v[0]), errs(r.errors)]).toEqual([
      2,
      [2, 4],
      [[4, "E", "unexpected_cell", "oops"]],
    ]);
  });

  test("JSON rule errors speak of records", async () => {
    const json = JSON.stringify([
      { commune_code: "21115", period: "2025Q1", values: { procedures_received: 5, procedures_online: 6 } },
    ]);
    const r = await ingestFile(utf8(json), "r.json", districtCtx);
    expect(r.errors.map((e) => [e.messageVi, e.messageEn])).toEqual([
      [
        "Bản ghi 1: Số hồ sơ tiếp nhận trực tuyến (6) lớn hơn số hồ sơ thủ tục hành chính tiếp nhận (5) của Thị " +
          "trấn Trà Xuân (21115), Quý I/2025: kiểm tra lại một trong hai số.",
        "Record 1: Case files received online (6) is greater than administrative case files received (5) for " +
          "Thị trấn Trà Xuân (21115), Q1 2025: check one of the two figures.",
      ],
    ]);
  });

  test("DHIS2 rules are checked across data values of the same commune and quarter", async () => {
    const json = JSON.stringify({
      period: "2025Q1",
      dataValues: [
        { orgUnit: "21115", dataElement: "procedures_resolved", value: "5" },
        { orgUnit: "21118", dataElement: "procedures_on_time", value: "9" },
        { orgUnit: "21115", dataElement: "procedures_on_time", value: "6" },
      ],
    });
    const r = await ingestFile(utf8(json), "dv.json", districtCtx);
    expect(errs(r.errors)).toEqual([[3, "procedures_on_time", "procedures_on_time_le_resolved", "6"]]);
  });
});
