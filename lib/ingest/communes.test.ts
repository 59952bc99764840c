import { describe, expect, test } from "vitest";
import { CommuneResolver, normalizeUnitCode } from "./communes";
import {
  communeCtx,
  districtCtx,
  hanoiCtx,
  provinceCtx,
  TRA_BONG_2025_06,
  TRA_BONG_2025_07,
} from "./__fixtures__/units";

const ok = (code: string, structure: string, name: string) => ({ ok: true, unit: { code, structure, name } });

describe("normalizeUnitCode", () => {
  test.each([
    [1, "00001"],
    ["1", "00001"],
    ["'00001", "00001"],
    ["’21115", "21115"],
    [21115, "21115"],
    [" 21115 ", "21115"],
    ["Xã Trà Tân", "name"],
    ["211360", null],
    ["21115.5", null],
    [21115.5, null],
    [-1, null],
  ] as const)("%j → %j", (raw, expected) => {
    expect(normalizeUnitCode(raw)).toBe(expected);
  });
});

describe("CommuneResolver", () => {
  const district = new CommuneResolver(districtCtx);

  test("a code is resolved in the structure of the row's quarter", () => {
    expect(district.resolve({ code: "21136" }, "2025-06", "2025Q2")).toEqual(ok("21136", "2025-06", "Xã Trà Tân"));
    expect(district.resolve({ code: "21136" }, "2025-07", "2025Q3")).toEqual(ok("21136", "2025-07", "Xã Cà Đam"));
  });

  test("Excel's dropped zeros and apostrophes", () => {
    const hanoi = new CommuneResolver(hanoiCtx);
    expect(hanoi.resolve({ code: 1 }, "2025-06", "2025Q1")).toEqual(ok("00001", "2025-06", "Phường Phúc Xá"));
    expect(hanoi.resolve({ code: "'4" }, "2025-07", "2025Q3")).toEqual(ok("00004", "2025-07", "Phường Ba Đình"));
  });

  test.each([
    ["Xã Trà Tân", "21136"],
    ["Trà Tân", "21136"],
    ["xã trà tân", "21136"],
    ["TRA TAN", "21136"],
    ["xa tra tan", "21136"],
    ["Thị trấn Trà Xuân", "21115"],
    ["tra xuan", "21115"],
    ["Thi tran Tra Xuan", "21115"],
    ["  Sơn   Trà ", "21148"],
    ["Tra\u0300 Ta\u0302n", "21136"],
  ])("name %j resolves to %s in 2025Q1", (name, code) => {
    const r = district.resolve({ name }, "2025-06", "2025Q1");
    expect(r.ok && r.unit.code).toBe(code);
  });

  test("a name typed in the code column is a name", () => {
    expect(district.resolve({ code: "Đông Trà Bồng" }, "2025-07", "2025Q3")).toEqual(
      ok("21127", "2025-07", "Xã Đông Trà Bồng"),
    );
  });

  test("names with and without the Đặc khu prefix", () => {
    const p = new CommuneResolver(provinceCtx);
    expect(p.resolve({ name: "Đặc khu Lý Sơn" }, "2025-07", "2025Q3")).toEqual(
      ok("21548", "2025-07", "Đặc khu Lý Sơn"),
    );
    expect(p.resolve({ name: "ly son" }, "2025-07", "2025Q3")).toEqual(ok("21548", "2025-07", "Đặc khu Lý Sơn"));
  });

  test("exact diacritics decide between names that differ only by them", () => {
    const p = new CommuneResolver(provinceCtx);
    expect(p.resolve({ name: "Bình Thạnh" }, "2025-06", "2025Q1")).toEqual(ok("21046", "2025-06", "Xã Bình Thạnh"));
    expect(p.resolve({ name: "Bình Thanh" }, "2025-06", "2025Q1")).toEqual(ok("21091", "2025-06", "Xã Bình Thanh"));
    const r = p.resolve({ name: "binh thanh" }, "2025-06", "2025Q1");
    expect(r).toMatchObject({ ok: false, code: "commune_name_ambiguous", via: "name" });
    expect(!r.ok && r.detail.vi).toBe(
      'tên "binh thanh" trùng với nhiều đơn vị: 21046 Xã Bình Thạnh, 21091 Xã Bình Thanh. Hãy dùng mã xã để chỉ rõ.',
    );
  });

  test("a name shared by two units in scope is ambiguous and lists both", () => {
    const r = new CommuneResolver(provinceCtx).resolve({ name: "Phường Nguyễn Nghiêm" }, "2025-06", "2025Q2");
    expect(!r.ok && [r.code, r.detail.en]).toEqual([
      "commune_name_ambiguous",
      'the name "Phường Nguyễn Nghiêm" matches several units: 21025 Phường Nguyễn Nghiêm, 21439 Phường Nguyễn ' +
        "Nghiêm. Use the commune code instead.",
    ]);
  });

  test("an unknown name lists similar names in scope", () => {
    const r = district.resolve({ name: "Trà Tiên" }, "2025-06", "2025Q1");
    expect(!r.ok && [r.code, r.detail.vi]).toEqual([
      "commune_name_unknown",
      'không tìm thấy xã "Trà Tiên" trong phạm vi của bạn (Quý I/2025). Các xã có thể đúng: 21124 Xã Trà Hiệp, ' +
        "21136 Xã Trà Tân; hoặc dùng mã xã 5 chữ số.",
    ]);
  });

  test("an old name in a new quarter says what the unit became (no similar name: the whole scope is listed)", () => {
    const r = district.resolve({ name: "Trà Bùi" }, "2025-07", "2025Q3");
    expect(!r.ok && r.detail.en).toBe(
      'no commune named "Trà Bùi" in your scope (Q3 2025). Before 1 July 2025 "Trà Bùi" became: 21136 Xã Cà ' +
        "Đam, 21157 Xã Tây Trà Bồng. Possible communes: 21115 Xã Trà Bồng, 21124 Xã Thanh Bồng, 21127 Xã Đông " +
        "Trà Bồng, 21136 Xã Cà Đam, 21154 Xã Tây Trà, 21157 Xã Tây Trà Bồng; or use the 5-digit commune code.",
    );
  });

  test("a code outside the scope that exists", () => {
    const r = new CommuneResolver(communeCtx).resolve({ code: "21115" }, "2025-07", "2025Q3");
    expect(!r.ok && [r.code, r.via, r.detail.vi]).toEqual([
      "commune_out_of_scope",
      "code",
      "21115 Xã Trà Bồng (Quý III/2025) không thuộc phạm vi bạn được nhập số liệu; chỉ được nhập số liệu cho " +
        "các xã thuộc phạm vi tài khoản của bạn: bỏ dòng này khỏi tệp hoặc nhờ chuyên viên nhập.",
    ]);
  });

  test("a code absent from the quarter's structure names what it became, or came from", () => {
    const gone = district.resolve({ code: "21142" }, "2025-07", "2025Q3");
    expect(!gone.ok && [gone.code, gone.detail.vi]).toEqual([
      "commune_unknown_code",
      "mã 21142 không có trong danh mục đơn vị hành chính từ ngày 01/07/2025 (áp dụng cho Quý III/2025). Đơn vị " +
        "này đã được sắp xếp vào: 21136 Xã Cà Đam, 21157 Xã Tây Trà Bồng; hãy dùng mã mới.",
    ]);
    const early = district.resolve({ code: "21548" }, "2025-06", "2025Q2");
    expect(!early.ok && early.detail.en).toBe(
      "code 21548 does not exist in the administrative units in force before 1 July 2025 (which applies to Q2 " +
        "2025). This is a unit code from 1 July 2025, formed from: 536 Huyện Lý Sơn; figures for Q2 2025 must use the old code.",
    );
  });

  test("without the unit lists the mapping still tells existence", () => {
    const r = new CommuneResolver({ scope: TRA_BONG_2025_07, mapping: districtCtx.mapping }).resolve(
      { code: "21118" },
      "2025-07",
      "2025Q3",
    );
    expect(!r.ok && r.code).toBe("commune_unknown_code");
  });

  test("without unit lists or mapping, a code outside the scope may not exist", () => {
    const r = new CommuneResolver({ scope: TRA_BONG_2025_06 }).resolve({ code: "99999" }, "2025-06", "2025Q1");
    expect(!r.ok && [r.code, r.detail.vi]).toEqual([
      "commune_out_of_scope",
      "99999 (Quý I/2025) không thuộc phạm vi bạn được nhập số liệu (hoặc không tồn tại); chỉ được nhập số liệu " +
        "cho các xã thuộc phạm vi tài khoản của bạn: bỏ dòng này khỏi tệp hoặc nhờ chuyên viên nhập.",
    ]);
  });

  test("missing and malformed codes", () => {
    expect(district.resolve({}, "2025-06", "2025Q1")).toMatchObject({ ok: false, code: "commune_missing" });
    expect(district.resolve({ code: "  ", name: "" }, "2025-06", "2025Q1")).toMatchObject({
      ok: false,
      code: "commune_missing",
    });
    expect(district.resolve({ code: "21-115" }, "2025-06", "2025Q1")).toMatchObject({
      ok: false,
      code: "commune_code_invalid",
      via: "code",
    });
  });

  test("the name beside a code is compared without prefix, case, diacritics or punctuation", () => {
    const unit = TRA_BONG_2025_06[0];
    expect(district.nameMatches(unit, "tra xuan")).toBe(true);
    expect(district.nameMatches(unit, 'Thị trấn "Trà Xuân"')).toBe(true);
    expect(district.nameMatches(unit, "Trà Giang")).toBe(false);
  });
});
