import { describe, expect, test } from "vitest";
import { dataElements } from "../indicators/catalogue";
import { knownColumnKeys, mapHeader, matchElement, roleOf } from "./columns";
import { IssueSink } from "./issues";
import { columnKey, columnLetter, editDistance, fold } from "./text";

describe("text keys", () => {
  test("fold strips case, diacritics, đ and extra spaces", () => {
    expect(fold("  Xã Trà  Thủy ")).toBe("xa tra thuy");
    expect(fold("ĐÔNG Trà Bồng")).toBe("dong tra bong");
    expect(fold("Ư Ơ ư ơ")).toBe("u o u o");
  });

  test("columnKey also drops punctuation and spaces", () => {
    expect(columnKey("meetings_held")).toBe("meetingsheld");
    expect(columnKey(" MEETINGS-HELD ")).toBe("meetingsheld");
    expect(columnKey("Mã đơn vị")).toBe("madonvi");
  });

  test("column letters and edit distance", () => {
    expect([0, 25, 26, 27, 701, 702].map(columnLetter)).toEqual(["A", "Z", "AA", "AB", "ZZ", "AAA"]);
    expect(editDistance("tra tan", "tra tien")).toBe(2);
  });
});

describe("column names", () => {
  test("no two names of different meaning collide once folded", () => {
    const byKey = new Map<string, Set<string>>();
    for (const { key, meaning } of knownColumnKeys()) byKey.set(key, (byKey.get(key) ?? new Set()).add(meaning));
    expect([...byKey].filter(([, m]) => m.size > 1)).toEqual([]);
  });

  test("every element matches by code, Vietnamese label and English label", () => {
    for (const e of dataElements) {
      expect([matchElement(e.code), matchElement(e.labelVi), matchElement(e.labelEn)]).toEqual([
        e.code,
        e.code,
        e.code,
      ]);
    }
  });

  test.each([
    ["Số hội nghị, cuộc họp đã tổ chức (kể cả họp thôn)", "meetings_held"],
    ["so hoi nghi cuoc hop da to chuc ke ca hop thon", "meetings_held"],
    ["SỐ BUỔI ĐỐI THOẠI VỚI NHÂN DÂN", "dialogues_held"],
    ["  Case-files resolved on time. ", "procedures_on_time"],
    ['Số mô hình "Dân vận khéo" được công nhận', "skilled_models"],
    // Old-style tone placement (hoá) folds like the catalogue's (hóa).
    ["Số hồ sơ được số hoá", "procedures_digitized"],
    ["Số hồ sơ", null],
  ])("matchElement(%j) → %j", (text, expected) => {
    expect(matchElement(text)).toBe(expected);
  });

  test("identity columns in English and Vietnamese", () => {
    expect(["commune_code", "Mã đơn vị", "MÃ XÃ", "ma xa"].map((h) => roleOf(h).kind)).toEqual([
      "code",
      "code",
      "code",
      "code",
    ]);
    expect(["commune_name", "Tên đơn vị", "Tên xã"].map((h) => roleOf(h).kind)).toEqual(["name", "name", "name"]);
    expect(
      ["period", "Kỳ báo cáo", "year", "Năm", "quarter", "Quý", "STT", "", null].map((h) => roleOf(h).kind),
    ).toEqual(["period", "period", "year", "year", "quarter", "quarter", "ignore", "blank", "blank"]);
    expect(roleOf("Ghi chú").kind).toBe("unknown");
  });
});

describe("mapHeader", () => {
  test("a Vietnamese template header", () => {
    const sink = new IssueSink();
    const h = mapHeader(["STT", "Mã xã", "Năm", "Quý", "Số buổi đối thoại với Nhân dân", null], 4, sink);
    expect(h.layout).toBe("wide");
    expect(h.usable).toBe(true);
    expect(h.columns.map((c) => [c.header, c.role])).toEqual([
      ["STT", { kind: "ignore" }],
      ["Mã xã", { kind: "code" }],
      ["Năm", { kind: "year" }],
      ["Quý", { kind: "quarter" }],
      ["Số buổi đối thoại với Nhân dân", { kind: "element", element: "dialogues_held" }],
      ["F", { kind: "blank" }],
    ]);
    expect(sink.errors).toEqual([]);
  });

  test("a long header", () => {
    const sink = new IssueSink();
    const h = mapHeader(["commune_code", "period", "element", "value"], 1, sink);
    expect([h.layout, h.usable, sink.errors]).toEqual(["long", true, []]);
  });

  test("unknown columns are one error listing them; duplicates name the first column", () => {
    const sink = new IssueSink();
    const h = mapHeader(["commune_code", "period", "meetings_held", "Ghi chú", "Meetings held", "x"], 1, sink);
    expect(h.usable).toBe(true);
    expect(sink.errors.map((e) => [e.line, e.column, e.code, e.messageVi])).toEqual([
      [
        1,
        "Meetings held",
        "duplicate_column",
        'Dòng 1, cột Meetings held: cột trùng với cột "meetings_held" (cùng là "Số hội nghị, cuộc họp đã tổ ' +
          'chức (kể cả họp thôn)"); mỗi chỉ tiêu chỉ được có một cột: xoá một trong hai cột.',
      ],
      [
        1,
        "Ghi chú, x",
        "unknown_columns",
        "Dòng 1, cột Ghi chú, x: cột không có trong danh mục: Ghi chú, x. Hãy đặt tên cột bằng mã chỉ tiêu (ví " +
          "dụ meetings_held) hoặc tên chỉ tiêu đúng như danh mục, hoặc xóa các cột này.",
      ],
    ]);
  });

  test("missing commune, period and element columns make the header unusable", () => {
    const sink = new IssueSink();
    expect(mapHeader(["Năm", "Ghi chú"], 2, sink).usable).toBe(false);
    expect(sink.errors.map((e) => [e.line, e.code])).toEqual([
      [2, "unknown_columns"],
      [2, "missing_column"],
      [2, "missing_column"],
      [2, "no_element_columns"],
    ]);
    expect(sink.errors[1].messageVi).toBe(
      "Dòng 2: thiếu cột mã xã: cần commune_code / Mã xã / Mã đơn vị, hoặc Tên xã.",
    );
  });

  test("long layout without a value column", () => {
    const sink = new IssueSink();
    expect(mapHeader(["commune_code", "period", "element"], 1, sink).usable).toBe(false);
    expect(sink.errors.map((e) => e.messageEn)).toEqual(["Line 1: missing value column (value)."]);
  });
});
