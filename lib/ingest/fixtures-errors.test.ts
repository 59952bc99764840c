/**
 * The fixture corpus, files with mistakes: each kind of error of import-format.md, with its exact
 * line, column, code and value (lines are physical lines, Excel rows, or JSON record indexes).
 */
import { describe, expect, test } from "vitest";
import { errs, run, vals } from "./__fixtures__/helpers";
import { districtCtx, provinceCtx } from "./__fixtures__/units";

describe("numbers", () => {
  test("errors-values.csv: decimals, negatives, text, exponents, bad grouping, too large", async () => {
    const r = await run("errors-values.csv");
    expect(errs(r.errors)).toEqual([
      [2, "meetings_held", "value_decimal", "12.5"],
      [2, "meeting_attendees", "value_negative", "-3"],
      [2, "citizens_received", "value_not_number", "abc"],
      [3, "meetings_held", "value_not_number", "1e3"],
      [3, "meeting_attendees", "value_bad_grouping", "1,23"],
      [3, "citizens_received", "value_decimal", "1.5"],
      [4, "meetings_held", "value_too_large", "2147483648"],
      [4, "citizens_received", "value_decimal", "1,234.5"],
      [5, "meetings_held", "value_bad_grouping", "12 34"],
    ]);
    expect(vals(r)).toEqual([
      [4, "21121", "2025-06", "2025Q1", "meeting_attendees", 2147483647],
      [5, "21124", "2025-06", "2025Q1", "meeting_attendees", 0],
    ]);
    expect(r.errors[0].messageVi).toBe(
      "Dòng 2, cột Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn), Thị trấn Trà Xuân (21115), Quý I/2025: " +
        '"12.5" không phải số nguyên; số liệu là số đếm, cần một số nguyên không âm, ví dụ 12 hoặc 1.234 (để trống nếu không báo cáo).',
    );
    expect(r.errors[6].messageEn).toBe(
      "Line 4, column Conferences and meetings held (incl. village meetings), Xã Trà Thủy (21121), Q1 2025: " +
        '"2147483648" is too large; the maximum is 2,147,483,647.',
    );
  });
});

describe("communes", () => {
  test("errors-communes.csv: scope, unknown codes with their successor or predecessor, bad codes, names", async () => {
    const r = await run("errors-communes.csv");
    expect(errs(r.errors)).toEqual([
      [2, "Mã đơn vị", "commune_out_of_scope", "21025"],
      [3, "Mã đơn vị", "commune_unknown_code", "21118"],
      [4, "Mã đơn vị", "commune_unknown_code", "21548"],
      [5, "Mã đơn vị", "commune_unknown_code", "2113"],
      [6, "Mã đơn vị", "commune_code_invalid", "211360"],
      [7, "Tên đơn vị", "commune_name_unknown", "Trà Tiên"],
      [8, "Tên đơn vị", "commune_name_unknown", "Xã Trà Tân"],
      [10, "Mã đơn vị", "commune_missing", null],
    ]);
    expect(r.errors.slice(0, 3).map((e) => e.messageVi)).toEqual([
      "Dòng 2, cột Mã đơn vị: 21025 Phường Cẩm Thành (Quý III/2025) không thuộc phạm vi bạn được nhập số liệu; " +
        "chỉ được nhập số liệu cho các xã thuộc phạm vi tài khoản của bạn: bỏ dòng này khỏi tệp hoặc nhờ chuyên viên nhập.",
      "Dòng 3, cột Mã đơn vị: mã 21118 không có trong danh mục đơn vị hành chính từ ngày 01/07/2025 (áp dụng " +
        "cho Quý III/2025). Đơn vị này đã được sắp xếp vào: 21127 Xã Đông Trà Bồng; hãy dùng mã mới.",
      "Dòng 4, cột Mã đơn vị: mã 21548 không có trong danh mục đơn vị hành chính trước ngày 01/07/2025 (áp dụng " +
        "cho Quý II/2025). Đây là mã đơn vị từ 01/07/2025, hình thành từ: 536 Huyện Lý Sơn; số liệu Quý II/2025 phải dùng mã cũ.",
    ]);
    // 21136 with the old name in 2025Q3 is Xã Cà Đam: the value is kept, with a warning.
    expect(vals(r)).toEqual([[9, "21136", "2025-07", "2025Q3", "meetings_held", 2]]);
    expect(errs(r.warnings)).toEqual([[9, "Tên đơn vị", "commune_name_mismatch", "Xã Trà Tân"]]);
    expect(r.warnings[0].messageVi).toBe(
      'Dòng 9, cột Tên đơn vị: mã 21136 trong Quý III/2025 là Xã Cà Đam, không phải "Xã Trà Tân"; số liệu sẽ ' +
        "được ghi cho Xã Cà Đam. Hãy kiểm tra lại mã xã.",
    );
  });

  test("errors-names.csv: ambiguous names list their candidates; a duplicate through two spellings", async () => {
    const r = await run("errors-names.csv", provinceCtx);
    expect(errs(r.errors)).toEqual([
      [2, "commune_name", "commune_name_ambiguous", "Nguyễn Nghiêm"],
      [5, "commune_name", "commune_name_ambiguous", "binh thanh"],
      [6, "commune_name", "commune_name_ambiguous", "Xã Ba To"],
      [8, "dialogues_held", "duplicate_value", "1"],
    ]);
    expect(r.errors[2].messageVi).toBe(
      'Dòng 6, cột commune_name: tên "Xã Ba To" trùng với nhiều đơn vị: 21484 Xã Ba Tơ, 21523 Xã Ba Tô. Hãy dùng mã xã để chỉ rõ.',
    );
    expect(vals(r)).toEqual([
      [3, "21046", "2025-06", "2025Q1", "dialogues_held", 1],
      [4, "21091", "2025-06", "2025Q1", "dialogues_held", 1],
      [7, "21548", "2025-07", "2025Q3", "dialogues_held", 1],
    ]);
  });
});

describe("periods", () => {
  test("errors-periods.csv: future, before 2000, invalid, missing", async () => {
    const r = await run("errors-periods.csv");
    expect(errs(r.errors)).toEqual([
      [2, "period", "period_future", "2026Q1"],
      [3, "period", "period_too_early", "1999Q4"],
      [4, "period", "period_invalid", "2025Q5"],
      [5, "period", "period_missing", null],
      [6, "period", "period_invalid", "Quý V/2025"],
    ]);
    expect(r.errors[0].messageVi).toBe(
      "Dòng 2, cột period: Quý I/2026 chưa đến (quý hiện tại là Quý IV/2025); không nhập số liệu cho quý sau quý hiện tại.",
    );
    expect(vals(r)).toEqual([[7, "21115", "2025-07", "2025Q4", "meetings_held", 1]]);
  });

  test("errors-year-quarter.csv: the error points at the year or the quarter cell", async () => {
    const r = await run("errors-year-quarter.csv");
    expect(errs(r.errors)).toEqual([
      [2, "Quý", "period_invalid", "5"],
      [3, "Năm", "period_invalid", "25"],
      [4, "Quý", "period_missing", null],
    ]);
    expect(vals(r)).toEqual([[5, "21115", "2025-07", "2025Q4", "meetings_held", 1]]);
  });
});

describe("consistency rules and duplicates", () => {
  const ctx = { ...districtCtx, unansweredVoterRequests: new Map([["21115|2025Q1", 1]]) };

  test("errors-rules.csv: every rule, only with all its elements present; duplicates name both lines", async () => {
    const r = await run("errors-rules.csv", ctx);
    expect(errs(r.errors)).toEqual([
      [2, "petitions_resolved", "petitions_resolved_le_available", "4"],
      [2, "procedures_online", "procedures_online_le_received", "130"],
      [2, "procedures_on_time", "procedures_on_time_le_resolved", "101"],
      [2, "procedures_paid_online", "procedures_paid_online_le_resolved", "102"],
      [2, "procedures_digitized", "procedures_digitized_le_received_resolved", "221"],
      [2, "voter_requests_answered", "voter_requests_answered_le_available", "12"],
      // Line 3 answers more voter requests than received, but its earlier backlog is unknown: not flagged.
      [6, "petitions_resolved", "duplicate_value", "5"],
      [7, "petitions_carried_over", "duplicate_value", "0"],
    ]);
    expect(r.errors.map((e) => e.messageVi)).toEqual([
      "Dòng 2: Số đơn thư đã giải quyết (4) lớn hơn tổng số đơn thư kỳ trước chuyển sang và số đơn thư khiếu " +
        "nại, tố cáo, kiến nghị, phản ánh tiếp nhận (1 + 2 = 3) của Thị trấn Trà Xuân (21115), Quý I/2025: kiểm tra lại các số này.",
      "Dòng 2: Số hồ sơ tiếp nhận trực tuyến (130) lớn hơn số hồ sơ thủ tục hành chính tiếp nhận (120) của Thị " +
        "trấn Trà Xuân (21115), Quý I/2025: kiểm tra lại một trong hai số.",
      "Dòng 2: Số hồ sơ giải quyết đúng hạn (101) lớn hơn số hồ sơ đã giải quyết (100) của Thị trấn Trà Xuân " +
        "(21115), Quý I/2025: kiểm tra lại một trong hai số.",
      "Dòng 2: Số hồ sơ thanh toán trực tuyến (102) lớn hơn số hồ sơ đã giải quyết (100) của Thị trấn Trà Xuân " +
        "(21115), Quý I/2025: kiểm tra lại một trong hai số.",
      "Dòng 2: Số hồ sơ được số hóa (221) lớn hơn tổng số hồ sơ thủ tục hành chính tiếp nhận và số hồ sơ đã " +
        "giải quyết (120 + 100 = 220) của Thị trấn Trà Xuân (21115), Quý I/2025: kiểm tra lại các số này.",
      "Dòng 2: Số kiến nghị cử tri đã trả lời, giải quyết (12) lớn hơn tổng số kiến nghị cử tri tiếp nhận và " +
        "kiến nghị chưa trả lời từ các quý trước (10 + 1 = 11) của Thị trấn Trà Xuân (21115), Quý I/2025: kiểm tra lại các số này.",
      "Dòng 6: Số đơn thư đã giải quyết của Xã Trà Thủy (21121), Quý I/2025 đã có ở dòng 4; mỗi xã, quý và chỉ " +
        "tiêu chỉ được khai một lần trong một tệp: giữ một trong hai số và xoá số kia.",
      "Dòng 7: Số đơn thư kỳ trước chuyển sang của Xã Trà Giang (21118), Quý I/2025 đã có ở dòng 3; mỗi xã, quý " +
        "và chỉ tiêu chỉ được khai một lần trong một tệp: giữ một trong hai số và xoá số kia.",
    ]);
    expect(r.errors[1].messageEn).toBe(
      "Line 2: Case files received online (130) is greater than administrative case files received (120) for " +
        "Thị trấn Trà Xuân (21115), Q1 2025: check one of the two figures.",
    );
    expect([r.rowsRead, r.values.length]).toEqual([6, 25]);
  });

  test("without earlier unanswered counts the voter rule is not checked", async () => {
    const r = await run("errors-rules.csv");
    expect(r.errors.map((e) => e.code)).not.toContain("voter_requests_answered_le_available");
    expect(r.errorCount).toBe(7);
  });

  test("errors-long.csv: rules across rows of a long file, duplicates, unknown and missing elements", async () => {
    const r = await run("errors-long.csv");
    expect(errs(r.errors)).toEqual([
      [2, "procedures_online", "procedures_online_le_received", "130"],
      [4, "Số hồ sơ tiếp nhận trực tuyến", "duplicate_value", "130"],
      [5, "element", "element_unknown", "meetings_heldd"],
      [6, "element", "element_missing", null],
      [8, "procedures_on_time", "procedures_on_time_le_resolved", "11"],
    ]);
    expect(r.errors[1].messageVi).toBe(
      "Dòng 4: Số hồ sơ tiếp nhận trực tuyến của Xã Trà Phong (21154), Quý I/2025 đã có ở dòng 2; mỗi xã, quý " +
        "và chỉ tiêu chỉ được khai một lần trong một tệp: giữ một trong hai số và xoá số kia.",
    );
  });
});

describe("structure of the file", () => {
  test("errors-header.csv: unknown columns listed by name, a duplicated column", async () => {
    const r = await run("errors-header.csv");
    expect(errs(r.errors)).toEqual([
      [1, "meetings held", "duplicate_column", "meetings held"],
      [1, "ghi chú, Total", "unknown_columns", null],
    ]);
    expect(vals(r)).toEqual([[2, "21115", "2025-06", "2025Q1", "meetings_held", 3]]);
  });

  test("errors-missing-period.csv: no period column, no rows read", async () => {
    const r = await run("errors-missing-period.csv");
    expect([errs(r.errors), r.rowsRead, r.values]).toEqual([[[1, null, "missing_column", null]], 0, []]);
  });

  test("errors-quotes.csv: a multi-line cell does not shift later lines; an unclosed quote is named", async () => {
    const r = await run("errors-quotes.csv");
    expect(errs(r.errors)).toEqual([
      [4, "meetings_held", "value_not_number", "x"],
      [5, null, "csv_malformed", null],
    ]);
    expect(errs(r.warnings)).toEqual([[2, "commune_name", "commune_name_mismatch", 'Thị trấn Trà Xuân, "cũ"']]);
    expect(vals(r)).toEqual([[2, "21115", "2025-06", "2025Q1", "meetings_held", 1]]);
  });

  test("bad-bytes-bom.csv: an invalid UTF-8 byte is one error on its line; other rows import", async () => {
    const r = await run("bad-bytes-bom.csv");
    expect([r.encoding, errs(r.errors), r.rowsRead]).toEqual(["utf-8-bom", [[3, null, "encoding_invalid", null]], 3]);
    expect(vals(r).map((v) => v[0])).toEqual([2, 4]);
  });

  test("bad-bytes-1258.csv: a byte Windows-1258 lacks", async () => {
    const r = await run("bad-bytes-1258.csv");
    expect([r.encoding, errs(r.errors)]).toEqual(["windows-1258", [[4, null, "encoding_invalid", null]]]);
    expect(r.errors[0].messageEn).toBe(
      'Line 4: contains bytes that are not valid Windows-1258. Save the file as "CSV UTF-8".',
    );
    expect(vals(r).map((v) => v[0])).toEqual([2, 3]);
  });

  test("errors-json.json: record indexes as lines, unknown fields and elements, wrong types", async () => {
    const r = await run("errors-json.json");
    expect([r.shape, r.rowsRead]).toEqual(["json", 4]);
    expect(errs(r.errors)).toEqual([
      [1, "note", "unknown_field", "note"],
      [1, "meetings_held", "value_decimal", "12.5"],
      [1, "dialogues", "element_unknown", "dialogues"],
      [2, null, "record_invalid", null],
      [3, "values", "values_invalid", "[1,2]"],
      [4, "meetings_held", "value_negative", "-1"],
      [4, "dialogues_held", "value_not_number", "true"],
      [4, "procedures_received", "value_not_number", '{"n":1}'],
    ]);
    expect(r.errors[0].messageVi).toBe(
      "Bản ghi 1, trường note: trường này không được hỗ trợ; các trường hợp lệ: commune_code, commune_name, period, year, quarter, values.",
    );
  });

  test("two-sheets.xlsx: the first visible sheet has no header; a missing sheet lists the others", async () => {
    const first = await run("two-sheets.xlsx");
    expect(errs(first.errors)).toEqual([[null, null, "header_not_found", null]]);
    const missing = await run("two-sheets.xlsx", districtCtx, { sheetName: "Không có" });
    expect(errs(missing.errors)).toEqual([[null, null, "sheet_not_found", "Không có"]]);
    expect(missing.errors[0].messageVi).toBe(
      'Không có trang tính "Không có". Các trang tính trong tệp: Danh mục, Hướng dẫn, Số liệu.',
    );
  });
});
